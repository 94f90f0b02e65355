// The browser artifact in a real browser: Debian's Chromium driven by playwright-core serves
// examples/web-form/ (the web-form demo) with the package, types into it and reads what a field
// worker would see. Skipped only when MEAL_BROWSER_TESTS=0 (tests/run sets it to 1).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { publish } from "../../examples/web-form/publish.mjs";

const pkg = process.env.MEAL_WASM_PKG;
const tools = process.env.MEAL_NODE_TOOLS;
const chromiumPath = process.env.MEAL_CHROMIUM ?? "/usr/bin/chromium";
const examples = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "examples");
const web = join(examples, "web-form");
const types = {
  ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const published = join(pkg, "..", "web-forms");
let server;
let browser;
let origin;

async function serve(request, response) {
  const url = new URL(request.url, "http://localhost");
  const [root, rest] = url.pathname.startsWith("/pkg/") ? [pkg, url.pathname.slice(5)]
    : url.pathname.startsWith("/forms/") ? [published, url.pathname.slice(7)]
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
  // The page loads form documents, as published from the mission's XLSForms by publish.mjs.
  await publish(pkg, published);
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

// A field worker's phone: 390 px wide.
const MOBILE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 };
const shots = join(pkg, "..", "screenshots");

async function open(context, query) {
  const page = await context.newPage();
  const failures = [];
  page.on("pageerror", (e) => failures.push(String(e)));
  await page.goto(`${origin}/index.html${query}`);
  await page.waitForSelector("body[data-ready=true]");
  return { page, failures };
}

/** Picks `value` for the field at `path`, whichever control the page drew (radios, a list). */
async function choose(page, path, value) {
  const box = page.locator(`[data-path='${path}']`);
  if (await box.locator("select").count()) await box.locator("select").selectOption(value);
  else await box.locator(`input[value='${value}']`).check();
}
const fill = (page, path, value) => page.locator(`[data-path='${path}']`).locator("input, textarea").first().fill(value);
const message = (page, path) => page.locator(`[data-path='${path}'] .message`);
const visible = (page, path) => page.isVisible(`[data-path='${path}']`);

test("the consultation form: skip logic, the author's French, calculations, no save until valid", async () => {
  const context = await browser.newContext(MOBILE);
  const { page, failures } = await open(context, "?form=consultation_medicale");
  assert.equal(await page.textContent("#form-title"), "Consultation médicale");
  // Saving an empty form is refused, and every missing answer is shown next to its field.
  await page.click("#submit");
  assert.equal(await page.getAttribute("#summary", "data-valid"), "false");
  assert.match(await page.textContent("#summary"), /points à corriger/);
  assert.equal(await message(page, "/date_consultation").getAttribute("data-codes"), "form.required");
  assert.equal(await page.textContent("#saved"), "");
  await page.screenshot({ path: join(shots, "consultation-refused.png"), fullPage: true });
  await fill(page, "/date_consultation", "2026-01-15");
  await choose(page, "/site", "idf_centre");
  // A pseudonym code in the wrong shape: the form author's message, in French, then fixed.
  await fill(page, "/code_patient", "kab-17");
  assert.equal(await message(page, "/code_patient").getAttribute("data-codes"), "form.constraint");
  assert.match(await message(page, "/code_patient").textContent(), /trois lettres majuscules/);
  await fill(page, "/code_patient", "KAB-0417");
  assert.equal(await message(page, "/code_patient").textContent(), "");
  // Pregnancy is asked only of women of reproductive age.
  assert.equal(await visible(page, "/enceinte"), false);
  await choose(page, "/sexe", "f");
  await fill(page, "/age", "30");
  assert.equal(await visible(page, "/enceinte"), true);
  assert.match(await page.textContent("[data-path='/enceinte'] .label"), /\*/);
  await fill(page, "/age", "8");
  assert.equal(await visible(page, "/enceinte"), false);
  await fill(page, "/age", "130");
  assert.match(await message(page, "/age").textContent(), /entre 0 et 110 ans/);
  await fill(page, "/age", "30");
  await choose(page, "/enceinte", "non");
  // The BMI is calculated as the worker types and shown in the author's note.
  await fill(page, "/poids", "60");
  await fill(page, "/taille", "170");
  assert.match(await page.textContent("[data-path='/note_imc'] .label"), /20\.8/);
  await choose(page, "/motifs", "autre");
  await fill(page, "/motif_autre", "douleur dentaire");
  await fill(page, "/diagnostic", "carie");
  await choose(page, "/orientation", "aucune");
  assert.equal(await page.getAttribute("#summary", "data-valid"), "true");
  await page.screenshot({ path: join(shots, "consultation-ready.png"), fullPage: true });
  await page.click("#submit");
  assert.match(await page.textContent("#saved"), /Enregistré sur l'appareil \(1 en attente/);
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("meal-outbox"))[0]);
  assert.equal(saved.form, "consultation_medicale");
  assert.equal(saved.submission.code_patient, "KAB-0417");
  assert.ok(!("enceinte" in saved.submission) || saved.submission.enceinte === "non");
  assert.deepEqual(failures, []);
  await context.close();
});

