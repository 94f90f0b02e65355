// Form validation in Node: meal-wasm against ajv 8 (allErrors) and @cfworker/json-schema, on the
// household-survey form of meal-core/benches/forms.rs and its 100 000 submissions (emitted by
// that benchmark with FORMS_EMIT, so every engine sees the same records), in one run. Then the
// ways a batch can cross the JS↔WASM boundary, at 1 000 and 100 000 submissions.
//
//   node benches/node/wasm.mjs <package dir> <emitted data dir>      (bash benches/run wasm)
//
// Every figure is the best of 3 full passes. Measured, never asserted.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const [pkg, data] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;
const { Validator } = await import("@cfworker/json-schema");
const meal = await import(join(pkg, "meal_wasm.js"));
meal.initSync({ module: readFileSync(join(pkg, "meal_wasm_bg.wasm")) });

const form = meal.Form.fromJson(readFileSync(join(data, "form.json"), "utf8"));
const schema = JSON.parse(readFileSync(join(data, "schema.json"), "utf8"));
const allText = readFileSync(join(data, "submissions.json"), "utf8");
const records = JSON.parse(allText);
const texts = records.map((r) => JSON.stringify(r));
const options = { locale: "fr", now: "2026-11-27T10:00:00+01:00" };
const n = records.length;

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const ajvValidate = ajv.compile(schema);
const cfworker = new Validator(schema, "2020-12", false); // shortCircuit off: all errors

/** Best of `runs` passes of `f` (which returns the number of valid records): [seconds, valid]. */
function best(f, runs = 3) {
  let seconds = Infinity;
  let valid = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    valid = f();
    seconds = Math.min(seconds, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return [seconds, valid];
}

const countValid = (verdicts) => verdicts.reduce((k, v) => k + (v.valid ? 1 : 0), 0);
const batchesOf = (size, items) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
const objectBatches = batchesOf(1000, records);
const textBatches = batchesOf(1000, texts).map((b) => `[${b.join(",")}]`);

const rows = [];
function measure(name, f) {
  const [seconds, valid] = best(f);
  const rate = n / seconds;
  rows.push({ name, rate });
  console.log(`  ${name.padEnd(58)} ${rate.toFixed(0).padStart(9)} records/s  (${((seconds * 1e6) / n).toFixed(2)} µs each; ${valid} valid)`);
  return rate;
}

console.log(`\nforms in Node ${process.version}: ${n} submissions, ${(allText.length / n).toFixed(0)} bytes on average`);
console.log("-- objects in memory (a page's submissions)");
const ajvRate = measure("ajv 8 (allErrors), objects", () => records.filter((r) => ajvValidate(r)).length);
const cfRate = measure("@cfworker/json-schema (all errors), objects", () => records.filter((r) => cfworker.validate(r).valid).length);
const mealObjects = measure("meal form.checkMany(objects), batches of 1 000", () =>
  objectBatches.reduce((k, b) => k + countValid(form.checkMany(b, options)), 0));
measure("meal form.check(object), one crossing per submission", () =>
  records.filter((r) => form.check(r, options).valid).length);
console.log("-- JSON text (an upload, a sync queue)");
const ajvText = measure("ajv 8 (allErrors), JSON.parse + validate", () => texts.filter((t) => ajvValidate(JSON.parse(t))).length);
const mealText = measure("meal form.checkMany(text), batches of 1 000", () =>
  textBatches.reduce((k, b) => k + countValid(form.checkMany(b, options)), 0));
measure("meal form.checkMany(text), one batch of 100 000", () => countValid(form.checkMany(allText, options)));

const ratio = (a, b) => (a / b).toFixed(2);
console.log(`  ratio meal / ajv: ${ratio(mealObjects, ajvRate)}× (objects), ${ratio(mealText, ajvText)}× (JSON text)`);
console.log(`  ratio meal / @cfworker: ${ratio(mealObjects, cfRate)}× (objects)`);
console.log("  (ajv and @cfworker check the exported JSON Schema: types, required, enums, ranges; meal also");
console.log("   relevance, constraints, calculations, choice filters, and writes a message per finding)");

if (typeof form.checkManyText === "function") {
  console.log("\n-- transfers of a batch across the boundary (same core call, best of 3)");
  for (const size of [1000, n]) {
    const objs = batchesOf(size, records);
    const txts = batchesOf(size, texts).map((b) => `[${b.join(",")}]`);
    const variants = {
      "JSON text in, JSON text out (JSON.parse in JS)": () => txts.reduce((k, t) => k + countValid(JSON.parse(form.checkManyText(t, options))), 0),
      "JSON text in, objects out (JSON.parse in wasm) = checkMany": () => txts.reduce((k, t) => k + countValid(form.checkMany(t, options)), 0),
      "objects in (JSON.stringify), objects out = checkMany": () => objs.reduce((k, b) => k + countValid(form.checkMany(b, options)), 0),
      "objects in (serde-wasm-bindgen), objects out": () => objs.reduce((k, b) => k + countValid(form.checkManyStructuredIn(b, options)), 0),
      "JSON text in, objects out (serde-wasm-bindgen)": () => txts.reduce((k, t) => k + countValid(form.checkManyStructuredOut(t, options)), 0),
      "JSON text in, Uint8Array flags + findings text out": () => txts.reduce((k, t) => {
        const [flags] = form.checkManyFlags(t, options);
        return k + flags.reduce((a, f) => a + f, 0);
      }, 0),
    };
    console.log(`  batches of ${size}:`);
    for (const [name, f] of Object.entries(variants)) measure(`  ${name}`, f);
  }
}
