// IATI, HXL, MANO and migration through the JavaScript API: what crosses, and a MealError with
// the core's code (never a RuntimeError) for every bad input. Behaviour itself is pinned by the
// shared vectors (vectors.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import meal from "./load.mjs";

const {
  iatiExport, iatiImport, hxlColumns, readManoExport, ManoExport, checkMapping, migrate, Migration,
  Logframe, Schema, Table, Loaded, Engine, PrivacyRules, Register,
} = meal;
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function throwsCode(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `a RuntimeError: ${e}`);
    assert.ok(e instanceof Error, "a real Error");
    assert.equal(e.name, "MealError", String(e));
    assert.equal(e.code, code, e.message);
    return true;
  });
}

const vector = JSON.parse(readFileSync(join(root, "tests", "vectors", "compute.json"), "utf8")).vectors[0].input;
const logframe = () => Logframe.fromJson(JSON.stringify(vector.logframes[0]));
const request = {
  organisation: { ref: "FR-RNA-W751234567", type: "21", name: { en: "The association", fr: "L'association" } },
  activity_prefix: "FR-RNA-W751234567",
  generated: "2026-11-27T10:00:00+01:00",
  periods: ["2026Q1"],
};
const hxlSchema = {
  format_version: 1,
  columns: [
    { name: "site", type: "text", hxl: "#adm1+name" },
    { name: "women", type: "integer", hxl: "#affected+f+adults" },
    { name: "girls", type: "integer", hxl: "#affected+f+children" },
    { name: "note", type: "text" },
  ],
};
const sourceSchema = { format_version: 1, columns: [{ name: "id", type: "text", required: true }, { name: "sexe", type: "text" }] };
const targetSchema = { format_version: 1, columns: [{ name: "record_id", type: "text", required: true }, { name: "sex", type: "text" }] };
const notXlsx = new TextEncoder().encode("id,sexe\n1,F\n");

test("an IATI export is XML that imports back", () => {
  const engine = new Engine({ logframes: [logframe()], recipes: vector.recipes, schema: Schema.fromJson(vector.schema), periods: ["2026Q1"], now: "2026-04-10T09:00:00+02:00" });
  const results = engine.compute(Table.fromCsv(Schema.fromJson(vector.schema), vector.csv).table);
  const xml = iatiExport([logframe()], results, request);
  assert.match(xml, /<iati-activities[^>]*version="2.03"/);
  assert.equal(iatiExport([logframe()], results, JSON.stringify(request)), xml);
  const imported = iatiImport(xml);
  assert.equal(imported.activities.length, 1);
  assert.equal(imported.activities[0].organisation.ref, request.organisation.ref);
  assert.deepEqual(iatiImport(iatiExport([logframe()], null, request)).activities.map((a) => a.identifier), imported.activities.map((a) => a.identifier));
});

test("bad IATI inputs throw the core's codes", () => {
  throwsCode(() => iatiImport("not xml <"), "iati.malformed");
  throwsCode(() => iatiImport("<".repeat(1_000_000)), "iati.malformed");
  throwsCode(() => iatiImport(42), "document.invalid");
  throwsCode(() => iatiExport(logframe(), null, request), "document.invalid");
  throwsCode(() => iatiExport([vector.logframes[0]], null, request), "document.invalid");
  throwsCode(() => iatiExport([logframe()], "{", request), "json.malformed");
  throwsCode(() => iatiExport([logframe()], { figures: 3 }, request), "document.invalid");
  throwsCode(() => iatiExport([logframe()], null, { ...request, generated: "yesterday" }), "document.invalid");
  throwsCode(() => iatiExport([logframe()], null, { ...request, periods: ["2026Q9"] }), "document.invalid");
  throwsCode(() => iatiExport([logframe()], null, "{"), "json.malformed");
  throwsCode(() => iatiExport([logframe()], null, 7), "document.invalid");
});

test("HXL: the mission's record schema declares hashtags that select its columns", () => {
  const schema = Schema.fromJson(readFileSync(join(root, "examples", "data", "records-schema.json"), "utf8"));
  assert.deepEqual(schema.findings(), []);
  const dated = hxlColumns(schema, "#date");
  assert.ok(dated.length > 0 && dated.every((c) => schema.columnNames.includes(c)));
  const csv = Table.fromCsv(schema, `${schema.columnNames.join(",")}\n`).table.toCsv();
  assert.equal(csv.split("\r\n")[1].split(",").length, schema.columnNames.length);
});

