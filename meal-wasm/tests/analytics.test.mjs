// Record tables, the indicator engine, data quality and reports through the JavaScript API:
// typed results, partitions merged, and a MealError with the core's code for every bad input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import meal from "./load.mjs";

const { Logframe, Form, Period, Schema, Table, Loaded, Engine, Partial, QualityChecks, checkQuality, qualitySummary, Sitrep, AnnualReport } = meal;
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const NOW = "2026-04-10T09:00:00+02:00";

// The first compute vector: a count of consultations by sex, with a target for Q1.
const vector = JSON.parse(readFileSync(join(root, "tests", "vectors", "compute.json"), "utf8")).vectors[0].input;
const logframe = () => Logframe.fromJson(JSON.stringify(vector.logframes[0]));
const schema = () => Schema.fromJson(vector.schema);
const engine = (periods = ["2026Q1"]) =>
  new Engine({ logframes: [logframe()], recipes: vector.recipes, schema: schema(), periods, now: NOW });
const table = () => Table.fromCsv(schema(), vector.csv).table;

function throwsCode(fn, code) {
  assert.throws(fn, (e) => {
    assert.equal(e.name, "MealError");
    assert.equal(e.code, code, e.message);
    return true;
  });
}

test("a schema reads from text or an object, says what is wrong, and round-trips", () => {
  const fromText = Schema.fromJson(JSON.stringify(vector.schema));
  assert.deepEqual(fromText.columnNames, vector.schema.columns.map((c) => c.name));
  assert.deepEqual(fromText.findings(), []);
  assert.deepEqual(Schema.fromJson(fromText.toJson()).columnNames, fromText.columnNames);
  const odd = Schema.fromJson({ format_version: 1, columns: [{ name: "a", type: "text", colour: "red" }, { name: "a", type: "date" }] });
  assert.deepEqual(odd.findings("fr").map((f) => [f.code, f.path]), [
    ["document.unknown_field", "/columns/0/colour"], ["data.duplicate_column", "/columns/1/name"],
  ]);
  assert.match(odd.findings("fr")[1].message, /deux fois/);
});

test("bad schema documents throw the core's codes", () => {
  throwsCode(() => Schema.fromJson("{"), "json.malformed");
  throwsCode(() => Schema.fromJson({ format_version: 2, columns: [] }), "document.format_version");
  throwsCode(() => Schema.fromJson({ format_version: 1, columns: [{ name: "a", type: "float" }] }), "document.invalid");
  throwsCode(() => Schema.fromJson(42), "document.format_version");
});

test("a schema derives from a form", () => {
  const form = Form.fromXlsform(readFileSync(join(root, "examples", "forms", "consultation_medicale.xlsx")));
  const derived = Schema.fromForm(form);
  assert.ok(derived.columnNames.length > 3);
  assert.deepEqual(JSON.parse(derived.toJson()).format_version, 1);
  throwsCode(() => Schema.fromForm(Form.fromJson(JSON.stringify({ format_version: 1, id: "f", version: "1", default_language: "en",
    fields: [{ name: "a", type: { kind: "text" } }, { name: "a", type: { kind: "text" } }] }))), "form.not_compilable");
});

test("a CSV with bad rows loads the good ones and accounts for every row", () => {
  const csv = "record_id,date,age,colour\nr1,2026-01-05,16,red\nr2,yesterday,x,blue\n,2026-01-06,,green\n";
  const loaded = Table.fromCsv(schema(), csv);
  assert.ok(loaded instanceof Loaded);
  assert.equal(loaded.rowsRead, 3);
  assert.equal(loaded.table.length, 1);
  assert.deepEqual(loaded.table.sourceRows, [1]);
  const rejected = loaded.rejected("fr");
  assert.deepEqual(rejected.map((r) => r.row), [2, 3]);
  assert.ok(rejected[0].findings.some((f) => f.code === "data.not_integer" && f.path === "age" && /nombres entiers/.test(f.message)));
  assert.deepEqual(rejected[1].findings.map((f) => f.code), ["data.required"]);
  const unknown = loaded.findings().filter((f) => f.code === "data.unknown_column");
  assert.deepEqual(unknown.map((f) => [f.severity, f.params.column]), [["warning", "colour"]]);
  assert.ok(loaded.findings().some((f) => f.code === "data.missing_column" && f.params.column === "sex"));
  assert.equal(loaded.rowsRead, loaded.table.length + rejected.length);
});

