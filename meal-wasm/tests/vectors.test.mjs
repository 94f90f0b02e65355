// Runs every shared conformance vector (tests/vectors/*.json) through the JavaScript API.
// The Rust, Python and Kotlin runners execute the same files and must agree exactly.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import meal from "./load.mjs";

const {
  Period, periodsBetween, checkLogframe, Indicator, Expr, Form,
  PrivacyRules, checkMinimisation, screenDpia, Register, decideExport, exportRecords, AuditLog,
  PseudonymKey, Pseudonymiser, tokenise, recordsDigest, retentionDue, ConsentRecord, subjectAccess, rectify, erase,
  Taxonomy, Routing, routeItem, viewItem, referItem, intake, intakeWithPseudonymiser, checkClaim, ClaimCode,
  RecipientKey, SafeguardingSecretKey, Case, Deadlines, Testimony,
  frequencies, kAnonymity, localSuppression, disclosureRisk, recode, recodeColumn, suppressTable, tabulate,
  Logframe, Schema, Table, Engine, Partial, QualityChecks, checkQuality, qualitySummary, Sitrep, AnnualReport,
  checkMealPlan, planCoverage, reportingCalendar, LessonsRegister, searchLessons, consolidateLessons,
  iatiExport, iatiImport, hxlColumns, checkMapping, migrate,
  sealEnvelope, verifyEnvelope,
  logframeFromXlsx, logframeToXlsx, mealPlanFromXlsx, readManoExport,
} = meal;
const DEFAULT_NOW = "2026-11-27T10:00:00+01:00";
const vectorsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "tests", "vectors");
const examplesData = join(vectorsDir, "..", "..", "examples", "data");

const periodData = (p) => ({ id: p.id, type: p.periodType, start: p.start, end: p.end });
const documentText = (doc) => (typeof doc === "string" ? doc : JSON.stringify(doc));
const indicatorOf = (input) => Indicator.fromJson(documentText(input.indicator));

const formOf = (input) => Form.fromJson(documentText(input.form));
const formOptions = (input) => ({ locale: input.locale ?? "en", now: input.now ?? DEFAULT_NOW });
const messages = (findings) => findings.map((f) => ({ code: f.code, path: f.path, message: f.message }));

// Privacy and disclosure: inputs read in the order the Rust runner reads them (so that an input
// with two faults reports the same one), results mapped back to the vectors' snake_case keys.
const rulesOf = (input) => PrivacyRules.fromJson(input.rules);
const formsOf = (input) => input.forms.map((f) => Form.fromJson(documentText(f)));
const codePaths = (findings) => findings.map((f) => ({ code: f.code, path: f.path }));
const codes = (findings) => findings.map((f) => f.code);
const snake = (value) => Array.isArray(value) ? value.map(snake)
  : value !== null && typeof value === "object"
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snake(v)]))
    : value;
const pseudonymiserOf = (input) => new Pseudonymiser(PseudonymKey.fromHex(input.key_hex), input.purpose);
// Records other than an array cross as JSON text: an object would be read as columns.
const microdataOf = (input) => input.columns ?? (Array.isArray(input.records) ? input.records : documentText(input.records));
const exportRequest = (input) => ({ timestamp: DEFAULT_NOW, actor: "vectors", recipient: input.recipient, purpose: input.purpose, fields: input.fields });
const retentionData = (d) => {
  const out = { record: d.record, phase: d.phase, reason: d.reason.code };
  for (const [from, to] of [["endAction", "end_action"], ["triggerDate", "trigger_date"], ["activeUntil", "active_until"],
    ["intermediateUntil", "intermediate_until"], ["notBefore", "not_before"]]) {
    if (d[from] !== undefined) out[to] = d[from];
  }
  return out;
};

