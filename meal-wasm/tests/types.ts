// Compiled with `tsc --noEmit --strict` against the generated declarations: proves the .d.ts is
// valid and that its types serve a strict TypeScript web form as documented.
import { Period, periodsBetween, checkLogframe, Indicator, Form, Expr, type Finding, type Assessment, type MealError, type Report, type FieldState } from "meal";
import { isMealError, type MealErrorCode, type Verdict } from "meal";
import {
  PrivacyRules, checkMinimisation, screenDpia, Register, decideExport, exportRecords, AuditLog,
  PseudonymKey, Pseudonymiser, tokenise, recordsDigest, retentionDue, ConsentRecord, subjectAccess, rectify, erase,
  frequencies, kAnonymity, localSuppression, disclosureRisk, recode, recodeColumn, suppressTable, tabulate,
  type SuppressedTable, type TableCell, type TableOptions,
  type Minimisation, type DpiaScreening, type ExportDecision, type Export, type AuditEntry, type AuditEvent,
  type Tokenised, type ConsentDecision, type RetentionDecision, type Outcome, type RequestResult, type RecordsSummary,
  type PersonRecord, type KAnonymity, type LocalSuppression, type Risk, type Recoding, type Microdata,
} from "meal";
import {
  Taxonomy, Routing, routeItem, viewItem, referItem, intake, intakeWithPseudonymiser, checkClaim, ClaimCode,
  RecipientKey, SafeguardingSecretKey, Case, Deadlines, Testimony,
  type FeedbackItem, type Intake, type IntakeOptions, type Received, type RouteDecision, type ItemView,
  type ReferralPacket, type Content, type Channel, type SharedField, type CaseState, type CaseAction, type CaseEvent,
  type CaseDocument, type Transition, type Dues, type StepDue, type Overdue, type PublicationTarget,
  type PublicationDecision, type Publication, type Takedown, type TestimonyScope, type IdentifyingElement,
} from "meal";

const q1: Period = Period.parse("2026Q1");
const id: string = q1.id;
const months: Period[] = q1.periodsWithin("Monthly");
const weeks: Period[] = periodsBetween("Weekly", q1.start, q1.end);
const findings: Finding[] = checkLogframe("{}", "fr");
const severities: Array<"error" | "warning" | "info"> = findings.map((f) => f.severity);
const indicator: Indicator = Indicator.fromJson("{}");
const target: string | undefined = indicator.targetFor(q1);
const assessment: Assessment = indicator.assess(q1, "12");
const status: "on_track" | "at_risk" | "off_track" | "no_data" | "no_target" = assessment.status;

const form: Form = Form.fromXlsform(new Uint8Array());
const report: Report = form.validate({ age: 12 }, { locale: "fr", now: "2026-11-27T10:00:00+01:00" });
const valid: boolean = report.valid;
const cleaned: Record<string, unknown> = report.cleaned;
const states: FieldState[] = form.state("{}");
const relevant: boolean[] = states.map((s) => s.relevant && s.readOnly);
const verdict: string = Expr.parse("1 + 1").evaluate({ a: 1 }, { today: "2026-11-27" });

// Data protection: rules side.
const rules: PrivacyRules = PrivacyRules.fromJson({ format_version: 1 });
const rulesFromText: PrivacyRules = PrivacyRules.fromJson("{}");
const purposes: string[] = rules.purposes;
const minimisation: Minimisation = checkMinimisation(form, rules, { locale: "fr" });
const ready: boolean = minimisation.productionReady && minimisation.findings.every((f) => f.severity !== "error");
const screening: DpiaScreening = screenDpia(rules, [form], "care", { locale: "fr" });
const frameworks: Array<"art35_3" | "cnil" | "wp248"> = screening.reasons.map((r) => r.framework);
const dpiaRef: string | null = screening.dpiaRef;
const register = new Register(rulesFromText, [form]);
const xlsx: Uint8Array = register.toXlsx("fr");
const markdown: string = register.toMarkdown();
const registerData: Record<string, unknown> = register.toJSON();
const decision: ExportDecision = decideExport(rules, form, "partner", "care", ["age"]);
const log = new AuditLog();
const exported: Export = exportRecords(rules, form, { timestamp: "2026-11-27T10:00:00+01:00", actor: "me", recipient: "partner", purpose: "care", fields: ["age"] }, [{ age: 3 }], log);
const event: AuditEvent = { timestamp: "2026-11-27T10:00:00+01:00", actor: "dpo", action: "erasure", purpose: "care", decision: null, rules_version: "v1" };
const head: string = log.append(event);
log.verify(head);
const entries: AuditEntry[] = AuditLog.fromJson(log.toJson()).entries();
const entryCount: number = log.length;

