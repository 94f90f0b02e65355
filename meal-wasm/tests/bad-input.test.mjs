// Hostile and careless input against every export (issue 11, JavaScript part): wrong shapes,
// several-MB strings, 10 000 levels of nesting, bytes that are not UTF-8, NaN and Infinity,
// empty input. Whatever comes in, a call returns or throws a MealError with a stable code —
// never a raw RuntimeError (`unreachable`: a Rust panic, which would leave the module unusable)
// nor a TypeError from the glue. The sweep finds every export by reflection, so a new export is
// swept without anyone adding it here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import meal from "./load.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const MB = 1 << 20;
const DEPTH = 10_000;

function nested(depth, wrap) {
  let value = 1;
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

/** The bad values, by name: each is given alone and in every argument position. */
const BAD = {
  undefined: undefined,
  null: null,
  NaN: NaN,
  Infinity: Infinity,
  "-Infinity": -Infinity,
  "empty string": "",
  "empty object": {},
  "empty array": [],
  "empty bytes": new Uint8Array(),
  number: 42,
  boolean: true,
  "truncated JSON": "{\"format_version\": 1,",
  "not JSON": "2026Q5 ≠ JSON",
  "NaN inside": { value: NaN, list: [Infinity, -Infinity] },
  "invalid UTF-8 bytes": new Uint8Array([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]),
  "lone surrogate": "\ud800 abc \udfff",
  "huge string (6 MB)": "x".repeat(6 * MB),
  "huge JSON string (6 MB)": JSON.stringify({ format_version: 1, id: "x".repeat(6 * MB) }),
  "deep array text (10 000)": "[".repeat(DEPTH) + "]".repeat(DEPTH),
  "deep object text (10 000)": "{\"a\":".repeat(DEPTH) + "1" + "}".repeat(DEPTH),
  "deep array value (10 000)": nested(DEPTH, (v) => [v]),
  "deep object value (10 000)": nested(DEPTH, (v) => ({ a: v })),
  "wrong class": new Date(0),
  function: () => 1,
};

const SKIP = new Set(["default", "initSync", "isMealError", "constructor", "free", "__destroy_into_raw",
  "__wrap", "toString", "toJSON"]);

/** Every problem of one call, or undefined when it returned or threw a proper MealError. */
function problemOf(call) {
  try {
    call();
    return undefined;
  } catch (e) {
    if (meal.isMealError(e) && typeof e.code === "string" && e.code.includes(".")) return undefined;
    return `${e?.constructor?.name ?? typeof e}: ${String(e?.message ?? e).slice(0, 120)}`;
  }
}

/** Calls `f` with each bad value alone, as every argument (arity 1 to 4), and after one good
 * first argument; returns the problems found. */
function sweep(name, f, good = []) {
  const problems = [];
  for (const [label, value] of Object.entries(BAD)) {
    for (const args of [[value], [value, value, value, value], [...good, value]]) {
      const problem = problemOf(() => f(...args));
      if (problem) {
        problems.push(`${name}(${label} ×${args.length}): ${problem}`);
        break;
      }
    }
    if (problems.some((p) => p.includes("RuntimeError"))) break; // the module is gone
  }
  return problems;
}

const functions = Object.entries(meal).filter(([name, v]) => typeof v === "function" && !SKIP.has(name)
  && !/^[A-Z]/.test(name));
const classes = Object.entries(meal).filter(([name, v]) => typeof v === "function" && /^[A-Z]/.test(name));

test("every free function rejects bad input with a MealError", () => {
  const problems = functions.flatMap(([name, f]) => sweep(name, f));
  if (process.env.MEAL_SWEEP_REPORT) console.log(problems.join("\n"));
  assert.deepEqual(problems, []);
});

test("every static constructor and constructor rejects bad input with a MealError", () => {
  const problems = [];
  for (const [className, cls] of classes) {
    for (const name of Object.getOwnPropertyNames(cls)) {
      if (["length", "name", "prototype", "__wrap"].includes(name) || typeof cls[name] !== "function") continue;
      problems.push(...sweep(`${className}.${name}`, (...args) => cls[name](...args)));
    }
    problems.push(...sweep(`new ${className}`, (...args) => new cls(...args)));
  }
  assert.deepEqual(problems, []);
});

// Objects of the package built from the reference mission, to sweep their methods.
const forms = join(root, "examples", "forms");
const logframeText = readFileSync(join(root, "examples", "data", "logframe-idf.json"), "utf8");
const FACTORIES = {
  Form: () => meal.Form.fromXlsform(readFileSync(join(forms, "consultation_medicale.xlsx"))),
  Period: () => meal.Period.parse("2026Q1"),
  Logframe: () => meal.Logframe.fromJson(logframeText),
  PseudonymKey: () => new meal.PseudonymKey(new Uint8Array(32).fill(7)),
};

test("the methods of the package's objects reject bad input with a MealError", () => {
  const problems = [];
  for (const [className, make] of Object.entries(FACTORIES)) {
    const proto = meal[className].prototype;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (SKIP.has(name) || typeof descriptor.value !== "function") continue;
      problems.push(...sweep(`${className}#${name}`, (...args) => make()[name](...args)));
    }
  }
  assert.deepEqual(problems, []);
});

test("after the sweep the module still works", () => {
  assert.equal(meal.Period.parse("2026Q1").end, "2026-03-31");
});