// Feedback: a taxonomy or routing absent from the input is the mission's (examples/data), as in
// the Rust runner; a sealed box depends on its random bytes, so results show `{kind, recipient}`.
const SEVENS = new Uint8Array(32).fill(7);
const missionDocument = (input, field, file) => input[field] ?? readFileSync(join(examplesData, file), "utf8");
const taxonomyOf = (input) => Taxonomy.fromJson(missionDocument(input, "taxonomy", "feedback-taxonomy.json"));
const routingOf = (input) => Routing.fromJson(missionDocument(input, "routing", "feedback-routing.json"));
const hexBytes = (hex) => Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
const withoutBox = (content) => (content.kind === "sealed" ? { kind: content.kind, recipient: content.recipient } : content);
const byPathThenCode = (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
const caseSummary = (c) => ({ state: c.state, history_len: c.history.length });
const readingCodes = (document) => {
  const found = document.findings();
  return found.length > 0 ? { findings: codes(found) } : undefined;
};
const deadlinesOf = (input) => (input.config === undefined ? Deadlines.proposed() : Deadlines.fromJson(input.config));

// Tables, the engine, quality and reports: inputs read in the Rust runner's order, results
// mapped back to the core's serde JSON (snake_case keys; dimension codes and params kept as
// they are; finding messages dropped).
const loadedOf = (schema, format, text) => (format === "jsonl" ? Table.fromJsonLines(schema, text) : Table.fromCsv(schema, text));
const jsonLines = (table) => table.toJsonLines().split("\n").filter((line) => line !== "").map((line) => JSON.parse(line));
const loadSummary = (loaded) => {
  const table = loaded.table;
  return {
    rows_read: loaded.rowsRead,
    rows: jsonLines(table),
    source_rows: table.sourceRows,
    rejected: loaded.rejected().map((r) => ({ row: r.row, codes: codes(r.findings) })),
    findings: codes(loaded.findings()),
  };
};
// Authoring templates and MANO exports (.xlsx bytes, base64 in the vectors).
const workbookOf = (input) => new Uint8Array(Buffer.from(input.workbook, "base64"));
const authored = (read) => ({ document: read.logframe !== undefined || read.plan !== undefined, findings: codePaths(read.findings()) });
const paramsOf = (params) => (params instanceof Map ? Object.fromEntries(params) : params);
const manoRead = (input) => {
  const exported = readManoExport(workbookOf(input), input.config);
  return {
    sheets: exported.sheetNames.map((name) => ({ name, loaded: loadSummary(exported.sheet(name)) })),
    findings: exported.findings().map((f) => ({ code: f.code, path: f.path, params: paramsOf(f.params) })),
  };
};
const logframesOf = (input) => input.logframes.map((l) => Logframe.fromJson(documentText(l)));
const engineOf = (input) => new Engine({
  logframes: logframesOf(input), recipes: input.recipes, schema: Schema.fromJson(input.schema),
  periods: input.periods, now: input.now,
});
// The records loaded with `table_schema` when given (another schema than the engine's).
const tableOf = (input, csv) => Table.fromCsv(Schema.fromJson(input.table_schema ?? input.schema), csv).table;
const figureData = ({ rows, numerator, denominator, ...figure }) => ({
  ...figure,
  ...(numerator === undefined ? {} : { numerator }),
  ...(denominator === undefined ? {} : { denominator }),
  rows: snake(rows),
});
const resultsData = (r) => ({
  figures: r.figures.map(figureData),
  rows_read: r.sources.rowsRead,
  rows_without_date: r.sources.rowsWithoutDate,
  findings: codes(r.findings),
});
const qualityData = ({ failures, ...report }) => ({
  ...snake(report),
  failures: failures.map(({ message, params, ...failure }) => ({ ...snake(failure), params })),
});
const reportOptions = (input) => ({
  logframes: logframesOf(input),
  results: JSON.stringify(input.results),
  quality: input.quality == null ? null : JSON.stringify(input.quality),
  ...input.request,
});

// The MEAL plan, lessons and interop: documents passed as given (objects or raw JSON text),
// results compared as the core's serde JSON (the reconciliation mapped back to snake_case).
const findingData = ({ code, path, severity, params }) => ({ code, path, severity, params });
const reconciliationData = (r) => ({
  rows_read: r.rowsRead,
  migrated: r.migrated,
  rejected: r.rejected.map((x) => ({ source_row: x.sourceRow, findings: x.findings.map(findingData) })),
  findings: r.findings.map(findingData),
});

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
    return { ok: { valid: r.valid, findings: messages(r.findings), cleaned: r.cleaned } };
  },
  "form.check_many": (i) => ({
    ok: formOf(i).checkMany(i.submissions, formOptions(i)).map((v) => ({ valid: v.valid, findings: messages(v.findings) })),
  }),
  "form.state": (i) => ({
    ok: formOf(i).state(i.submission, formOptions(i))
      .map((s) => ({ path: s.path, relevant: s.relevant, required: s.required, read_only: s.readOnly, value: s.value })),
  }),
  "privacy.rules": (i) => ({ ok: codePaths(rulesOf(i).findings()) }),
  "privacy.minimisation": (i) => {
    const form = formOf(i);
    const m = checkMinimisation(form, rulesOf(i));
    return { ok: { production_ready: m.productionReady, findings: codePaths(m.findings) } };
  },
  "privacy.dpia": (i) => {
    const forms = formsOf(i);
    const s = screenDpia(rulesOf(i), forms, i.purpose);
    return {
      ok: {
        required: s.required, wp248_count: s.wp248Count,
        reasons: s.reasons.map((r) => ({ code: r.code, source: r.source })), findings: codePaths(s.findings),
      },
    };
  },
  "privacy.export": (i) => {
    const form = formOf(i);
    return { ok: decideExport(rulesOf(i), form, i.recipient, i.purpose, i.fields) };
  },
  "privacy.export_apply": (i) => {
    const form = formOf(i);
    return { ok: exportRecords(rulesOf(i), form, exportRequest(i), i.records, new AuditLog()).records };
  },
  "privacy.register": (i) => {
    const forms = formsOf(i);
    return { ok: new Register(rulesOf(i), forms).toJSON() };
  },
  "privacy.audit_verify": (i) => ({ ok: AuditLog.fromJson(i.log).verify(i.head) ?? null }),
  "disclosure.frequencies": (i) => ({ ok: frequencies(microdataOf(i), i.keys) }),
  "disclosure.k_anonymity": (i) => ({ ok: snake(kAnonymity(microdataOf(i), i.keys, { k: i.k })) }),
  "disclosure.local_suppression": (i) => ({
    ok: snake(localSuppression(microdataOf(i), i.keys, { k: i.k, importance: i.importance })),
  }),
  "disclosure.risk": (i) => {
    const r = disclosureRisk(microdataOf(i), i.keys, { threshold: i.threshold });
    return {
      ok: {
        individual: r.individual, global: r.global, expected_reidentifications: r.expectedReidentifications,
        max_individual: r.maxIndividual, rows_above_threshold: r.rowsAboveThreshold, publishable: r.publishable,
        reasons: codes(r.reasons),
      },
    };
  },
  "disclosure.recode": (i) => ({
    ok: i.column !== undefined ? recodeColumn(microdataOf(i), i.keys, i.column, i.recoding) : recode(i.values, i.recoding),
  }),
  "disclosure.suppress": (i) => {
    const options = { threshold: i.threshold, zeros: i.zeros, singletons: i.singletons, ambiguityLimit: i.ambiguity_limit };
    return { ok: snake(suppressTable(documentText(i.table), options)) };
  },
  "disclosure.tabulate": (i) => ({ ok: tabulate(documentText(i.records), i.columns) }),
  "privacy.pseudonym": (i) => ({ ok: pseudonymiserOf(i).pseudonym(i.identifier) }),
  "privacy.verify": (i) => ({ ok: pseudonymiserOf(i).verify(i.identifier, i.pseudonym) }),
  "privacy.tokenise": (i) => {
    const form = formOf(i);
    return { ok: tokenise(form, PseudonymKey.fromHex(i.key_hex), i.purpose, i.submission) };
  },
  "privacy.records": (i) => ({ ok: recordsDigest(i.records) }),
  "privacy.retention": (i) => {
    recordsDigest(i.records); // the records are read before the rules, as in the Rust runner
    return { ok: retentionDue(i.records, rulesOf(i), i.on).map(retentionData) };
  },
  "privacy.consent": (i) => {
    const consent = ConsentRecord.fromJson(i.consent);
    const reading = consent.findings();
    if (reading.length > 0) return { findings: codes(reading) };
    const d = consent.check(i.scope, i.on);
    return { ok: { valid: d.valid, findings: codes(d.findings) } };
  },
  "privacy.consent_withdraw": (i) => {
    const consent = ConsentRecord.fromJson(i.consent);
    const reading = consent.findings();
    if (reading.length > 0) return { findings: codes(reading) };
    return { ok: { withdrawn_at: consent.withdrawn(i.on).withdrawnAt ?? null } };
  },
  "privacy.access": (i) => {
    const access = subjectAccess(i.records, i.subject, i.on);
    return { ok: { records: access.records.map((r) => r.id), csv: access.toCsv(), outcome: snake(access.outcome) } };
  },
  "privacy.erase": (i) => {
    recordsDigest(i.records); // the records are read before the rules, as in the Rust runner
    const done = erase(i.records, rulesOf(i), i.subject, i.on);
    return { ok: { records: done.records.map((r) => r.id), outcome: snake(done.outcome) } };
  },
  "privacy.rectify": (i) => {
    const done = rectify(i.records, i.subject, i.record, i.field, i.value ?? null, i.on);
    return { ok: { values: done.records.find((r) => r.id === i.record)?.values ?? null, outcome: snake(done.outcome) } };
  },
  "feedback.taxonomy": (i) => {
    const taxonomy = taxonomyOf(i);
    const routing = routingOf(i);
    return { ok: codePaths([...taxonomy.findings(), ...taxonomy.checkRoutes(routing)].sort(byPathThenCode)) };
  },
  "feedback.routing": (i) => ({ ok: codePaths(Routing.fromJson(i.routing).findings()) }),
  "feedback.route": (i) => {
    const [taxonomy, routing] = [taxonomyOf(i), routingOf(i)];
    return { ok: routeItem(taxonomy, routing, i.item) };
  },
  "feedback.view": (i) => {
    const [taxonomy, routing] = [taxonomyOf(i), routingOf(i)];
    return { ok: snake(viewItem(taxonomy, routing, i.item, i.role)) };
  },
  "feedback.refer": (i) => {
    const [taxonomy, routing] = [taxonomyOf(i), routingOf(i)];
    const consent = Object.fromEntries(Object.entries(i.consent).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]));
    return { ok: snake(referItem(taxonomy, routing, i.item, i.role, i.to, consent)) };
  },
  "feedback.intake": (i) => {
    const pseudonymiser = i.key_hex === undefined ? undefined : pseudonymiserOf(i);
    const [taxonomy, routing] = [taxonomyOf(i), routingOf(i)];
    const options = {
      sealRandom: SEVENS,
      ...(i.claim_random_hex !== undefined ? { claimRandom: hexBytes(i.claim_random_hex) }
        : i.claim_code !== undefined ? { claimCode: i.claim_code } : {}),
    };
    const received = pseudonymiser === undefined
      ? intake(taxonomy, routing, i.intake, i.id, options)
      : intakeWithPseudonymiser(taxonomy, routing, i.intake, i.id, pseudonymiser, options);
    return { ok: { item: { ...received.item, content: withoutBox(received.item.content) }, route: received.route } };
  },
  "feedback.claim_code": (i) => {
    const code = i.random_hex !== undefined ? ClaimCode.fromRandom(hexBytes(i.random_hex)) : ClaimCode.parse(i.code);
    return { ok: { code: code.asText(), sha256: code.sha256 } };
  },
  "feedback.claim": (i) => ({ ok: checkClaim(i.item, i.code) }),
  "feedback.seal": (i) => ({ ok: withoutBox(RecipientKey.fromBase64(i.public_key).seal(i.text, SEVENS)) }),
  "feedback.open": (i) => ({ ok: SafeguardingSecretKey.fromBase64(i.secret_key).open(i.content) }),
  "feedback.workflow": (i) => ({ ok: caseSummary(Case.fromEvents("item", i.received_at, i.events)) }),
  "feedback.case_read": (i) => {
    const c = Case.fromJson(i.case);
    return readingCodes(c) ?? { ok: caseSummary(c) };
  },
  "feedback.deadlines": (i) => {
    const deadlines = deadlinesOf(i);
    const found = readingCodes(deadlines);
    if (found) return found;
    let itemCase;
    if (i.case !== undefined) {
      itemCase = Case.fromJson(i.case);
      const reading = readingCodes(itemCase);
      if (reading) return reading;
    }
    return { ok: snake(deadlines.due(i.item, itemCase)) };
  },
  "feedback.overdue": (i) => {
    const deadlines = deadlinesOf(i);
    const found = readingCodes(deadlines);
    if (found) return found;
    const cases = [];
    for (const document of i.cases) {
      const c = Case.fromJson(document);
      const reading = readingCodes(c);
      if (reading) return reading;
      cases.push(c);
    }
    return { ok: snake(deadlines.overdue(i.items, cases, i.at)) };
  },
  "feedback.can_publish": (i) => {
    const testimony = Testimony.fromJson(i.testimony);
    const found = readingCodes(testimony);
    if (found) return found;
    const d = testimony.canPublish(i.target);
    return { ok: { allowed: d.allowed, reasons: codes(d.reasons) } };
  },
  "data.load": (i) => {
    const text = i.bytes_base64 === undefined ? i.text : new Uint8Array(Buffer.from(i.bytes_base64, "base64"));
    return { ok: loadSummary(loadedOf(Schema.fromJson(i.schema), i.format, text)) };
  },
  "compute.run": (i) => {
    const engine = engineOf(i);
    return { ok: resultsData(engine.compute(tableOf(i, i.csv))) };
  },
  "compute.merge": (i) => {
    const engine = engineOf(i);
    const state = engine.empty();
    for (const csv of i.csv_parts) state.merge(Partial.fromJson(engine.partial(tableOf(i, csv)).toJson()));
    for (const raw of i.states ?? []) state.merge(Partial.fromJson(raw));
    return { ok: resultsData(engine.finalize(state)) };
  },
  "quality.check": (i) => {
    const loaded = Table.fromCsv(Schema.fromJson(i.schema), i.csv);
    const checks = QualityChecks.fromJson(i.checks);
    return readingCodes(checks) ?? { ok: qualityData(checkQuality(loaded, checks, { now: i.now })) };
  },
  "quality.summary": (i) => {
    const loaded = Table.fromCsv(Schema.fromJson(i.schema), i.csv);
    const checks = QualityChecks.fromJson(i.checks);
    return readingCodes(checks) ?? { ok: snake(qualitySummary(checkQuality(loaded, checks, { now: i.now }))) };
  },
  "report.sitrep": (i) => ({ ok: Sitrep.build(reportOptions(i)).render(i.format) }),
  "report.annual": (i) => ({ ok: AnnualReport.build(reportOptions(i)).render(i.format) }),
  "plan.check": (i) => ({ findings: codes(checkMealPlan(documentText(i.plan))) }),
  "plan.coverage": (i) => ({ findings: codes(planCoverage({ plans: i.plans, logframes: i.logframes, forms: i.forms, rules: i.rules })) }),
  "plan.calendar": (i) => ({ ok: reportingCalendar(i.plans, i.request) }),
  "lessons.search": (i) => {
    const register = LessonsRegister.fromJson(documentText(i.register));
    return readingCodes(register) ?? { ok: searchLessons(register, documentText(i.query)).map((l) => l.id) };
  },
  "lessons.check": (i) => ({ findings: codes(LessonsRegister.fromJson(documentText(i.register)).findings()) }),
  "lessons.consolidate": (i) => {
    const { register, findings } = consolidateLessons(i.registers.map((r) => LessonsRegister.fromJson(documentText(r))));
    return { ok: { lessons: register.lessons.map((l) => l.id), findings: codes(findings) } };
  },
  "iati.export": (i) => ({
    ok: iatiExport(logframesOf(i), i.results == null ? null : JSON.stringify(i.results), i.request),
  }),
  "iati.import": (i) => ({ ok: iatiImport(i.xml) }),
  "hxl.columns": (i) => ({ ok: hxlColumns(Schema.fromJson(i.schema), i.pattern) }),
  "hxl.csv": (i) => {
    const schema = Schema.fromJson(i.schema);
    return readingCodes(schema) ?? { ok: Table.fromCsv(schema, i.csv).table.toCsv() };
  },
  "migration.run": (i) => {
    const done = migrate(documentText(i.mapping), documentText(i.source_schema), i.csv);
    return { ok: { reconciliation: reconciliationData(done.reconciliation), rows: done.rows } };
  },
  "migration.check": (i) => ({ findings: codes(checkMapping(documentText(i.mapping), documentText(i.source_schema))) }),
  "feedback.withdraw_testimony": (i) => {
    const testimony = Testimony.fromJson(i.testimony);
    return readingCodes(testimony) ?? { ok: snake(testimony.withdraw(i.on)) };
  },
  // Submission envelopes (mobile helper).
  "envelope.seal": (i) => ({
    ok: JSON.parse(sealEnvelope(formOf(i), documentText(i.submission), {
      instanceId: i.capture.instance_id, deviceId: i.capture.device_id,
      startedAt: i.capture.started_at, completedAt: i.capture.completed_at, sealedAt: i.capture.sealed_at,
    })),
  }),
  "envelope.verify": (i) => ({
    findings: codes(i.form === undefined ? verifyEnvelope(documentText(i.envelope)) : formOf(i).verifyEnvelope(documentText(i.envelope))),
  }),
  "template.read": (i) => ({ ok: authored(i.kind === "plan" ? mealPlanFromXlsx(workbookOf(i)) : logframeFromXlsx(workbookOf(i))) }),
  "template.write": (i) => ({ ok: authored(logframeFromXlsx(logframeToXlsx(documentText(i.document), i.locale))) }),
  "mano.read": (i) => ({ ok: manoRead(i) }),
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

