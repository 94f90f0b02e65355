// MEAL plans, coverage, the reporting calendar, lessons and the xlsx templates through the
// JavaScript API: documents in as text, objects or this package's objects, and a MealError
// with the core's code (never a RuntimeError) for every bad input. Behaviour itself is pinned
// by the shared vectors (vectors.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import meal from "./load.mjs";

const {
  MealPlan, checkMealPlan, planCoverage, reportingCalendar, LessonsRegister, searchLessons, consolidateLessons,
  logframeFromXlsx, logframeToXlsx, mealPlanFromXlsx, mealPlanToXlsx, AuthoredLogframe, AuthoredMealPlan,
  Logframe, Form, PrivacyRules, readManoExport,
} = meal;
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function throwsCode(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `a RuntimeError: ${e}`);
    assert.ok(e instanceof Error, "a real Error");
    assert.equal(e.name, "MealError", String(e));
    assert.equal(e.code, code, e.message);
    assert.equal(typeof e.messageFr, "string");
    return true;
  });
}

const text = (en, fr = en) => ({ en, fr });
const logframeDocument = JSON.parse(readFileSync(join(root, "tests", "vectors", "compute.json"), "utf8")).vectors[0].input.logframes[0];
const logframe = () => Logframe.fromJson(JSON.stringify(logframeDocument));
const planDocument = {
  format_version: 1,
  project: "TST",
  start: "2026-01-01",
  roles: [{ code: "meal_officer", name: text("MEAL officer", "Chargé SERA") }],
  reporting: { sitrep: "monthly", sitrep_due_days: 10, annual_report_due_days: 60, quality_review: "quarterly" },
  indicators: [{
    indicator: "C1", source: { kind: "form", form: "consultation", field: "sex" }, method: "routine_records",
    tool: text("ODK Collect"), frequency: "monthly", responsible: "meal_officer", reporting: ["sitrep"],
  }],
};
const lesson = (id, project, date, words) => ({
  id, project, date, status: "validated",
  lesson: text(words, words), context: text("context", "contexte"), evidence: text("evidence", "preuves"),
  recommendation: text("recommendation", "recommandation"), tags: ["access"],
});
const registerDocument = (lessons) => ({ format_version: 1, lessons });
const HUGE = "[".repeat(1_000_000);

test("a MEAL plan reads from text, an object or a MealPlan, and round-trips", () => {
  const plan = MealPlan.fromJson(planDocument);
  assert.ok(plan instanceof MealPlan);
  assert.equal(plan.project, "TST");
  assert.deepEqual(plan.indicatorCodes, ["C1"]);
  const again = MealPlan.fromJson(plan.toJson());
  assert.equal(again.toJson(), plan.toJson());
  assert.equal(MealPlan.fromJson(plan).toJson(), plan.toJson());
  assert.deepEqual(JSON.parse(JSON.stringify(plan)), JSON.parse(plan.toJson()));
  assert.equal(plan.toJSON().project, "TST");
  assert.ok(Array.isArray(plan.findings("fr")));
});

test("checkMealPlan reports reading findings with a message in the asked language", () => {
  const found = checkMealPlan({ ...planDocument, colour: "red" }, "fr");
  const unknown = found.find((f) => f.code === "document.unknown_field");
  assert.ok(unknown, JSON.stringify(found));
  assert.equal(unknown.path, "/colour");
  assert.equal(typeof unknown.message, "string");
  assert.deepEqual(checkMealPlan(JSON.stringify({ ...planDocument, colour: "red" })).map((f) => f.code), found.map((f) => f.code));
});

test("bad MEAL plan documents throw the core's codes", () => {
  throwsCode(() => checkMealPlan("{\"format_version\": 1,"), "json.malformed");
  throwsCode(() => MealPlan.fromJson("{"), "json.malformed");
  throwsCode(() => checkMealPlan({ ...planDocument, format_version: 2 }), "document.format_version");
  throwsCode(() => checkMealPlan({ ...planDocument, indicators: "C1" }), "document.invalid");
  throwsCode(() => checkMealPlan({ ...planDocument, start: "01/01/2026" }), "document.invalid");
  throwsCode(() => checkMealPlan(42), "document.invalid");
  throwsCode(() => checkMealPlan(undefined), "document.invalid");
  throwsCode(() => checkMealPlan(HUGE), "json.malformed");
  throwsCode(() => MealPlan.fromJson(`{"format_version": 1, "project": "${"x".repeat(5_000_000)}"}`), "document.invalid");
});

