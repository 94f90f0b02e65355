// Hostile and careless input against every export (issue 11, JavaScript part): several-MB
// strings, 10 000 levels of nesting, bytes that are not UTF-8 or not a workbook, lone
// surrogates, NaN and Infinity, empty input, wrong shapes, and wrong JavaScript types (a number
// where the declaration says `string`, a Date where it says `Form`, a BigInt, null). Whatever
// comes in, a call returns or throws a MealError with a stable code — never a raw RuntimeError
// (`unreachable`: a Rust panic or a trapped allocator, which would leave the module unusable)
// nor a TypeError.
//
// The exports and their parameter types are read from the generated `.d.ts`, so a new export is
// swept without anyone listing it here. Each parameter gets the bad values of its declared type;
// parameters declared as objects, arrays or `any` (JsValue in Rust) must also refuse every other
// JavaScript type. Parameters the wasm-bindgen glue converts itself (`string`, `Uint8Array`,
// arrays, classes) are checked by the type guards the bindgen runner adds to the glue
// (meal-wasm/bindgen-runner/src/harden.rs): a value of another JavaScript type is
// `input.wrong_type`, and the module keeps working afterwards.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import meal from "./load.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const declarations = readFileSync(join(process.env.MEAL_WASM_PKG, "meal_wasm.d.ts"), "utf8");
const MB = 1 << 20;
const DEPTH = 10_000;

function nested(depth, wrap) {
  let value = 1;
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

const BAD_STRINGS = {
  "empty string": "",
  "truncated JSON": "{\"format_version\": 1,",
  "not JSON": "2026Q5 ≠ JSON",
  "lone surrogates": "\ud800 abc \udfff",
  "NaN in JSON": "{\"value\": NaN, \"other\": Infinity}",
  "deep array text (10 000)": "[".repeat(DEPTH) + "]".repeat(DEPTH),
  "deep object text (10 000)": "{\"a\":".repeat(DEPTH) + "1" + "}".repeat(DEPTH),
};
// Several MB: given to the first text parameter of every function and constructor (the
// documents and uploads), not to every parameter, to keep the sweep to seconds.
const HUGE = {
  "huge string (4 MB)": "x".repeat(4 * MB),
  "huge JSON string (4 MB)": JSON.stringify({ format_version: 1, id: "x".repeat(4 * MB) }),
};
const BAD_BYTES = {
  "empty bytes": new Uint8Array(),
  "invalid UTF-8 bytes": new Uint8Array([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]),
  "a zip that is not a workbook": new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(60).fill(0)]),
};
const HUGE_BYTES = { "huge bytes (4 MB)": new Uint8Array(4 * MB).fill(0x7b) };
const BAD_VALUES = {
  undefined: undefined,
  null: null,
  NaN: NaN,
  Infinity: Infinity,
  "-Infinity": -Infinity,
  number: 42,
  boolean: true,
  "empty object": {},
  "empty array": [],
  "NaN inside": { value: NaN, list: [Infinity, -Infinity], nested: { when: "2026-13-45" } },
  "deep array value (10 000)": nested(DEPTH, (v) => [v]),
  "deep object value (10 000)": nested(DEPTH, (v) => ({ a: v })),
  "wrong class": new Date(0),
  function: () => 1,
  ...BAD_STRINGS,
  ...BAD_BYTES,
};

// ---- the exports, from the declarations -----------------------------------------------------
/** `(a: string, b?: Form | null)` → [{name, type, optional}]. */
function params(list) {
  const out = [];
  let depth = 0;
  let current = "";
  for (const ch of list) {
    if ("<({[".includes(ch)) depth++;
    if (">)}]".includes(ch)) depth--;
    if (ch === "," && depth === 0) { out.push(current); current = ""; } else current += ch;
  }
  if (current.trim()) out.push(current);
  return out.map((p) => {
    const [, name, optional, type] = /^\s*(\w+)(\??):\s*([\s\S]+?)\s*$/.exec(p);
    return { name, optional: optional === "?" || /\|\s*(null|undefined)\b/.test(type), type: type.replace(/\s*\|\s*(null|undefined)\b/g, "") };
  });
}