test("CSV bytes, JSON lines, selection and JSON lines output", () => {
  const fromBytes = Table.fromCsv(schema(), new TextEncoder().encode(vector.csv));
  assert.equal(fromBytes.table.length, table().length);
  const lines = table().toJsonLines();
  const again = Table.fromJsonLines(schema(), lines);
  assert.equal(again.table.toJsonLines(), lines);
  const picked = table().select([2, 0, 99]);
  assert.equal(picked.length, 2);
  assert.deepEqual(picked.sourceRows, [3, 1]);
  assert.deepEqual(table().select(new Uint32Array([1])).sourceRows, [2]);
  assert.deepEqual(picked.schema.columnNames, schema().columnNames);
  const jsonl = Table.fromJsonLines(schema(), '{"record_id": "a", "age": "old"}\n[1]\n');
  assert.deepEqual(jsonl.rejected().map((r) => [r.row, r.findings.map((f) => f.code)]), [[1, ["data.not_integer"]], [2, ["data.not_object"]]]);
});

test("bad table inputs throw", () => {
  throwsCode(() => Table.fromCsv(schema(), ""), "data.no_header");
  throwsCode(() => Table.fromCsv(schema(), "date\n2026-01-01\n"), "data.missing_column");
  throwsCode(() => Table.fromCsv(schema(), 42), "document.invalid");
  throwsCode(() => table().select("all"), "document.invalid");
  throwsCode(() => table().select([-1]), "document.invalid");
});

test("the engine computes typed figures: decimals as strings, periods as ids", () => {
  const e = engine();
  assert.deepEqual(e.periods, ["2026Q1"]);
  assert.deepEqual(e.findings(), []);
  const results = e.compute(table());
  assert.deepEqual(results.periods, ["2026Q1"]);
  const total = results.figures[0];
  assert.deepEqual(
    { indicator: total.indicator, period: total.period, cell: total.cell, value: total.value, target: total.target,
      achievement: total.achievement, status: total.status, rows: total.rows },
    { indicator: "C1", period: "2026Q1", cell: {}, value: "5", target: "4", achievement: "1.25", status: "on_track",
      rows: { inWindow: 7, matched: 5, withoutValue: 0 } },
  );
  assert.equal(results.figures[2].target, null);
  assert.equal(results.sources.rowsRead, 10);
  assert.match(results.sources.documents["logframe:TST"], /^sha256:/);
  // Periods may be Period objects; the logframe given stays usable.
  const lf = logframe();
  const again = new Engine({ logframes: [lf], recipes: JSON.stringify(vector.recipes), schema: schema(), periods: [Period.parse("2026Q1")], now: NOW });
  assert.deepEqual(again.compute(table()).figures, results.figures);
  assert.equal(lf.projectCode, "TST");
});

test("partitions merged in any order give the one-pass figures, across JSON", () => {
  const e = engine();
  const all = table();
  const state = e.empty();
  for (const rows of [[5, 6, 7, 8, 9], [0, 1, 2], [3, 4]]) {
    state.merge(Partial.fromJson(e.partial(all.select(rows)).toJson()));
  }
  assert.deepEqual(e.finalize(state), e.compute(all));
  assert.equal(state.toJson(), (() => { const s = e.partial(all); return s.toJson(); })());
});

test("a foreign or broken partial state is refused and leaves the state as it was", () => {
  const e = engine();
  const state = e.partial(table());
  const before = state.toJson();
  const foreign = engine(["2026Q2"]).partial(table());
  throwsCode(() => state.merge(foreign), "compute.incompatible_partial");
  assert.equal(state.toJson(), before);
  throwsCode(() => e.finalize(foreign), "compute.incompatible_partial");
  throwsCode(() => Partial.fromJson("{"), "json.malformed");
  throwsCode(() => Partial.fromJson('{"engine": 1}'), "document.invalid");
});

test("computeCsv gives the figures of one load, from text or bytes, every row accounted for", () => {
  const bad = vector.csv + "r11,2026-02-01,p9,f,old,consult,,,,\n";
  const e = engine();
  const whole = e.compute(table());
  for (const source of [bad, new TextEncoder().encode(bad)]) {
    const streamed = e.computeCsv(source, "fr");
    assert.equal(streamed.rowsRead, 11);
    assert.equal(streamed.loaded, 10);
    assert.deepEqual(streamed.rejected.map((r) => [r.row, r.findings.map((f) => f.code)]), [[11, ["data.not_integer"]]]);
    assert.deepEqual(streamed.results.figures, whole.figures);
    assert.deepEqual(streamed.findings, []);
  }
  throwsCode(() => e.computeCsv(""), "data.no_header");
  assert.throws(() => e.computeCsv(42), (err) => err.name === "MealError");
});