test("planCoverage reads plans, logframes, forms and rules, and checks their shapes", () => {
  const form = Form.fromXlsform(readFileSync(join(root, "examples", "forms", "consultation_medicale.xlsx")));
  const options = { plans: [MealPlan.fromJson(planDocument), planDocument, JSON.stringify(planDocument)], logframes: [logframe()], forms: [form] };
  const found = planCoverage(options, "fr");
  assert.ok(Array.isArray(found));
  for (const f of found) assert.deepEqual(Object.keys(f).sort(), ["code", "message", "params", "path", "severity"]);
  assert.deepEqual(planCoverage({ ...options, rules: null }).map((f) => f.code), found.map((f) => f.code));
  throwsCode(() => planCoverage("plans"), "document.invalid");
  throwsCode(() => planCoverage({ ...options, plans: planDocument }), "document.invalid");
  throwsCode(() => planCoverage({ ...options, plans: [42] }), "document.invalid");
  throwsCode(() => planCoverage({ ...options, plans: ["{"] }), "json.malformed");
  throwsCode(() => planCoverage({ ...options, logframes: [42] }), "document.invalid");
  throwsCode(() => planCoverage({ ...options, logframes: ["[1,"] }), "json.malformed");
  throwsCode(() => planCoverage({ ...options, forms: "consultation" }), "document.invalid");
  throwsCode(() => planCoverage({ ...options, plans: ["1], \"forms\": [2"] }), "json.malformed");
  throwsCode(() => planCoverage({ ...options, rules: "{" }), "json.malformed");
  throwsCode(() => planCoverage({ ...options, rules: { format_version: 9 } }), "document.format_version");
});

test("reportingCalendar checks its dates and range, and gives plain data", () => {
  const plans = [MealPlan.fromJson(planDocument)];
  throwsCode(() => reportingCalendar(plans, { from: "2026-12-31", to: "2026-01-01" }), "plan.bad_range");
  throwsCode(() => reportingCalendar(plans, { from: "01/01/2026", to: "2026-12-31" }), "document.invalid");
  throwsCode(() => reportingCalendar(plans, { from: "2026-01-01", to: "2026-12-31", seminar: "soon" }), "document.invalid");
  throwsCode(() => reportingCalendar(plans, { from: "2026-01-01", to: "2036-12-31" }), "plan.bad_range");
  throwsCode(() => reportingCalendar([{ ...planDocument, format_version: 3 }], { from: "2026-01-01", to: "2026-12-31" }), "document.format_version");
  throwsCode(() => reportingCalendar(plans, { from: "2026-01-01" }), "document.invalid");
  throwsCode(() => reportingCalendar(plans, "2026"), "document.invalid");
  throwsCode(() => reportingCalendar(planDocument, { from: "2026-01-01", to: "2026-12-31" }), "document.invalid");
});

test("a lessons register reads, searches and consolidates", () => {
  const register = LessonsRegister.fromJson(registerDocument([lesson("TST-L-1", "TST", "2026-03-01", "Waiting times fell")]));
  assert.ok(register instanceof LessonsRegister);
  assert.equal(register.length, 1);
  assert.equal(register.lessons[0].id, "TST-L-1");
  assert.equal(LessonsRegister.fromJson(register.toJson()).toJson(), register.toJson());
  assert.deepEqual(JSON.parse(JSON.stringify(register)), JSON.parse(register.toJson()));
  assert.ok(Array.isArray(register.findings("fr")));
  assert.ok(Array.isArray(searchLessons(register, { text: "waiting" })));
  assert.ok(Array.isArray(searchLessons(register.toJson(), "{}")));
  assert.ok(Array.isArray(searchLessons(register)));
  const consolidated = consolidateLessons([register, registerDocument([]), register.toJson()], "fr");
  assert.ok(consolidated.register instanceof LessonsRegister);
  assert.ok(Array.isArray(consolidated.findings));
});