function exportsOf(text) {
  const found = [];
  let owner = null;
  for (const line of text.split("\n")) {
    const cls = /^export class (\w+)/.exec(line);
    if (cls) { owner = cls[1]; continue; }
    if (/^}/.test(line)) owner = null;
    const fn = /^export function (\w+)\((.*)\):/.exec(line);
    if (fn) found.push({ label: fn[1], kind: "function", name: fn[1], params: params(fn[2]) });
    const member = owner && /^ {4}(static )?(\w+)\((.*)\)(: |;)/.exec(line);
    if (member) {
      const kind = member[2] === "constructor" ? "constructor" : member[1] ? "static" : "method";
      found.push({ label: `${owner}${kind === "method" ? "#" : "."}${member[2]}`, kind, owner, name: member[2], params: params(member[3]) });
    }
  }
  return found.filter((e) => !["initSync", "default", "isMealError", "free", "toString", "toJSON"].includes(e.name));
}

// Objects of the package built from the reference mission and the shared vectors, for
// parameters and receivers: one per class, so every method of every class is swept.
const forms = join(root, "examples", "forms");
const dataText = (file) => readFileSync(join(root, "examples", "data", file), "utf8");
const logframeText = dataText("logframe-idf.json");
const vectorFiles = new Map();
function vectorInput(file, name) {
  if (!vectorFiles.has(file)) vectorFiles.set(file, JSON.parse(readFileSync(join(root, "tests", "vectors", `${file}.json`), "utf8")).vectors);
  const vectors = vectorFiles.get(file);
  return structuredClone((name ? vectors.find((v) => v.name === name) : vectors[0]).input);
}
const NOW = "2026-04-10T09:00:00+02:00";
const computeInput = () => vectorInput("compute");
function reportOptions(vector) {
  const input = vectorInput("report", vector);
  return { ...input.request, logframes: input.logframes.map((l) => meal.Logframe.fromJson(JSON.stringify(l))), results: JSON.stringify(input.results) };
}
const FACTORIES = {
  Form: () => meal.Form.fromXlsform(readFileSync(join(forms, "consultation_medicale.xlsx"))),
  Period: () => meal.Period.parse("2026Q1"),
  Logframe: () => meal.Logframe.fromJson(logframeText),
  PseudonymKey: () => new meal.PseudonymKey(new Uint8Array(32).fill(7)),
  Expr: () => meal.Expr.parse("${age} >= 15 and selected(${services}, 'mental_health')"),
  Schema: () => meal.Schema.fromJson(computeInput().schema),
  Loaded: () => meal.Table.fromCsv(instance("Schema"), computeInput().csv),
  Table: () => instance("Loaded").table,
  Engine: () => {
    const input = computeInput();
    return new meal.Engine({ logframes: [meal.Logframe.fromJson(JSON.stringify(input.logframes[0]))], recipes: input.recipes, schema: instance("Schema"), periods: ["2026Q1"], now: NOW });
  },
  Partial: () => instance("Engine").partial(instance("Table")),
  QualityChecks: () => meal.QualityChecks.fromJson(dataText("quality-checks.json")),
  Sitrep: () => meal.Sitrep.build(reportOptions("sitrep-internal-csv")),
  AnnualReport: () => meal.AnnualReport.build(reportOptions("annual-internal-csv")),
  AuditLog: () => new meal.AuditLog(),
  Case: () => new meal.Case("fb-1", "2026-04-01T10:00:00+02:00"),
  ClaimCode: () => meal.ClaimCode.generate(),
  ConsentRecord: () => meal.ConsentRecord.fromJson(vectorInput("privacy_person", "consent-adult-follow-up").consent),
  Deadlines: () => meal.Deadlines.proposed(),
  Indicator: () => meal.Indicator.fromJson(JSON.stringify({
    code: "IND-1", name: { en: "Consultations", fr: "Consultations" }, measure: { kind: "count" },
    unit: { en: "consultations", fr: "consultations" }, direction: { kind: "increase" },
    aggregation: "incremental", targets: [{ period: "2026Q1", value: "200" }],
  })),
  LessonsRegister: () => meal.LessonsRegister.fromJson(dataText("lessons.json")),
  MealPlan: () => meal.MealPlan.fromJson(dataText("plan-idf.json")),
  PrivacyRules: () => meal.PrivacyRules.fromJson(dataText("privacy-rules.json")),
  Pseudonymiser: () => new meal.Pseudonymiser(instance("PseudonymKey"), "feedback"),
  SafeguardingSecretKey: () => meal.SafeguardingSecretKey.generate(),
  RecipientKey: () => instance("SafeguardingSecretKey").publicKey,
  Register: () => new meal.Register(instance("PrivacyRules"), []),
  Routing: () => meal.Routing.fromJson(dataText("feedback-routing.json")),
  Taxonomy: () => meal.Taxonomy.fromJson(dataText("feedback-taxonomy.json")),
  Testimony: () => meal.Testimony.fromJson(vectorInput("feedback_case", "publish-adult-identified-press").testimony),
  SubjectAccess: () => {
    const input = vectorInput("privacy_person", "erase-keeps-exceptions-removes-the-rest");
    return meal.subjectAccess(input.records, input.subject, input.on);
  },
  ManoExport: () => meal.readManoExport(instance("Register").toXlsx("fr"), { customFieldsPersons: [] }),
  Migration: () => {
    const schema = (names) => ({ format_version: 1, columns: names.map((name, i) => ({ name, type: "text", required: i === 0 })) });
    const mapping = { format_version: 1, target: schema(["record_id", "sex"]), columns: [{ target: "record_id", from: "id" }, { target: "sex", from: "sexe" }] };
    return meal.migrate(mapping, schema(["id", "sexe"]), "id,sexe\n1,F\n");
  },
  AuthoredLogframe: () => meal.logframeFromXlsx(meal.logframeToXlsx(instance("Logframe"), "fr")),
  AuthoredMealPlan: () => meal.mealPlanFromXlsx(meal.mealPlanToXlsx(instance("MealPlan"), "fr")),
};