// MEAL_VECTORS_OPS (comma-separated op families, e.g. "form,expr") narrows the run to what a
// lean build exports: test.sh runs the `meal/forms` module on its families this way.
const families = process.env.MEAL_VECTORS_OPS?.split(",");
const selected = (vector) => !families || families.includes(vector.op.split(".")[0]);
const files = readdirSync(vectorsDir).filter((f) => f.endsWith(".json")).sort();
const ran = [];
test("there are vector files", () => assert.ok(files.length > 0));
for (const file of files) {
  const { vectors } = JSON.parse(readFileSync(join(vectorsDir, file), "utf8"));
  for (const vector of vectors.filter(selected)) {
    test(`${file}: ${vector.name}`, () => {
      assert.deepEqual(outcome(vector), vector.expect);
      ran.push(`${file}:${vector.name}`);
    });
  }
}

// Writes the `file:name` of every passed vector to $MEAL_VECTORS_RAN/node.txt when the suite asks
// for it: tests/vectors/runners.py then checks that every runner ran every vector.
after(() => {
  console.log(`Node vectors: ${ran.length} passed${families ? ` (families ${families.join(", ")})` : ""}`);
  const dir = process.env.MEAL_VECTORS_RAN;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "node.txt"), ran.map((line) => `${line}\n`).join(""));
  }
});