test("bad registers and queries throw the core's codes", () => {
  const register = registerDocument([lesson("TST-L-1", "TST", "2026-03-01", "Waiting times fell")]);
  throwsCode(() => LessonsRegister.fromJson("{"), "json.malformed");
  throwsCode(() => LessonsRegister.fromJson({ format_version: 2, lessons: [] }), "document.format_version");
  throwsCode(() => LessonsRegister.fromJson({ format_version: 1, lessons: [{ id: "x" }] }), "document.invalid");
  throwsCode(() => searchLessons(register, "{"), "json.malformed");
  throwsCode(() => searchLessons(register, { colour: "red" }), "plan.bad_query");
  throwsCode(() => searchLessons(register, { from: "2026-12-01", to: "2026-01-01" }), "plan.bad_query");
  throwsCode(() => searchLessons(register, "[]"), "plan.bad_query");
  throwsCode(() => searchLessons(42, {}), "document.invalid");
  throwsCode(() => consolidateLessons(register), "document.invalid");
  throwsCode(() => consolidateLessons([register, HUGE]), "json.malformed");
});

test("templates: a logframe and a plan written to xlsx read back identical", () => {
  const lf = logframe();
  for (const locale of ["en", "fr"]) {
    const bytes = logframeToXlsx(lf, locale);
    assert.ok(bytes instanceof Uint8Array && bytes.length > 0);
    const authored = logframeFromXlsx(bytes);
    assert.ok(authored instanceof AuthoredLogframe);
    assert.ok(Array.isArray(authored.findings("fr")));
    assert.equal(authored.logframe.toJson(), lf.toJson());
  }
  const plan = MealPlan.fromJson(planDocument);
  const authored = mealPlanFromXlsx(mealPlanToXlsx(plan, "fr"));
  assert.ok(authored instanceof AuthoredMealPlan);
  assert.equal(authored.plan.toJson(), plan.toJson());
  assert.equal(mealPlanFromXlsx(mealPlanToXlsx(planDocument).buffer).plan.toJson(), plan.toJson());
});

test("templates: anything but the bytes of an xlsx throws a MealError", () => {
  const notXlsx = new TextEncoder().encode("project,objective\nTST,O1\n");
  throwsCode(() => logframeFromXlsx(notXlsx), "template.unreadable");
  throwsCode(() => mealPlanFromXlsx(notXlsx), "template.unreadable");
  throwsCode(() => logframeFromXlsx(new Uint8Array()), "template.unreadable");
  throwsCode(() => logframeFromXlsx("workbook.xlsx"), "document.invalid");
  throwsCode(() => mealPlanFromXlsx(42), "document.invalid");
  throwsCode(() => mealPlanFromXlsx(undefined), "document.invalid");
  throwsCode(() => logframeToXlsx(42, "fr"), "document.invalid");
  throwsCode(() => logframeToXlsx("{", "fr"), "json.malformed");
  throwsCode(() => mealPlanToXlsx({ format_version: 1 }), "document.invalid");
});