test("HXL: columns by tag pattern, and CSV with the hashtag row", () => {
  const schema = Schema.fromJson(hxlSchema);
  assert.deepEqual(hxlColumns(schema, "#affected+f"), ["women", "girls"]);
  assert.deepEqual(hxlColumns(hxlSchema, "#affected+f-children"), ["women"]);
  assert.deepEqual(hxlColumns(JSON.stringify(hxlSchema), "#org"), []);
  const csv = Table.fromCsv(schema, "site,women,girls,note\nCalais,3,2,\"a, b\"\n").table.toCsv();
  const [header, hashtags, row] = csv.split(/\r?\n/);
  assert.equal(header, "site,women,girls,note");
  assert.match(hashtags, /^#adm1\+name,#affected\+/);
  assert.match(row, /^Calais,3,2,"a, b"$/);
  throwsCode(() => hxlColumns(schema, "affected"), "hxl.invalid_pattern");
  throwsCode(() => hxlColumns(schema, 42), "document.invalid");
  throwsCode(() => hxlColumns("{", "#affected"), "json.malformed");
  throwsCode(() => hxlColumns(42, "#affected"), "document.invalid");
});

test("MANO: a workbook is read sheet by sheet, with what it is not", () => {
  const rules = PrivacyRules.fromJson(readFileSync(join(root, "examples", "data", "privacy-rules.json"), "utf8"));
  const exported = readManoExport(new Register(rules, []).toXlsx("fr"), { customFieldsPersons: [] });
  assert.ok(exported instanceof ManoExport);
  assert.deepEqual(exported.findings("fr").map((f) => f.code), ["mano.no_known_sheet", "mano.unknown_sheet"]);
  for (const name of exported.sheetNames) {
    const loaded = exported.sheet(name);
    assert.ok(loaded instanceof Loaded);
    assert.equal(loaded.rowsRead, loaded.table.length + loaded.rejected().length);
  }
  assert.equal(exported.sheet("personnes suivies"), undefined);
});

test("MANO: anything but an xlsx export throws a MealError", () => {
  throwsCode(() => readManoExport(notXlsx), "mano.unreadable");
  throwsCode(() => readManoExport(new Uint8Array()), "mano.unreadable");
  throwsCode(() => readManoExport("data.xlsx"), "document.invalid");
  throwsCode(() => readManoExport([80, 75]), "document.invalid");
  throwsCode(() => readManoExport(notXlsx, "{"), "mano.bad_config");
});

test("migration: checked against the source schema, and every record accounted for", () => {
  const mapping = {
    format_version: 1,
    target: targetSchema,
    columns: [
      { target: "record_id", from: "id" },
      { target: "sex", from: "sexe", map: { F: "f", H: "m" } },
    ],
  };
  assert.ok(Array.isArray(checkMapping(mapping, Schema.fromJson(sourceSchema), "fr")));
  const done = migrate(mapping, Schema.fromJson(sourceSchema), "id,sexe\n1,F\n2,H\n,F\n", { locale: "fr" });
  assert.ok(done instanceof Migration);
  const { reconciliation, rows, table } = done;
  assert.equal(reconciliation.rowsRead, reconciliation.migrated + reconciliation.rejected.length);
  assert.equal(rows.length, reconciliation.migrated);
  assert.equal(table.length, rows.length);
  assert.deepEqual(reconciliation.rejected.map((r) => r.sourceRow), [3]);
  assert.equal(migrate(mapping, sourceSchema, new TextEncoder().encode("id,sexe\n1,F\n")).reconciliation.rowsRead, 1);
});

test("bad mappings, schemas and CSV throw the core's codes", () => {
  const schema = Schema.fromJson(sourceSchema);
  throwsCode(() => checkMapping("{", schema), "json.malformed");
  throwsCode(() => checkMapping({ format_version: 7 }, schema), "document.format_version");
  throwsCode(() => checkMapping({ format_version: 1, target: 3, columns: [] }, schema), "document.invalid");
  throwsCode(() => checkMapping(42, schema), "document.invalid");
  throwsCode(() => checkMapping({ format_version: 1, target: targetSchema, columns: [] }, "{"), "json.malformed");
  throwsCode(() => migrate("{", schema, "id,sexe\n"), "json.malformed");
  throwsCode(() => migrate({ format_version: 1, target: targetSchema, columns: [] }, schema, 42), "document.invalid");
  throwsCode(() => migrate({ format_version: 1, target: targetSchema, columns: [] }, schema, ""), "data.no_header");
  throwsCode(() => migrate({ format_version: 1, target: targetSchema, columns: [] }, schema, "id\n", "fr"), "document.invalid");
});

test("the classes are exported", () => {
  assert.equal(typeof ManoExport, "function");
  assert.equal(typeof Loaded, "function");
});