test("bad engine options throw the core's codes", () => {
  const options = { logframes: [logframe()], recipes: vector.recipes, schema: schema(), periods: ["2026Q1"], now: NOW };
  throwsCode(() => new Engine({ ...options, periods: [] }), "compute.no_periods");
  throwsCode(() => new Engine({ ...options, periods: ["2026Q1", Period.parse("2026Q1")] }), "compute.duplicate_period");
  throwsCode(() => new Engine({ ...options, periods: ["2026Q5"] }), "period.out_of_range");
  throwsCode(() => new Engine({ ...options, periods: "2026Q1" }), "document.invalid");
  throwsCode(() => new Engine({ ...options, logframes: [vector.logframes[0]] }), "document.invalid");
  throwsCode(() => new Engine({ ...options, schema: vector.schema }), "document.invalid");
  throwsCode(() => new Engine({ ...options, recipes: "{" }), "json.malformed");
  throwsCode(() => new Engine({ ...options, now: "tomorrow" }), "input.date_time");
  throwsCode(() => new Engine(null), "document.invalid");
  const other = Table.fromCsv(Schema.fromJson({ format_version: 1, columns: [{ name: "date", type: "date" }] }), "date\n").table;
  throwsCode(() => engine().compute(other), "compute.schema_mismatch");
});

test("recipe findings come with messages in the language asked", () => {
  const recipes = { format_version: 1, recipes: [{ indicator: "C1", date: "${nowhere}", colour: "red" }] };
  const e = new Engine({ logframes: [logframe()], recipes, schema: schema(), periods: ["2026Q1"], now: NOW });
  const codes = e.findings("fr").map((f) => f.code);
  assert.ok(codes.includes("document.unknown_field"), codes.join());
  assert.ok(codes.length >= 2, codes.join());
  assert.ok(e.compute(table(), "fr").findings.length >= 1);
});

const qualityInput = JSON.parse(readFileSync(join(root, "tests", "vectors", "quality.json"), "utf8")).vectors[0].input;
const qualityLoaded = () => Table.fromCsv(Schema.fromJson(qualityInput.schema), qualityInput.csv);

test("quality checks give a typed scorecard, failures in the language asked, and totals", () => {
  const checks = QualityChecks.fromJson(qualityInput.checks);
  assert.deepEqual(checks.findings(), []);
  const report = checkQuality(qualityLoaded(), checks, { now: qualityInput.now, locale: "fr" });
  assert.equal(report.rowsChecked, 5);
  assert.equal(report.rowsRejected, 0);
  const january = report.scorecard[0];
  assert.equal(january.period, "202601");
  assert.equal(typeof january.requiredCells, "number");
  assert.ok(january.completeness === null || typeof january.completeness === "string");
  const missing = report.failures.find((f) => f.code === "quality.required_missing");
  assert.ok(missing, JSON.stringify(report.failures));
  assert.equal(missing.column, "age");
  assert.notEqual(missing.message, "");
  const summary = qualitySummary(report);
  assert.equal(summary.rowsChecked, 5);
  // The JSON text the core writes (snake_case keys) reads too; the plain object's keys do not.
  const snake = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));
  const coreJson = JSON.stringify({ ...snake(report), scorecard: report.scorecard.map(snake), failures: [] });
  assert.deepEqual(qualitySummary(coreJson).failures, []);
  assert.equal(qualitySummary(coreJson).records, summary.records);
  throwsCode(() => qualitySummary(JSON.stringify(report)), "document.invalid");
  assert.ok(summary.failures.some((f) => f.code === "quality.required_missing" && f.count >= 1));
});