test("the reference mission: four plans cover their logframes, and the 2026 calendar falls out", () => {
  const data = join(root, "examples", "data");
  const projects = ["idf", "calais", "dunkerque", "marseille"];
  const plans = projects.map((p) => MealPlan.fromJson(readFileSync(join(data, `plan-${p}.json`), "utf8")));
  const logframes = projects.map((p) => Logframe.fromJson(readFileSync(join(data, `logframe-${p}.json`), "utf8")));
  const forms = ["consultation_medicale", "contact_maraude_littoral", "dossier_socio_juridique", "feedback_plainte", "suivi_sante_mentale"]
    .map((f) => Form.fromXlsform(readFileSync(join(root, "examples", "forms", `${f}.xlsx`))));
  const rules = PrivacyRules.fromJson(readFileSync(join(data, "privacy-rules.json"), "utf8"));
  assert.deepEqual(planCoverage({ plans, logframes, forms, rules }), []);
  for (const plan of plans) assert.deepEqual(plan.findings(), []);
  // Without one project's plan, its logframe has none.
  const missing = planCoverage({ plans: plans.slice(1), logframes, forms, rules });
  assert.deepEqual(missing.map((f) => [f.code, f.path]), [["plan.no_plan", "/logframes/0"]]);

  const calendar = reportingCalendar(plans, { from: "2026-01-01", to: "2026-12-31", seminar: "2026-11-20" });
  assert.equal(calendar.from, "2026-01-01");
  assert.deepEqual(calendar.due.filter((d) => d.kind === "seminar"), [{ date: "2026-11-20", kind: "seminar", project: null }]);
  assert.deepEqual([...new Set(calendar.due.map((d) => d.project))].sort(), ["CAL", "DKQ", "IDF", "MRS", null].sort());
  assert.ok(calendar.due.every((d, i) => i === 0 || calendar.due[i - 1].date <= d.date));
  const idf = reportingCalendar(plans, { from: "2026-01-01", to: "2026-12-31", seminar: "2026-11-20", project: "IDF" });
  assert.deepEqual(idf.due, calendar.due.filter((d) => d.project === "IDF" || d.project === null));

  const register = LessonsRegister.fromJson(readFileSync(join(data, "lessons.json"), "utf8"));
  assert.deepEqual(register.findings(), []);
  const found = searchLessons(register, { text: "ATTENTE" });
  assert.ok(found.length > 0 && found.length < register.length);
  const twice = consolidateLessons([register, register.toJson()], "fr");
  assert.equal(twice.register.length, 2 * register.length);
  assert.ok(twice.findings.every((f) => f.code === "plan.duplicate_lesson" && f.message.length > 0));
});

test("templates: the mission's plan workbooks read back to its plans; an empty template says where it is empty", () => {
  for (const project of ["idf", "calais", "dunkerque", "marseille"]) {
    const authored = mealPlanFromXlsx(readFileSync(join(root, "examples", "plans", `plan-${project}.xlsx`)));
    assert.deepEqual(authored.findings(), []);
    const plan = MealPlan.fromJson(readFileSync(join(root, "examples", "data", `plan-${project}.json`), "utf8"));
    assert.equal(authored.plan.toJson(), plan.toJson());
  }
  const mission = Logframe.fromJson(readFileSync(join(root, "examples", "data", "logframe-idf.json"), "utf8"));
  assert.equal(logframeFromXlsx(logframeToXlsx(mission, "fr")).logframe.toJson(), mission.toJson());
  const empty = logframeFromXlsx(readFileSync(join(root, "examples", "templates", "logframe-template.fr.xlsx")));
  assert.equal(empty.logframe, undefined);
  const [first] = empty.findings("fr");
  assert.equal(first.code, "template.missing_row");
  assert.equal(first.path, "projet!A2");
  assert.deepEqual(first.params, { column: "A", row: "2", sheet: "projet", value: "" });
  assert.match(first.message, /feuille/);
});

test("a workbook whose cells point past its shared strings is refused by every xlsx reader, never an abort", () => {
  // Found by fuzzing: calamine indexes shared strings unchecked, and a wasm32 build cannot
  // catch the panic, so the core checks the indices first (tests/fixtures/README.md).
  for (const fixture of ["shared-string-out-of-range.xlsx", "shared-string-damaged-end-tag.xlsx"]) {
    const hostile = new Uint8Array(readFileSync(join(root, "tests", "fixtures", fixture)));
    throwsCode(() => logframeFromXlsx(hostile), "template.unreadable");
    throwsCode(() => mealPlanFromXlsx(hostile), "template.unreadable");
    throwsCode(() => readManoExport(hostile), "mano.unreadable");
    throwsCode(() => Form.fromXlsform(hostile), "xlsform.unreadable");
  }
});