// Data protection: the person's side.
const key = new PseudonymKey(new Uint8Array(32));
const same: boolean = key.equals(PseudonymKey.fromHex("00".repeat(32)));
const redacted: string = key.toString() + key.toJSON();
const pseudonymiser = new Pseudonymiser(key, "care");
const column: string[] = pseudonymiser.pseudonyms(["a", "b"]);
const verified: boolean = pseudonymiser.verify("a", pseudonymiser.pseudonym("a"));
const tokenised: Tokenised = tokenise(form, key, "care", { name: "Amina" });
const records: PersonRecord[] = [{ id: "r1", form: "f", purpose: "care", subject: "p", events: { collected: "2026-01-01" }, values: { age: 3 } }];
const summary: RecordsSummary = recordsDigest(records);
const retention: RetentionDecision[] = retentionDue(JSON.stringify(records), rules, "2026-11-27", { locale: "fr" });
const phases: Array<"active" | "intermediate" | "due" | "held" | "undetermined"> = retention.map((d) => d.phase);
const consent: ConsentRecord = ConsentRecord.fromJson("{}").withdrawn("2026-11-27");
const consentDecision: ConsentDecision = consent.check("follow_up", "2026-11-27", { locale: "fr" });
const withdrawnAt: string | undefined = consent.withdrawnAt;
const access = subjectAccess(records, "p", "2026-11-27");
const accessRecords: PersonRecord[] = access.records;
const accessOutcome: Outcome = access.outcome;
const csv: string = access.toCsv();
const rectified: RequestResult = rectify(records, "p", "r1", "age", 4, "2026-11-27");
const erased: RequestResult = erase(records, rules, "p", "2026-11-27");
const retainedIds: string[] = erased.outcome.retained.map((r) => r.record);

// Disclosure control.
const microdata: Microdata = { sex: ["f", null], nationality: ["SY", "AF"] };
const counts: number[] = frequencies(microdata, ["sex", "nationality"]);
const anonymity: KAnonymity = kAnonymity([{ sex: "f" }], ["sex"], { k: 3 });
const suppression: LocalSuppression = localSuppression("[]", ["sex"], { k: 2, importance: [1] });
const cells: Array<[number, number]> = suppression.suppressed;
const risk: Risk = disclosureRisk(microdata, ["sex"], { threshold: "0.1", locale: "fr" });
const globalRisk: string = risk.global;
const bands: Recoding = { kind: "age_band", bands: [{ from: 0, to: 17 }, { from: 18 }] };
const recoded: Array<string | null> = recode(["12", null], bands);
const recodedRows: Array<Record<string, string | null>> = recodeColumn(microdata, ["sex"], "sex", { kind: "region", mapping: { f: "x" } });