const isString = (type) => type === "string";
const isBytes = (type) => /^Uint8Array/.test(type);
const isList = (type) => type === "string[]";
const isClass = (type) => type in FACTORIES || (/^[A-Z]\w*$/.test(type) && typeof meal[type] === "function");

/** The bad values a parameter of `type` must refuse with a MealError; `first` for the first
 * text parameter of a function or constructor. */
function badFor(type, first) {
  if (isString(type)) return first ? { ...BAD_STRINGS, ...HUGE } : BAD_STRINGS;
  if (isBytes(type)) return { ...BAD_BYTES, ...HUGE_BYTES };
  if (type === "string[]") return { "empty list": [], "bad texts": Object.values(BAD_STRINGS) }; // glue-typed elements
  if (isClass(type) || type === "number" || type === "boolean") return {};
  return BAD_VALUES; // any, unknown, objects, arrays, records: a JsValue the binding reads
}

/** A harmless value of `type` for the other parameters, or a Skip when none can be made. */
function goodFor(param) {
  if (param.optional) return undefined;
  if (isString(param.type)) return "";
  if (isBytes(param.type)) return new Uint8Array();
  if (isList(param.type)) return [];
  if (param.type === "number") return 0;
  if (param.type === "boolean") return false;
  if (param.type in FACTORIES) return instance(param.type);
  if (isClass(param.type)) throw new Skip();
  if (/^(\w+\[\]|Array<.*>)$/.test(param.type)) return [];
  return {};
}
class Skip extends Error {}

function call(entry, args) {
  if (entry.kind === "function") return meal[entry.name](...args);
  if (entry.kind === "static") return meal[entry.owner][entry.name](...args);
  if (entry.kind === "constructor") return new meal[entry.owner](...args);
  return instance(entry.owner)[entry.name](...args);
}

// One object per class, made again only when a call consumed it (a method taking `self`): an
// .xlsx form takes a second to read in a debug build.
const instances = new Map();
function instance(className) {
  let object = instances.get(className);
  if (!object || object.__wbg_ptr === 0) {
    object = FACTORIES[className]();
    instances.set(className, object);
  }
  return object;
}

/** The problem of one call, or undefined when it threw a proper MealError (or returned, where
 * `mayReturn`) and the module still works afterwards. */
