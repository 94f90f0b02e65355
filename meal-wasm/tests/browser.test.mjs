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
const examples = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "examples");
const web = join(examples, "web");
const types = {
  ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

let server;
let browser;
let origin;

async function serve(request, response) {
  const url = new URL(request.url, "http://localhost");
  const [root, rest] = url.pathname.startsWith("/pkg/") ? [pkg, url.pathname.slice(5)]
    : url.pathname.startsWith("/forms/") ? [join(examples, "forms"), url.pathname.slice(7)]
    : [web, url.pathname.slice(1) || "index.html"];
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

test("the consultation form follows skip logic and speaks the author's French", async () => {
  const page = await browser.newPage();
  const failures = [];
  page.on("pageerror", (e) => failures.push(String(e)));
  await page.goto(`${origin}/index.html`);
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.getAttribute("#verdict", "data-valid"), "false");
  // Pregnancy is asked only of women of reproductive age.
  assert.equal(await page.isVisible("[data-path='/enceinte']"), false);
  await page.selectOption("#sexe", "f");
  await page.fill("#age", "30");
  assert.equal(await page.isVisible("[data-path='/enceinte']"), true);
  await page.fill("#age", "8");
  assert.equal(await page.isVisible("[data-path='/enceinte']"), false);
  // A pseudonym code in the wrong shape: the form author's message, in French.
  await page.fill("#code_patient", "kab-17");
  assert.equal(await page.getAttribute("[data-path='/code_patient'] .message", "data-codes"), "form.constraint");
  assert.match(await page.textContent("[data-path='/code_patient'] .message"), /trois lettres majuscules/);
  await page.fill("#code_patient", "KAB-0417");
  assert.equal(await page.textContent("[data-path='/code_patient'] .message"), "");
  // The BMI is calculated as the worker types.
  await page.fill("#poids", "60");
  await page.fill("#taille", "170");
  assert.equal(await page.inputValue("#imc"), "20.8");
  assert.match(await page.textContent("[data-path='/note_imc'] label"), /20\.8/);
  await page.screenshot({ path: join(pkg, "..", "web-form.png"), fullPage: true });
  assert.deepEqual(failures, []);
  await page.close();
});

test("a SITREP is computed and rendered in the browser, the workbook offered for download", async () => {
  const vectors = join(examples, "..", "tests", "vectors", "compute.json");
  const input = JSON.parse(await readFile(vectors, "utf8")).vectors[0].input;
  const page = await browser.newPage();
  const failures = [];
  page.on("pageerror", (e) => failures.push(String(e)));
  await page.goto(`${origin}/index.html`);
  await page.waitForSelector("body[data-ready=true]");
  const outcome = await page.evaluate(async (input) => {
    const meal = await import("/pkg/meal_wasm.js");
    await meal.default();
    const schema = meal.Schema.fromJson(input.schema);
    const engine = new meal.Engine({
      logframes: input.logframes.map((l) => meal.Logframe.fromJson(JSON.stringify(l))),
      recipes: input.recipes, schema, periods: input.periods, now: input.now,
    });
    const results = engine.compute(meal.Table.fromCsv(schema, input.csv).table);
    try {
      const sitrep = meal.Sitrep.build({
        logframes: input.logframes.map((l) => meal.Logframe.fromJson(JSON.stringify(l))),
        results, scope: "mission", period: input.periods[0], audience: "internal", locale: "fr",
      });
      const html = sitrep.render("html");
      const workbook = sitrep.render("xlsx");
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([workbook], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
      link.download = "sitrep.xlsx";
      return { total: results.figures[0].value, html, zip: String.fromCharCode(...workbook.slice(0, 2)), href: link.href };
    } catch (e) {
      return { total: results.figures[0].value, error: e.code };
    }
  }, input);
  assert.equal(outcome.total, "5");
  assert.equal(outcome.error, undefined);
  assert.match(outcome.html, /C1/);
  assert.equal(outcome.zip, "PK");
  assert.match(outcome.href, /^blob:/);
  assert.deepEqual(failures, []);
  await page.close();
});
