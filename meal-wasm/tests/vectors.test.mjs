// Runs every shared conformance vector (tests/vectors/*.json) through the JavaScript API.
// The Rust, Python and Kotlin runners execute the same files and must agree exactly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import meal from "./load.mjs";

const { Period, periodsBetween, checkLogframe, Indicator, Expr, Form } = meal;
const DEFAULT_NOW = "2026-11-27T10:00:00+01:00";
const vectorsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "tests", "vectors");

const periodData = (p) => ({ id: p.id, type: p.periodType, start: p.start, end: p.end });
const documentText = (doc) => (typeof doc === "string" ? doc : JSON.stringify(doc));
const indicatorOf = (input) => Indicator.fromJson(documentText(input.indicator));

const formOf = (input) => Form.fromJson(documentText(input.form));
const formOptions = (input) => ({ locale: input.locale ?? "en", now: input.now ?? DEFAULT_NOW });

// One entry per op of tests/vectors/README.md; an unknown op fails the vector.
const ops = {
  "period.parse": (i) => ({ ok: periodData(Period.parse(i.id)) }),
  "period.containing": (i) => ({ ok: periodData(Period.containing(i.type, i.date)) }),
  "period.next": (i) => ({ ok: periodData(Period.parse(i.id).next()) }),
  "period.previous": (i) => ({ ok: periodData(Period.parse(i.id).previous()) }),
  "period.between": (i) => ({ ok: periodsBetween(i.type, i.start, i.end).map((p) => p.id) }),
  "period.within": (i) => ({ ok: Period.parse(i.id).periodsWithin(i.type).map((p) => p.id) }),
  "logframe.check": (i) => ({ findings: checkLogframe(documentText(i.document)).map((f) => f.code) }),
  "indicator.target": (i) => ({ ok: indicatorOf(i).targetFor(Period.parse(i.period)) ?? null }),
  "indicator.actual": (i) => ({ ok: indicatorOf(i).actualFor(Period.parse(i.period), i.observations) ?? null }),
  "indicator.assess": (i) => {
    const a = indicatorOf(i).assess(Period.parse(i.period), i.actual ?? null);
    return { ok: { target: a.target ?? null, achievement: a.achievement ?? null, status: a.status } };
  },
  "expr.parse": (i) => {
    const e = Expr.parse(i.expression);
    return { ok: { canonical: e.canonical, references: e.references } };
  },
  "expr.evaluate": (i) => ({
    ok: Expr.parse(i.expression).evaluate(i.values ?? {}, { current: i.current ?? null, today: i.today, now: i.now ?? DEFAULT_NOW }),
  }),
  "expr.check": (i) => ({ findings: Expr.parse(i.expression).check(i.types).map((f) => f.code) }),
  "xlsform.read": (i) => ({
    ok: Form.fromXlsform(Buffer.from(i.workbook, "base64")).findings().map((f) => ({ code: f.code, path: f.path })),
  }),
  "form.compile": (i) => ({ findings: formOf(i).findings().map((f) => f.code) }),
  "form.validate": (i) => {
    const r = formOf(i).validate(i.submission, formOptions(i));
    return { ok: { valid: r.valid, findings: r.findings.map((f) => ({ code: f.code, path: f.path, message: f.message })), cleaned: r.cleaned } };
  },
  "form.state": (i) => ({
    ok: formOf(i).state(i.submission, formOptions(i))
      .map((s) => ({ path: s.path, relevant: s.relevant, required: s.required, read_only: s.readOnly, value: s.value })),
  }),
};

function outcome(vector) {
  const op = ops[vector.op];
  if (!op) return { unknownOp: vector.op };
  try {
    return op(vector.input);
  } catch (e) {
    if (e?.name !== "MealError") throw e;
    return { error: e.code };
  }
}

const files = readdirSync(vectorsDir).filter((f) => f.endsWith(".json")).sort();
test("there are vector files", () => assert.ok(files.length > 0));
for (const file of files) {
  const { vectors } = JSON.parse(readFileSync(join(vectorsDir, file), "utf8"));
  for (const vector of vectors) {
    test(`${file}: ${vector.name}`, () => assert.deepEqual(outcome(vector), vector.expect));
  }
}