function problemOf(run, mayReturn = true) {
  try {
    run();
    return mayReturn ? stillWorks() : "accepted it";
  } catch (e) {
    if (e instanceof Skip) return undefined;
    if (!(meal.isMealError(e) && /^[a-z_]+\.[a-z_0-9]+$/.test(e.code))) return describe(e);
    return stillWorks();
  }
}

function describe(e) {
  return `${e?.constructor?.name ?? typeof e}: ${String(e?.message ?? e).slice(0, 120)}`;
}

/** A cheap call that allocates in the module: a trapped allocator or a stuck borrow shows here. */
function stillWorks() {
  try {
    const period = meal.Period.parse("2026Q3");
    const ok = period.end === "2026-09-30";
    period.free();
    return ok ? undefined : "module answers wrongly afterwards";
  } catch (e) {
    return `module broken afterwards: ${describe(e)}`;
  }
}

function sweep(entries) {
  const problems = [];
  let calls = 0;
  for (const entry of entries) {
    const started = performance.now();
    const firstText = entry.kind === "method" ? -1 : entry.params.findIndex((p) => isString(p.type));
    entry.params.forEach((param, i) => {
      for (const [label, bad] of Object.entries(badFor(param.type, i === firstText))) {
        calls++;
        const problem = problemOf(() => call(entry, entry.params.map((p, j) => (j === i ? bad : goodFor(p)))));
        if (problem) problems.push(`${entry.label}(${param.name}: ${label}): ${problem}`);
      }
    });
    if (process.env.MEAL_SWEEP_TIMES) console.log(`${(performance.now() - started).toFixed(0)} ms ${entry.label}`);
  }
  return { problems, calls };
}

// ---- wrong JavaScript types ----------------------------------------------------------------
// Every parameter of every export receives each of these; where its declared type does not
// admit the value, the call must throw a MealError (never return, never a TypeError, an Error
// from the glue or a trap) and the module must work afterwards.
const WRONG_TYPES = {
  number: () => 42,
  boolean: () => true,
  null: () => null,
  undefined: () => undefined,
  "plain object": () => ({ id: "x" }),
  array: () => [],
  function: () => () => "x",
  BigInt: () => 10n,
  "another class": (type) => instance(members(type).includes("Period") ? "Logframe" : "Period"),
};

/** The top-level members of a union type: `A | B<C | D>` → ["A", "B<C | D>"]. */
function members(type) {
  const out = [];
  let depth = 0;
  let current = "";
  for (const ch of type) {
    if ("<({[".includes(ch)) depth++;
    if (">)}]".includes(ch)) depth--;
    if (ch === "|" && depth === 0) { out.push(current.trim()); current = ""; } else current += ch;
  }
  return [...out, current.trim()];
}

/** Whether a parameter of `type` admits `value`: true, false, or undefined where this test
 * cannot tell (interfaces and aliases: shapes the binding reads and refuses itself). */
function admits(type, value) {
  const verdicts = members(type).map((member) => admitsMember(member, value));
  if (verdicts.includes(true)) return true;
  return verdicts.includes(undefined) ? undefined : false;
}