test("the feedback form: errors in French then English, sensitive routing, saved when valid", async () => {
  const context = await browser.newContext(MOBILE);
  const { page, failures } = await open(context, "?form=feedback_plainte");
  await fill(page, "/date_reception", "2026-01-15");
  await choose(page, "/site", "calais_centre");
  await choose(page, "/canal", "boite");
  await choose(page, "/anonyme", "oui");
  assert.equal(await visible(page, "/contact"), false);
  await fill(page, "/code_reclamation", "abc");
  assert.equal(await message(page, "/code_reclamation").getAttribute("data-codes"), "form.constraint");
  const french = await message(page, "/code_reclamation").textContent();
  // English: labels, buttons and the same error, in English; the answers stay.
  await page.click("#lang-en");
  assert.equal(await page.textContent("#form-title"), "Feedback and complaints");
  assert.equal(await page.textContent("#submit"), "Save");
  const english = await message(page, "/code_reclamation").textContent();
  assert.notEqual(english, french);
  assert.ok(english.length > 0);
  assert.equal(await page.inputValue("[data-path='/code_reclamation'] input"), "abc");
  await fill(page, "/code_reclamation", "FB-2026-001");
  assert.equal(await message(page, "/code_reclamation").textContent(), "");
  await choose(page, "/type_retour", "plainte_sensible");
  await choose(page, "/categorie", "maltraitance");
  await fill(page, "/description", "A volunteer shouted at a child in the queue.");
  // A sensitive complaint must be marked sensitive: the form's own rule.
  await choose(page, "/sensible", "non");
  assert.equal(await message(page, "/sensible").getAttribute("data-codes"), "form.constraint");
  await page.screenshot({ path: join(shots, "feedback-error-en.png"), fullPage: true });
  await choose(page, "/sensible", "oui");
  assert.equal(await visible(page, "/routage"), true);
  assert.equal(await visible(page, "/note_safeguarding"), true);
  await choose(page, "/routage", "referent_protection");
  await choose(page, "/consentement_enregistrement", "oui");
  await choose(page, "/consentement_partage", "non");
  await choose(page, "/reponse_immediate", "non");
  assert.match(await page.textContent("[data-path='/note_delai'] .label"), /\b2\b/);
  await page.click("#lang-fr");
  assert.equal(await page.getAttribute("#summary", "data-valid"), "true");
  await page.screenshot({ path: join(shots, "feedback-ready-fr.png"), fullPage: true });
  await page.click("#submit");
  assert.match(await page.textContent("#saved"), /Enregistré/);
  assert.deepEqual(failures, []);
  await context.close();
});

test("the page keeps working offline: cached page, engine and forms", async () => {
  const context = await browser.newContext(MOBILE);
  const { page, failures } = await open(context, "");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.match(await page.textContent("#network"), /Hors ligne/);
  await page.selectOption("#form-picker", "contact_maraude_littoral");
  await page.waitForFunction(() => document.querySelector("#form-title").textContent.includes("Maraude"));
  // A repeat: people seen, added on the spot, each checked.
  await page.click("[data-path='/personnes'] button.add");
  await choose(page, "/personnes/0/sexe", "f");
  await page.click("#submit");
  assert.equal(await message(page, "/personnes/0/tranche_age").getAttribute("data-codes"), "form.required");
  await page.screenshot({ path: join(shots, "offline-outreach.png"), fullPage: true });
  assert.deepEqual(failures, []);
  await context.setOffline(false);
  await context.close();
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
