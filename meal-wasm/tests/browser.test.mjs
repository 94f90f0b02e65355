// The browser artifact in a real browser: Debian's Chromium driven by playwright-core serves
// examples/web/ (the web-form demo) with the package, types into it and reads what a field
// worker would see. Skipped only when MEAL_BROWSER_TESTS=0 (tests/run sets it to 1).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const pkg = process.env.MEAL_WASM_PKG;
const tools = process.env.MEAL_NODE_TOOLS;
const chromiumPath = process.env.MEAL_CHROMIUM ?? "/usr/bin/chromium";
const web = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "examples", "web");
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

let server;
let browser;
let origin;

async function serve(request, response) {
  const url = new URL(request.url, "http://localhost");
  const [root, rest] = url.pathname.startsWith("/pkg/") ? [pkg, url.pathname.slice(5)] : [web, url.pathname.slice(1) || "index.html"];
  const file = normalize(join(root, rest));
  if (!file.startsWith(normalize(root))) return response.writeHead(403).end();
  try {
    const body = await readFile(file);
    response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(body);
  } catch {
    response.writeHead(404).end();
  }
}

before(async () => {
  const { chromium } = createRequire(join(tools, "package.json"))("playwright-core");
  server = createServer(serve);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("the period field shows dates and a French error as the worker types", async () => {
  const page = await browser.newPage();
  const failures = [];
  page.on("pageerror", (e) => failures.push(String(e)));
  await page.goto(`${origin}/index.html`);
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.textContent("#period-dates"), "2026Q1: 2026-01-01 → 2026-03-31");
  await page.fill("#period", "2026Q5");
  assert.equal(await page.getAttribute("#period-error", "data-code"), "period.out_of_range");
  assert.match(await page.textContent("#period-error"), /trimestre 5 hors limites/);
  await page.fill("#period", "2026W53");
  assert.equal(await page.textContent("#period-dates"), "2026W53: 2026-12-28 → 2027-01-03");
  assert.deepEqual(failures, []);
  await page.close();
});