test("quality: documents, options and inputs are checked", () => {
  throwsCode(() => QualityChecks.fromJson("{"), "json.malformed");
  throwsCode(() => QualityChecks.fromJson({ format_version: 9 }), "document.format_version");
  const unknown = QualityChecks.fromJson({ ...qualityInput.checks, colour: "red" });
  assert.deepEqual(unknown.findings().map((f) => f.code), ["document.unknown_field"]);
  const loaded = qualityLoaded();
  const checks = QualityChecks.fromJson(qualityInput.checks);
  throwsCode(() => checkQuality(loaded, checks, { now: "later" }), "input.date_time");
  throwsCode(() => checkQuality(loaded, checks, { now: 3 }), "document.invalid");
  throwsCode(() => checkQuality(loaded, QualityChecks.fromJson({ ...qualityInput.checks, required: ["weight"] })), "quality.unknown_column");
  throwsCode(() => qualitySummary("{"), "json.malformed");
  throwsCode(() => qualitySummary({ rowsChecked: "many" }), "document.invalid");
});

test("a SITREP and an annual report render from the figures the engine returns", () => {
  const results = engine(["2026Q1"]).compute(table());
  const options = { logframes: [logframe()], results, scope: { project: "TST" }, period: Period.parse("2026Q1"), audience: "internal", locale: "fr" };
  const sitrep = Sitrep.build(options);
  const markdown = sitrep.render("markdown");
  assert.equal(typeof markdown, "string");
  assert.match(markdown, /C1/);
  // The JSON text the core writes reads to the same report.
  const coreJson = JSON.stringify({
    periods: results.periods, sources: { rows_read: results.sources.rowsRead, rows_without_date: results.sources.rowsWithoutDate,
      documents: results.sources.documents, engine: results.sources.engine },
    findings: [], figures: results.figures.map(({ rows, ...f }) => ({ ...f, rows: { in_window: rows.inWindow, matched: rows.matched, without_value: rows.withoutValue } })),
  });
  assert.equal(Sitrep.build({ ...options, results: coreJson }).render("markdown"), markdown);
  for (const format of ["html", "csv", "json"]) assert.equal(typeof sitrep.render(format), "string");
  const workbook = sitrep.render("xlsx");
  assert.ok(workbook instanceof Uint8Array);
  assert.equal(String.fromCharCode(workbook[0], workbook[1]), "PK");
  const external = Sitrep.build({ ...options, audience: "external", threshold: 3 }).render("csv");
  assert.equal(typeof external, "string");
  throwsCode(() => Sitrep.build({ ...options, audience: "external", threshold: 0 }), "disclosure.bad_threshold");
  throwsCode(() => Sitrep.build({ ...options, scope: { project: "ZZ" } }), "report.unknown_project");
  throwsCode(() => Sitrep.build({ ...options, period: "2026Q2" }), "report.period_not_computed");
  throwsCode(() => sitrep.render("pdf"), "document.invalid");
  throwsCode(() => AnnualReport.build({ ...options, year: 2026 }), "report.period_not_computed");
  throwsCode(() => AnnualReport.build({ ...options, year: 12345 }), "report.bad_year");
});

test("report inputs are checked before anything is built", () => {
  const results = engine().compute(table());
  const options = { logframes: [logframe()], results, scope: { project: "TST" }, period: "2026Q1", audience: "internal", locale: "fr" };
  throwsCode(() => Sitrep.build({ ...options, scope: "everything" }), "document.invalid");
  throwsCode(() => Sitrep.build({ ...options, audience: "press" }), "document.invalid");
  throwsCode(() => Sitrep.build({ ...options, period: "2026Q9" }), "period.out_of_range");
  throwsCode(() => Sitrep.build({ ...options, results: undefined }), "document.invalid");
  throwsCode(() => Sitrep.build({ ...options, results: "{" }), "json.malformed");
  throwsCode(() => Sitrep.build({ ...options, results: "{}" }), "document.invalid");
  throwsCode(() => Sitrep.build({ ...options, results: { ...results, figures: [{ ...results.figures[0], value: "five" }] } }), "input.decimal");
  throwsCode(() => Sitrep.build({ ...options, results: { ...results, periods: "2026Q1" } }), "document.invalid");
  throwsCode(() => Sitrep.build({ ...options, quality: "[]" }), "document.invalid");
  throwsCode(() => Sitrep.build({ ...options, locale: 3 }), "document.invalid");
  throwsCode(() => Sitrep.build({ ...options, threshold: -1 }), "document.invalid");
  throwsCode(() => AnnualReport.build({ ...options, year: 2026.5 }), "document.invalid");
  throwsCode(() => AnnualReport.build({ ...options, year: "2026" }), "document.invalid");
});