// Feedback mechanisms.
const taxonomy: Taxonomy = Taxonomy.fromJson("{}");
const routing: Routing = Routing.fromJson({ format_version: 1 });
const routeFindings: Finding[] = [...taxonomy.findings("fr"), ...taxonomy.checkRoutes(routing), ...routing.findings()];
const routeIds: string[] = routing.routes.concat(routing.roles, taxonomy.codes);
const focalKey: RecipientKey | undefined = routing.recipientKey("referent_protection");
const item: FeedbackItem = {
  id: "fb-1", received_at: "2026-03-09T14:12:00+01:00", channel: "hotline", project: "calais", code: "attente",
  sensitive: false, content: { kind: "plain", text: "Trois heures d'attente." },
};
const decisionOfRoute: RouteDecision = routeItem(taxonomy, routing, item);
const reasons: Array<"sensitive_family" | "sensitive_flag" | "out_of_scope" | "code" | "type"> = [decisionOfRoute.reason];
const shared: SharedField[] | undefined = decisionOfRoute.referral;
const seen: ItemView = viewItem(taxonomy, routing, JSON.stringify(item), "programme");
const seenOn: string | undefined = seen.view === "stub" ? seen.receivedOn : seen.item.id;
const packet: ReferralPacket = referItem(taxonomy, routing, item, "safeguarding_focal_point", "siege", { referAllegation: true, shareIdentity: false });
const packetChannel: Channel | undefined = packet.channel;
const given: Intake = { channel: "web_form", received_at: "2026-03-09T14:12:00+01:00", project: "calais", code: "fraude", anonymous: true, text: "…" };
const intakeOptions: IntakeOptions = { claimCode: true, claimBytes: 10, sealRandom: new Uint8Array(32) };
const received: Received = intake(taxonomy, routing, given, "fb-2", intakeOptions);
const shownOnce: string | undefined = received.claimCode;
const linked: Received = intakeWithPseudonymiser(taxonomy, routing, given, "fb-3", pseudonymiser, { claimCode: "7572-MWRZ" });
const claimed: boolean = checkClaim(linked.item, "7572-MWRZ");
const claimCode: ClaimCode = ClaimCode.generate();
const claimText: string = claimCode.asText() + claimCode.sha256 + ClaimCode.parse("7572-MWRZ").toString() + ClaimCode.fromRandom(new Uint8Array(5)).toJSON();
const secretKey: SafeguardingSecretKey = SafeguardingSecretKey.generate();
const publicKey: RecipientKey = secretKey.publicKey;
const sealed: Content = publicKey.seal("texte", new Uint8Array(32));
const opened: string = secretKey.open(sealed) + secretKey.open(received.item.content);
const resealed: Content = secretKey.reseal(sealed, RecipientKey.fromBase64(publicKey.toBase64()));
const keyText: string = secretKey.toString() + secretKey.toJSON() + publicKey.toJSON() + String(new SafeguardingSecretKey(new Uint8Array(32)).publicKey.equals(new RecipientKey(new Uint8Array(32))));
const caseEvent: CaseEvent = { action: "acknowledge", actor: "cea_focal", at: "2026-03-09T15:00:00+01:00" };
const feedbackCase: Case = new Case("fb-1", "2026-03-09T14:12:00+01:00");
const stateNow: CaseState = feedbackCase.apply(caseEvent);
const nextActions: CaseAction[] = feedbackCase.allowedActions;
const transitions: Transition[] = Case.fromEvents("fb-1", "2026-03-09T14:12:00+01:00", [caseEvent, JSON.stringify(caseEvent)]).history;
const caseDocument: CaseDocument = Case.fromJson(feedbackCase.toJson()).toJSON();
const itemCase: Case = Case.forItem(item);
const finished: boolean = itemCase.isFinal && itemCase.state === "loop_closed" && itemCase.lastAt < itemCase.receivedAt;
const deadlines: Deadlines = Deadlines.proposed();
const dues: Dues = deadlines.due(item, feedbackCase);
const dueNoCase: Dues = Deadlines.fromJson("{}").due(item);
const acknowledge: StepDue = dues.acknowledge;
const onTime: boolean | null = dues.closeLoop.onTime ?? acknowledge.onTime;
const late: Overdue[] = deadlines.overdue([item], [feedbackCase, caseDocument], "2026-04-01T00:00:00Z");
const lateNow: number[] = deadlines.overdue([item], []).map((o) => o.lateBySeconds);
const testimony: Testimony = Testimony.fromJson("{}");
const pressTarget: PublicationTarget = { scope: "press", on: "2026-04-01", shows: ["face"] };
const publication: PublicationDecision = testimony.canPublish(pressTarget, { locale: "fr" });
const published: boolean = testimony.publish("press-1", JSON.stringify(pressTarget)).allowed && publication.reasons.length === 0;
const publications: Publication[] = testimony.publications;
const scopes: TestimonyScope[] = publications.map((p) => p.scope);
const masking: IdentifyingElement[] = testimony.requiredMasking;
const takedown: Takedown = testimony.withdraw("2026-06-01");
const stillDown: Takedown | undefined = testimony.takedown;
const tableOptions: TableOptions = { threshold: 5, zeros: "sensitive", singletons: true, columns: ["site", "sex"] };
const suppressedTable: SuppressedTable = suppressTable([{ site: "calais", sex: "f" }], tableOptions);
const hidden: number = suppressedTable.loss.innerSuppressed + suppressedTable.cells.filter((c) => c.value === undefined).length;
const counted: TableCell[] = tabulate("[]", ["site"]);

function codeOf(error: unknown): MealErrorCode | undefined {
  return isMealError(error) ? error.code : undefined;
}

// The code is a union of the core's codes: a switch is checked, a misspelt code does not compile.
function advice(error: unknown): string {
  if (!isMealError(error)) return "unexpected";
  const e: MealError = error;
  switch (e.code) {
    case "form.batch_not_array": return "send an array of submissions";
    case "json.malformed": return `fix the JSON near line ${e.params.line ?? "?"}`;
    case "period.out_of_range": return e.messageFr;
    default: return e.message;
  }
}
const knownCode: MealErrorCode = "form.submission_not_object";
// @ts-expect-error: no such code in the core's catalogue
const unknownCode: MealErrorCode = "form.no_such_code";

