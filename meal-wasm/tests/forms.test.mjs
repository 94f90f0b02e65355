// Forms and expressions in JavaScript: XLSForm bytes in, plain objects in and out, messages
// in the field worker's language. Behaviour itself is pinned by the shared vectors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import meal from "./load.mjs";

const { Form, Expr } = meal;
const forms = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "examples", "forms");
const NOW = "2026-11-27T10:00:00+01:00";
const consultation = Form.fromXlsform(readFileSync(join(forms, "consultation_medicale.xlsx")));

const visit = (changes = {}) => ({
  date_consultation: "2026-11-26", site: "idf_centre", code_patient: "KAB-0417", age: 16, sexe: "f",
  enceinte: "non", poids: "60", taille: 170, motifs: "autre", motif_autre: "douleur dentaire",
  diagnostic: "carie", orientation: "aucune", ...changes,
});

test("the mission's forms import clean", () => {
  for (const file of readdirSync(forms).filter((f) => f.endsWith(".xlsx"))) {
    assert.deepEqual(Form.fromXlsform(readFileSync(join(forms, file))).findings(), [], file);
  }
});

test("a valid visit is cleaned and calculated", () => {
  const report = consultation.validate(visit(), { locale: "fr", now: NOW });
  assert.equal(report.valid, true, JSON.stringify(report.findings));
  assert.equal(report.cleaned.imc, "20.8");
  assert.ok(!("semaines_amenorrhee" in report.cleaned));
});

test("findings carry the author's message in the worker's language", () => {
  const report = consultation.validate(visit({ code_patient: "kab-17" }), { locale: "fr", now: NOW });
  assert.equal(report.valid, false);
  const [finding] = report.findings;
  assert.equal(finding.code, "form.constraint");
  assert.equal(finding.path, "/code_patient");
  assert.match(finding.message, /trois lettres majuscules/);
  const text = consultation.validate(JSON.stringify(visit({ code_patient: "kab-17" })), { locale: "en", now: NOW });
  assert.notEqual(text.findings[0].message, finding.message);
});

test("live state follows skip logic on every keystroke", () => {
  const state = (sub) => Object.fromEntries(consultation.state(sub, { now: NOW }).map((s) => [s.path, s]));
  const woman = state({ sexe: "f", age: 30 });
  assert.equal(woman["/enceinte"].relevant, true);
  assert.equal(woman["/enceinte"].required, true);
  assert.equal(woman["/age"].value, 30);
  assert.equal(state({ sexe: "m", age: 30 })["/enceinte"].relevant, false);
});

test("the JSON Schema is a plain object for other tools", () => {
  const schema = consultation.jsonSchema();
  assert.equal(schema.type, "object");
  assert.ok(!(schema instanceof Map));
});

test("bad submissions and workbooks throw MealError", () => {
  assert.throws(() => consultation.validate("[1, 2]"), (e) => e.name === "MealError" && e.code === "form.submission_not_object");
  assert.throws(() => Form.fromXlsform(new Uint8Array([1, 2, 3])), (e) => e.code === "xlsform.unreadable");
});

test("expressions evaluate on plain objects and check types", () => {
  const expr = Expr.parse("${age} >= 15 and selected(${services}, 'mental_health')");
  assert.deepEqual(expr.references, ["age", "services"]);
  assert.equal(expr.evaluate({ age: 16, services: "medical mental_health" }), "true");
  assert.equal(Expr.parse("round(-1.5)").evaluate({}), "-2");
  assert.equal(Expr.parse("0.1 + 0.2").evaluate({}), "0.3");
  assert.deepEqual(expr.check({ age: "number" }).map((f) => f.code), ["expr.unknown_field"]);
  assert.throws(() => Expr.parse("${age} >="), (e) => e.code === "expr.syntax" && "position" in e.params);
});

test("check gives validate's verdict without the cleaned copy", () => {
  for (const sub of [visit(), visit({ code_patient: "kab-17" }), visit({ age: 130 })]) {
    const report = consultation.validate(sub, { locale: "fr", now: NOW });
    const verdict = consultation.check(sub, { locale: "fr", now: NOW });
    assert.deepEqual(verdict, { valid: report.valid, findings: report.findings });
  }
});

test("checkMany: a batch crosses once, one verdict per element, in order", () => {
  const batch = [visit(), visit({ code_patient: "kab-17" }), 42];
  const verdicts = consultation.checkMany(batch, { locale: "fr", now: NOW });
  assert.equal(verdicts.length, 3);
  assert.deepEqual(verdicts[0], { valid: true, findings: [] });
  assert.equal(verdicts[1].valid, false);
  assert.deepEqual(verdicts[1].findings.map((f) => [f.code, f.path]), [["form.constraint", "/code_patient"]]);
  assert.match(verdicts[1].findings[0].message, /trois lettres majuscules/);
  assert.deepEqual(verdicts[2].findings.map((f) => [f.code, f.path, f.params.found]), [["form.submission_not_object", "/2", "number"]]);
  // The same batch as JSON text gives the same verdicts.
  assert.deepEqual(consultation.checkMany(JSON.stringify(batch), { locale: "fr", now: NOW }), verdicts);
  assert.deepEqual(consultation.checkMany([], { now: NOW }), []);
});

test("checkMany refuses what is not a batch; isMealError recognises the package's errors", () => {
  assert.throws(() => consultation.checkMany("{}"), (e) => meal.isMealError(e) && e.code === "form.batch_not_array");
  assert.throws(() => consultation.checkMany("[{"), (e) => meal.isMealError(e) && e.code === "json.malformed");
  assert.throws(() => consultation.checkMany({ length: 1 }), (e) => meal.isMealError(e) && e.code === "form.batch_not_array");
  assert.equal(meal.isMealError(new Error("x")), false);
  assert.equal(meal.isMealError({ name: "MealError", code: "json.malformed" }), false);
  assert.equal(meal.isMealError(undefined), false);
});

test("a published form gives the lean module the workbook's verdicts; a broken workbook is not published", async () => {
  const { publish } = await import("../../examples/web-form/publish.mjs");
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const lean = await import(join(process.env.MEAL_WASM_PKG, "forms", "meal_wasm.js"));
  lean.initSync({ module: readFileSync(join(process.env.MEAL_WASM_PKG, "forms", "meal_wasm_bg.wasm")) });
  assert.equal(typeof lean.Form.fromXlsform, "undefined", "meal/forms reads no workbook");
  const out = mkdtempSync(join(tmpdir(), "meal-published-"));
  const names = await publish(process.env.MEAL_WASM_PKG, out);
  assert.equal(names.length, 5);
  const published = lean.Form.fromJson(readFileSync(join(out, "consultation_medicale.json"), "utf8"));
  assert.deepEqual(published.findings(), []);
  const batch = [visit(), visit({ code_patient: "kab-17" }), visit({ age: 130, sexe: "x" }), {}];
  const options = { locale: "fr", now: NOW };
  assert.deepEqual(published.checkMany(batch, options), consultation.checkMany(batch, options));
  const broken = mkdtempSync(join(tmpdir(), "meal-broken-"));
  writeFileSync(join(broken, "pas_un_classeur.xlsx"), "not a workbook");
  await assert.rejects(publish(process.env.MEAL_WASM_PKG, out, broken), (e) => meal.isMealError(e));
});