function admitsMember(member, value) {
  if (["string", "number", "boolean", "bigint"].includes(member)) return typeof value === member;
  if (member === "null") return value === null;
  if (member === "undefined") return value === undefined;
  if (member === "any" || member === "unknown") return true;
  if (member === "object" || /^(Record<|\{)/.test(member)) return (typeof value === "object" && value !== null) || typeof value === "function";
  if (/(\[\]|^Array<.*>)$/.test(member)) return Array.isArray(value);
  if (member === "Uint8Array") return value instanceof Uint8Array;
  if (/^[A-Z]\w*$/.test(member) && typeof meal[member] === "function") return value instanceof meal[member];
  return undefined;
}

function sweepTypes(entries) {
  const problems = [];
  let refusals = 0;
  for (const entry of entries) {
    entry.params.forEach((param, i) => {
      for (const [label, make] of Object.entries(WRONG_TYPES)) {
        const wrong = make(param.type);
        const admitted = param.optional && wrong == null ? true : admits(param.type, wrong);
        if (admitted === true) continue;
        if (admitted === false) refusals++;
        const args = () => entry.params.map((p, j) => (j === i ? wrong : goodFor(p)));
        const problem = problemOf(() => call(entry, args()), admitted === undefined);
        if (problem) problems.push(`${entry.label}(${param.name}: ${param.type} ← ${label}): ${problem}`);
      }
    });
  }
  return { problems, refusals };
}

const entries = exportsOf(declarations);
const swept = (kinds) => entries.filter((e) => kinds.includes(e.kind));

test("the declarations list the package's exports", () => {
  const labels = entries.map((e) => e.label);
  for (const expected of ["checkLogframe", "Form.fromJson", "Form.fromXlsform", "Form#checkMany", "Period.parse", "intake"]) {
    assert.ok(labels.includes(expected), expected);
  }
  assert.ok(entries.length > 150, `${entries.length} exports`);
});

test("every class of the package has an object to sweep its methods on", () => {
  const classes = [...declarations.matchAll(/^export class (\w+)/gm)].map((m) => m[1]);
  assert.deepEqual(classes.filter((c) => !(c in FACTORIES)), []);
  for (const c of classes) assert.ok(instance(c) instanceof meal[c], c);
});

test("every free function refuses hostile input with a MealError", () => {
  const { problems, calls } = sweep(swept(["function"]));
  assert.ok(calls > 300, `${calls} calls`);
  assert.deepEqual(problems, []);
});

test("every constructor and static constructor refuses hostile input with a MealError", () => {
  const { problems, calls } = sweep(swept(["static", "constructor"]));
  assert.ok(calls > 300, `${calls} calls`);
  assert.deepEqual(problems, []);
});

test("the methods of every class refuse hostile input with a MealError", () => {
  // Deep values included: Table#select, Expr#check and the reports' render read JsValues.
  const { problems } = sweep(swept(["method"]));
  assert.deepEqual(problems, []);
});

test("every parameter of every export refuses a wrong JavaScript type with a MealError", (t) => {
  const { problems, refusals } = sweepTypes(entries);
  t.diagnostic(`${refusals} wrong-type calls refused, over ${entries.reduce((n, e) => n + e.params.length, 0)} parameters of ${entries.length} exports`);
  assert.ok(refusals > 1500, `${refusals} refusals`);
  assert.deepEqual(problems, []);
});

test("after the sweep the module still works", () => {
  assert.equal(meal.Period.parse("2026Q1").end, "2026-03-31");
  assert.equal(meal.Form.fromXlsform(readFileSync(join(forms, "feedback_plainte.xlsx"))).findings().length, 0);
});

// ---- what a wrong type says ------------------------------------------------------------------
function wrongType(run) {
  try {
    run();
  } catch (e) {
    assert.ok(meal.isMealError(e), describe(e));
    assert.equal(e.code, "input.wrong_type");
    return { params: e.params, message: e.message, messageFr: e.messageFr };
  }
  assert.fail("accepted");
}

test("a wrong type names the argument, the declared type and what came, in English and French", () => {
  assert.deepEqual(wrongType(() => meal.Period.parse(202601)), {
    params: { argument: "id", expected: "string", got: "number" },
    message: "This argument has the wrong type: expected string, got number",
    messageFr: "Cet argument n'a pas le bon type : attendu string, reçu number",
  });
  assert.deepEqual(wrongType(() => meal.tokenise(new Date(0), {})).params, { argument: "form", expected: "Form", got: "Date" });
  assert.deepEqual(wrongType(() => meal.tokenise(meal.Period.parse("2026Q1"), {})).params, { argument: "form", expected: "Form", got: "Period" });
  assert.deepEqual(wrongType(() => meal.Form.fromXlsform("consultation.xlsx")).params.got, "string");
  assert.deepEqual(wrongType(() => meal.Form.fromXlsform([0x50, 300])).params.got, "array");
  assert.deepEqual(wrongType(() => meal.Period.containing("quarter", null)).params, { argument: "date", expected: "string", got: "null" });
  assert.deepEqual(wrongType(() => meal.Period.parse(10n)).params.got, "bigint");
});

test("arrays of strings are checked item by item, counts are never coerced", () => {
  const pseudonymiser = instance("Pseudonymiser");
  assert.deepEqual(wrongType(() => pseudonymiser.pseudonyms(["a", 7])).params, { argument: "identifiers[1]", expected: "string", got: "number" });
  assert.deepEqual(wrongType(() => pseudonymiser.pseudonyms("a")).params, { argument: "identifiers", expected: "string[]", got: "string" });
  assert.equal(pseudonymiser.pseudonyms(["a"]).length, 1);
  for (const [count, got] of [[NaN, "NaN"], [-5, "-5"], [7.5, "7.5"], [Infinity, "Infinity"], ["10", "string"]]) {
    assert.deepEqual(wrongType(() => meal.ClaimCode.generate(count)).params, { argument: "byteCount", expected: "integer ≥ 0", got });
  }
  assert.match(meal.ClaimCode.generate(10).asText(), /^\w{4}-\w{4}-\w{4}-\w{4}$/);
});

test("bytes may be a Uint8Array (a Buffer is one) or an array of bytes, nothing coerced", () => {
  const key = [...new Uint8Array(32).fill(7)];
  assert.ok(new meal.PseudonymKey(key).equals(new meal.PseudonymKey(Buffer.from(key))));
  assert.deepEqual(wrongType(() => new meal.PseudonymKey([...key.slice(1), 256])).params.argument, "bytes");
  assert.deepEqual(wrongType(() => new meal.PseudonymKey([...key.slice(1), "7"])).params.argument, "bytes");
  assert.deepEqual(wrongType(() => new meal.PseudonymKey(new Uint16Array(32))).params.got, "Uint16Array");
});

test("an object used after free() is input.freed_object, as an argument or as the receiver", () => {
  const freed = meal.Period.parse("2026Q1");
  freed.free();
  const code = (run) => {
    try { run(); } catch (e) { return meal.isMealError(e) ? [e.code, e.params.argument] : describe(e); }
    return "accepted";
  };
  assert.deepEqual(code(() => freed.contains("2026-02-01")), ["input.freed_object", "this"]);
  assert.deepEqual(code(() => instance("Indicator").targetFor(freed)), ["input.freed_object", "period"]);
  assert.deepEqual(code(() => meal.Period.parse("2026Q2").equals(freed)), ["input.freed_object", "other"]);
  assert.equal(stillWorks(), undefined);
});

test("a method called on an object of another class is input.wrong_type, not a pointer of the wrong type", () => {
  assert.deepEqual(wrongType(() => meal.Form.prototype.findings.call(meal.Period.parse("2026Q1"))).params, { argument: "this", expected: "Form", got: "Period" });
  assert.deepEqual(wrongType(() => meal.Logframe.prototype.toJson.call({})).params, { argument: "this", expected: "Logframe", got: "object" });
  assert.deepEqual(wrongType(() => meal.Expr.prototype.evaluate.call(undefined, {})).params.got, "undefined");
  const getter = Object.getOwnPropertyDescriptor(meal.Expr.prototype, "references").get;
  assert.deepEqual(wrongType(() => getter.call(meal.Period.parse("2026Q1"))).params, { argument: "this", expected: "Expr", got: "Period" });
  assert.equal(stillWorks(), undefined);
});

test("every method and getter of every class refuses an object of another class as `this`", () => {
  const problems = [];
  let calls = 0;
  const stranger = (owner) => instance(owner === "Period" ? "Logframe" : "Period");
  for (const entry of swept(["method"])) {
    calls++;
    const args = () => entry.params.map(goodFor);
    const problem = problemOf(() => meal[entry.owner].prototype[entry.name].call(stranger(entry.owner), ...args()), false);
    if (problem) problems.push(`${entry.label} on a ${stranger(entry.owner).constructor.name}: ${problem}`);
  }
  for (const owner of Object.keys(FACTORIES)) {
    for (const [name, { get }] of Object.entries(Object.getOwnPropertyDescriptors(meal[owner].prototype))) {
      if (!get) continue;
      calls++;
      const problem = problemOf(() => get.call(stranger(owner)), false);
      if (problem) problems.push(`${owner}#${name} (getter): ${problem}`);
    }
  }
  assert.ok(calls > 140, `${calls} calls`);
  assert.deepEqual(problems, []);
});