// Batches: one crossing for many submissions; verdicts without the cleaned copy.
const one: Verdict = form.check({ age: 12 }, { locale: "fr" });
const many: Verdict[] = form.checkMany([{ age: 12 }, { age: 40 }], { locale: "en", now: "2026-11-27T10:00:00+01:00" });
const manyFromText: Verdict[] = form.checkMany("[]");
const blocking: Finding[] = many.flatMap((v) => v.findings.filter((f) => f.severity === "error"));
const allValid: boolean = one.valid && manyFromText.every((v) => v.valid);

export { id, months, weeks, severities, target, status, codeOf, valid, cleaned, relevant, verdict };
export { advice, knownCode, unknownCode, blocking, allValid };
export {
  purposes, ready, frameworks, dpiaRef, xlsx, markdown, registerData, decision, exported, entries, entryCount,
  same, redacted, column, verified, tokenised, summary, phases, consentDecision, withdrawnAt, accessRecords,
  accessOutcome, csv, rectified, retainedIds, counts, anonymity, cells, globalRisk, recoded, recodedRows,
  hidden, counted,
};
export {
  routeFindings, routeIds, focalKey, reasons, shared, seenOn, packetChannel, shownOnce, claimed, claimText, opened,
  resealed, keyText, stateNow, nextActions, transitions, finished, dueNoCase, onTime, late, lateNow, published,
  scopes, masking, takedown, stillDown,
};

// Record tables, the indicator engine, data quality, reports.
import {
  Logframe, Schema, Table, Loaded, Engine, Partial, QualityChecks, checkQuality, Sitrep, AnnualReport,
  type Results, type Figure, type RowCounts, type Sources, type QualityReport, type Score, type Failure,
  type Rejected, type EngineOptions, type SitrepOptions, type AnnualReportOptions, type ReportFormat, type ReportScope,
} from "meal";

