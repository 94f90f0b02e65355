// Hostile and careless input against every export (issue 11, JavaScript part): several-MB
// strings, 10 000 levels of nesting, bytes that are not UTF-8 or not a workbook, lone
// surrogates, NaN and Infinity, empty input, wrong shapes. Whatever comes in, a call returns or
// throws a MealError with a stable code — never a raw RuntimeError (`unreachable`: a Rust panic,
// which would leave the module unusable) nor a TypeError.
//
// The exports and their parameter types are read from the generated `.d.ts`, so a new export is
// swept without anyone listing it here. Each parameter gets the bad values of its declared type;
// parameters declared as objects, arrays or `any` (JsValue in Rust) must also refuse every other
// JavaScript type. What the wasm-bindgen glue checks itself — a number passed where the
// declaration says `string`, a Date where it says `Form` — is outside this contract (TypeScript
// rejects those calls); see "glue" at the end of this file.
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

// Objects of the package built from the reference mission, for parameters and receivers.
const forms = join(root, "examples", "forms");
const logframeText = readFileSync(join(root, "examples", "data", "logframe-idf.json"), "utf8");
const FACTORIES = {
  Form: () => meal.Form.fromXlsform(readFileSync(join(forms, "consultation_medicale.xlsx"))),
  Period: () => meal.Period.parse("2026Q1"),
  Logframe: () => meal.Logframe.fromJson(logframeText),
  PseudonymKey: () => new meal.PseudonymKey(new Uint8Array(32).fill(7)),
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

/** The problem of one call, or undefined when it returned or threw a proper MealError. */
function problemOf(run) {
  try {
    run();
    return undefined;
  } catch (e) {
    if (e instanceof Skip) return undefined;
    if (meal.isMealError(e) && /^[a-z_]+\.[a-z_0-9]+$/.test(e.code)) return undefined;
    return `${e?.constructor?.name ?? typeof e}: ${String(e?.message ?? e).slice(0, 120)}`;
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

const entries = exportsOf(declarations);
const swept = (kinds) => entries.filter((e) => kinds.includes(e.kind) && (e.kind !== "method" || e.owner in FACTORIES));

test("the declarations list the package's exports", () => {
  const labels = entries.map((e) => e.label);
  for (const expected of ["checkLogframe", "Form.fromJson", "Form.fromXlsform", "Form#checkMany", "Period.parse", "intake"]) {
    assert.ok(labels.includes(expected), expected);
  }
  assert.ok(entries.length > 150, `${entries.length} exports`);
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

test("the methods of forms, periods, logframes and keys refuse hostile input with a MealError", () => {
  const { problems } = sweep(swept(["method"]));
  assert.deepEqual(problems, []);
});

test("after the sweep the module still works", () => {
  assert.equal(meal.Period.parse("2026Q1").end, "2026-03-31");
  assert.equal(meal.Form.fromXlsform(readFileSync(join(forms, "feedback_plainte.xlsx"))).findings().length, 0);
});

// Glue: wasm-bindgen converts `string` and class parameters itself before any Rust code runs.
// A wrong JavaScript type there (which TypeScript rejects) is refused by the glue, not by the
// core: a TypeError or "expected instance of …". Turning those into MealErrors too means
// declaring such parameters as JsValue and reading them with `text_of` (as the document
// parameters already are); this test pins what the glue does today so a change is noticed.
test("glue: a class parameter given another object is refused before reaching Rust", () => {
  assert.throws(() => meal.tokenise(new Date(0), {}), /expected instance of Form/);
});
