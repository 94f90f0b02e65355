// The JavaScript face of meal: idioms (camelCase, getters, toJSON, thrown MealError) and the
// error mapping. Behaviour itself is pinned by the shared vectors (vectors.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import meal from "./load.mjs";

const { Period, periodsBetween, checkLogframe, Logframe, Indicator, renderMessage } = meal;

function throwsMealError(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, "a real Error");
    assert.equal(e.name, "MealError");
    assert.equal(e.code, code);
    assert.equal(typeof e.message, "string");
    assert.equal(typeof e.messageFr, "string");
    assert.notEqual(e.message, e.messageFr);
    return true;
  });
}

test("a quarter has dates, neighbours and months", () => {
  const q1 = Period.parse("2026Q1");
  assert.equal(q1.id, "2026Q1");
  assert.equal(q1.periodType, "Quarterly");
  assert.equal(q1.start, "2026-01-01");
  assert.equal(q1.end, "2026-03-31");
  assert.equal(q1.next().id, "2026Q2");
  assert.equal(q1.previous().id, "2025Q4");
  assert.ok(q1.contains("2026-02-28"));
  assert.ok(!q1.contains("2026-04-01"));
  assert.deepEqual(q1.periodsWithin("Monthly").map((p) => p.id), ["202601", "202602", "202603"]);
  assert.deepEqual(JSON.parse(JSON.stringify(q1)), { id: "2026Q1", type: "Quarterly", start: "2026-01-01", end: "2026-03-31" });
  assert.equal(`${q1}`, "2026Q1");
  assert.ok(q1.equals(Period.containing("Quarterly", "2026-03-31")));
});

test("periodsBetween lists every overlapping period", () => {
  const months = periodsBetween("Monthly", "2026-01-15", "2026-03-01");
  assert.deepEqual(months.map((p) => p.id), ["202601", "202602", "202603"]);
});

test("bad periods, types and dates throw MealError with a stable code", () => {
  throwsMealError(() => Period.parse("2026Q5"), "period.out_of_range");
  throwsMealError(() => Period.parse("not a period"), "period.invalid");
  throwsMealError(() => Period.containing("Fortnightly", "2026-01-01"), "period.unknown_type");
  throwsMealError(() => Period.containing("Monthly", "31/01/2026"), "input.date");
});

test("malformed logframe JSON throws json.malformed with its position", () => {
  assert.throws(() => checkLogframe("{\"format_version\": 1,"), (e) => {
    assert.equal(e.code, "json.malformed");
    assert.equal(e.params.line, "1");
    return true;
  });
});

test("a logframe with a cycle throws logframe.cycle", () => {
  const text = (en) => ({ en, fr: en });
  const doc = {
    format_version: 1,
    project: { code: "T", name: text("Test") },
    objectives: [
      { code: "A", level: "outcome", parent: "B", kind: "operational", title: text("A") },
      { code: "B", level: "output", parent: "A", kind: "operational", title: text("B") },
    ],
    indicators: [],
  };
  throwsMealError(() => checkLogframe(JSON.stringify(doc)), "logframe.cycle");
  throwsMealError(() => Logframe.fromJson(JSON.stringify(doc)), "logframe.cycle");
});

test("findings carry code, path, severity and a message in the asked language", () => {
  const text = (en, fr) => ({ en, fr });
  const doc = {
    format_version: 1,
    project: { code: "T", name: text("Test", "Test") },
    objectives: [{ code: "I", level: "impact", kind: "operational", title: text("Impact", "Impact"), colour: "red" }],
    indicators: [],
  };
  const en = checkLogframe(JSON.stringify(doc));
  const fr = checkLogframe(JSON.stringify(doc), "fr-FR");
  const unknown = en.find((f) => f.code === "document.unknown_field");
  assert.ok(unknown, JSON.stringify(en));
  assert.equal(unknown.path, "/objectives/0/colour");
  assert.equal(unknown.severity, "error");
  const unknownFr = fr.find((f) => f.code === "document.unknown_field");
  assert.notEqual(unknown.message, unknownFr.message);
  const lf = Logframe.fromJson(JSON.stringify(doc));
  assert.equal(lf.projectCode, "T");
  assert.deepEqual(lf.objectiveCodes, ["I"]);
  assert.deepEqual(lf.findings("en").map((f) => f.code), en.map((f) => f.code));
  assert.equal(JSON.parse(lf.toJson()).project.code, "T");
});

test("an indicator is assessed against its quarterly target", () => {
  const indicator = Indicator.fromJson(JSON.stringify({
    code: "IND-1",
    name: { en: "Consultations", fr: "Consultations" },
    measure: { kind: "count" },
    unit: { en: "consultations", fr: "consultations" },
    direction: { kind: "increase" },
    aggregation: "incremental",
    targets: [{ period: "2026Q1", value: "200" }],
  }));
  assert.equal(indicator.code, "IND-1");
  const q1 = Period.parse("2026Q1");
  assert.equal(indicator.targetFor(q1), "200");
  assert.equal(indicator.targetFor(Period.parse("2026Q2")), undefined);
  const assessment = indicator.assess(q1, "190");
  assert.equal(assessment.status, "on_track");
  assert.equal(assessment.achievement, "0.95");
  assert.equal(indicator.assess(q1, null).status, "no_data");
  assert.equal(indicator.assess(q1, "190", { onTrack: "0.96" }).status, "at_risk");
  throwsMealError(() => indicator.assess(q1, "190", { atRisk: "high" }), "input.decimal");
  throwsMealError(() => indicator.assess(q1, "lots"), "input.decimal");
  const actual = indicator.actualFor(q1, [
    { period: "202601", value: "60" },
    { period: "202602", value: "70" },
  ]);
  assert.equal(actual, "130");
});

test("messages render in French and English", () => {
  const en = renderMessage("period.unknown_type", { name: "Fortnightly" }, "en");
  const fr = renderMessage("period.unknown_type", { name: "Fortnightly" }, "fr");
  assert.match(en, /Fortnightly/);
  assert.match(fr, /Fortnightly/);
  assert.notEqual(en, fr);
});

test("arbitrary input throws MealError, never anything else", () => {
  let seed = 20261127;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const alphabet = "0123456789WQSBANovAprilJulyOct-_ {}[]\":,é\u2028\u0000";
  const valid = JSON.stringify({ format_version: 1, project: { code: "T", name: { en: "T", fr: "T" } }, objectives: [] });
  for (let n = 0; n < 500; n++) {
    let junk = "";
    for (let k = Math.floor(random() * 16); k > 0; k--) junk += alphabet[Math.floor(random() * alphabet.length)];
    const cut = valid.slice(0, Math.floor(random() * valid.length)) + junk;
    for (const call of [() => Period.parse(junk), () => checkLogframe(cut), () => Indicator.fromJson(junk)]) {
      try {
        call();
      } catch (e) {
        assert.equal(e.name, "MealError", String(e));
        assert.ok(e.code);
      }
    }
  }
});