const schema: Schema = Schema.fromJson({ format_version: 1, columns: [{ name: "date", type: "date" }] });
const columnNames: string[] = Schema.fromForm(form).columnNames;
const loaded: Loaded = Table.fromCsv(schema, "date\n2026-01-05\n");
const fromBytes: Loaded = Table.fromCsv(schema, new Uint8Array());
const rejected: Rejected[] = Table.fromJsonLines(schema, "{}\n").rejected("fr");
const rowsRead: number = loaded.rowsRead + rejected[0].row;
const rowsTable: Table = loaded.table.select([0]).select(new Uint32Array([0]));
const rowCount: number = rowsTable.length + rowsTable.sourceRows[0];
const lines: string = rowsTable.toJsonLines();
const engineOptions: EngineOptions = { logframes: [Logframe.fromJson("{}")], recipes: {}, schema, periods: [q1, "2026Q2"], now: "2026-04-10T09:00:00+02:00" };
const engine: Engine = new Engine(engineOptions);
const notComputed: Finding[] = engine.findings("fr");
const results: Results = engine.compute(rowsTable, "fr");
const figure: Figure = results.figures[0];
const figureValue: string | null = figure.value;
const numerator: string | undefined = figure.numerator;
const figureCounts: RowCounts = figure.rows;
const sources: Sources = results.sources;
const streamed = engine.computeCsv(new Uint8Array(), "fr");
const streamedRows: number = streamed.rowsRead + streamed.loaded + streamed.rejected.length;
const streamedFigures: Figure[] = streamed.results.figures;
const opening: string | undefined = streamedFigures[0].opening;
const matched: number = figureCounts.inWindow + figureCounts.matched + figureCounts.withoutValue + sources.rowsRead;
const figureStatus: "on_track" | "at_risk" | "off_track" | "no_data" | "no_target" = figure.status;
const state: Partial = engine.empty();
state.merge(Partial.fromJson(engine.partial(rowsTable).toJson()));
const merged: Results = engine.finalize(state);
const quality: QualityReport = checkQuality(loaded, QualityChecks.fromJson({ format_version: 1 }), { now: "2026-04-10T09:00:00+02:00", locale: "fr" });
const score: Score = quality.scorecard[0];
const failure: Failure = quality.failures[0];
const completeness: string | null = score.completeness;
const failureRow: number | null = failure.row;
const scope: ReportScope = { project: "IDF" };
const sitrepOptions: SitrepOptions = { logframes: [Logframe.fromJson("{}")], results, quality, scope, period: q1, audience: "external", locale: "fr" };
const sitrep: Sitrep = Sitrep.build(sitrepOptions);
const format: ReportFormat = "xlsx";
const rendered: string | Uint8Array<ArrayBuffer> = sitrep.render(format);
const sitrepMarkdown: string | Uint8Array = sitrep.render("markdown");
if (rendered instanceof Uint8Array) {
  const blob: Blob = new Blob([rendered], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  const href: string = URL.createObjectURL(blob);
}
const annualOptions: AnnualReportOptions = { ...sitrepOptions, scope: "mission", year: 2026, results: JSON.stringify(merged), quality: null };
const annual: string = AnnualReport.build(annualOptions).render("html");
import { qualitySummary, type QualitySummary, type FailureCount } from "meal";
const totals: QualitySummary = qualitySummary(quality);
const reportingRate: string | null = totals.reportingRate;
const perCode: FailureCount[] = qualitySummary(JSON.stringify(quality)).failures;
const rowsRejected: number = quality.rowsRejected + quality.rowsUnplaced + score.requiredCells + score.reportsOnTime;
const thresholded: string = Sitrep.build({ ...sitrepOptions, threshold: 3 }).render("csv");

// MEAL plans, lessons, xlsx templates and interoperability (issue 7).
import {
  MealPlan, checkMealPlan, planCoverage, reportingCalendar, LessonsRegister, searchLessons, consolidateLessons,
  logframeFromXlsx, logframeToXlsx, mealPlanFromXlsx, mealPlanToXlsx, AuthoredLogframe, AuthoredMealPlan,
  iatiExport, iatiImport, hxlColumns, readManoExport, ManoExport, checkMapping, migrate, Migration,
  type CoverageOptions, type Calendar, type Due, type DueKind, type CalendarRequest, type Lesson, type LessonQuery,
  type LessonStatus, type Discipline, type ConsolidatedLessons, type BilingualText, type IatiRequest,
  type IatiActivities, type IatiIndicator, type IatiValue, type Reconciliation, type RejectedRecord, type MigrateOptions,
} from "meal";

const mealPlan: MealPlan = MealPlan.fromJson({ format_version: 1 });
const planText: string = MealPlan.fromJson(mealPlan.toJson()).project + mealPlan.indicatorCodes.join();
const planData: Record<string, unknown> = mealPlan.toJSON();
const planFindings: Finding[] = [...checkMealPlan("{}", "fr"), ...checkMealPlan({ format_version: 1 }), ...mealPlan.findings("fr")];
const coverageOptions: CoverageOptions = { plans: [mealPlan, "{}", { format_version: 1 }], logframes: [Logframe.fromJson("{}")], forms: [form], rules };
const coverage: Finding[] = planCoverage(coverageOptions, "fr").concat(planCoverage({ ...coverageOptions, rules: null }));
const calendarRequest: CalendarRequest = { from: "2026-01-01", to: "2026-12-31", seminar: "2026-11-20", project: "IDF" };
const calendar: Calendar = reportingCalendar([mealPlan, "{}"], calendarRequest);
const due: Due[] = reportingCalendar([mealPlan], { from: "2026-01-01", to: "2026-12-31" }).due;
const dueKinds: DueKind[] = calendar.due.map((d) => d.kind);
const dueProjects: Array<string | null> = due.map((d) => d.project);
const duePeriods: Array<string | undefined> = due.map((d) => d.period ?? d.reference ?? d.responsible);
const lessonsRegister: LessonsRegister = LessonsRegister.fromJson("{}");
const lessonQuery: LessonQuery = { text: "attente", tags: ["access"], status: "validated", discipline: "mental_health", from: "2026-01-01" };
const lessonsFound: Lesson[] = searchLessons(lessonsRegister, lessonQuery).concat(searchLessons("{}", "{}"), searchLessons({}, null));
const lessonTitle: BilingualText = lessonsFound[0].lesson;
const lessonStatus: LessonStatus = lessonsFound[0].status;
const lessonDiscipline: Discipline | undefined = lessonsFound[0].discipline;
const consolidated: ConsolidatedLessons = consolidateLessons([lessonsRegister, "{}"], "fr");
const missionLessons: Lesson[] = consolidated.register.lessons;
const registerSize: number = consolidated.register.length + consolidated.findings.length;
const registerJson: string = lessonsRegister.toJson() + JSON.stringify(lessonsRegister.toJSON());
const registerFindings: Finding[] = lessonsRegister.findings("fr");

const logframeBytes: Uint8Array = logframeToXlsx(Logframe.fromJson("{}"), "fr");
const authoredLogframe: AuthoredLogframe = logframeFromXlsx(logframeBytes);
const workbookLogframe: Logframe | undefined = authoredLogframe.logframe;
const workbookFindings: Finding[] = authoredLogframe.findings("fr");
const planBytes: Uint8Array = mealPlanToXlsx(mealPlan, "en");
const authoredPlan: AuthoredMealPlan = mealPlanFromXlsx(planBytes);
const workbookPlan: MealPlan | undefined = authoredPlan.plan;
const planWorkbookFindings: Finding[] = authoredPlan.findings();
if (workbookPlan !== undefined) {
  const blob: Blob = new Blob([mealPlanToXlsx(workbookPlan)], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
}

const iatiRequest: IatiRequest = {
  organisation: { ref: "FR-RNA-W751234567", type: "21", name: { en: "Association", fr: "Association" } },
  activity_prefix: "FR-RNA-W751234567", generated: "2026-11-27T10:00:00+01:00", periods: ["2026Q1"],
};
const iatiXml: string = iatiExport([Logframe.fromJson("{}")], results, iatiRequest) + iatiExport([], JSON.stringify(results), iatiRequest) + iatiExport([], null, iatiRequest);
const activities: IatiActivities = iatiImport(iatiXml);
const iatiIndicator: IatiIndicator = activities.activities[0].results[0].indicators[0];
const iatiActual: IatiValue = iatiIndicator.periods[0].actuals[0];
const iatiDimensions: Array<[string, string]> = iatiActual.dimensions;
const iatiValue: string | null = iatiActual.value ?? iatiIndicator.baseline?.value ?? null;
const ascending: boolean | null = iatiIndicator.ascending;
const hxlNames: string[] = hxlColumns(schema, "#affected+f-adults");
const hxlCsv: string = loaded.table.toCsv();
const mano: ManoExport = readManoExport(new Uint8Array(), { customFieldsPersons: [] });
const manoSheets: string[] = mano.sheetNames;
const manoSheet: Loaded | undefined = mano.sheet("personnes suivies");
const manoFindings: Finding[] = mano.findings("fr").concat(readManoExport(new Uint8Array()).findings());
const mappingFindings: Finding[] = checkMapping({ format_version: 1 }, schema, "fr").concat(checkMapping("{}", schema));
const migrateOptions: MigrateOptions = { locale: "fr" };
const migration: Migration = migrate("{}", schema, new Uint8Array(), migrateOptions);
const { reconciliation, rows } = migrate({ format_version: 1 }, schema, "date\n");
const accounted: boolean = reconciliation.rowsRead === reconciliation.migrated + reconciliation.rejected.length;
const rejectedRecords: RejectedRecord[] = migration.reconciliation.rejected;
const firstRejected: number = rejectedRecords[0].sourceRow + rejectedRecords[0].findings.length;
const migratedRows: Array<Record<string, unknown>> = rows;
const migratedTable: Table = migration.table;
const reconciled: Reconciliation = migration.reconciliation;

export {
  planText, planData, planFindings, coverage, calendar, dueKinds, dueProjects, duePeriods, lessonTitle, lessonStatus,
  lessonDiscipline, missionLessons, registerSize, registerJson, registerFindings, workbookLogframe, workbookFindings,
  planWorkbookFindings, activities, iatiDimensions, iatiValue, ascending, hxlNames, hxlCsv, manoSheets, manoSheet,
  manoFindings, mappingFindings, accounted, firstRejected, migratedRows, migratedTable, reconciled,
};

// Submission envelopes (mobile helper): sealed where the data is collected, verified on upload.
import { sealEnvelope, verifyEnvelope, type Capture } from "meal";
const capture: Capture = {
  instanceId: crypto.randomUUID(), deviceId: "tablet-07",
  startedAt: "2026-03-02T21:40:00+01:00", completedAt: "2026-03-02T21:52:30+01:00", sealedAt: "2026-03-02T21:53:00+01:00",
};
const envelopeJson: string = sealEnvelope(Form.fromJson("{}"), { people: 3 }, capture);
const envelopeFindings: Finding[] = verifyEnvelope(envelopeJson, "fr");
const againstForm: Finding[] = Form.fromJson("{}").verifyEnvelope(JSON.parse(envelopeJson));
export { envelopeFindings, againstForm };
