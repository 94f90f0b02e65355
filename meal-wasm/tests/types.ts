// Compiled with `tsc --noEmit --strict` against the generated declarations: proves the .d.ts is
// valid and that its types serve a strict TypeScript web form as documented.
import { Period, periodsBetween, checkLogframe, Indicator, Form, Expr, type Finding, type Assessment, type MealError, type Report, type FieldState } from "meal";

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

function codeOf(error: unknown): string | undefined {
  const e = error as MealError;
  return e.name === "MealError" ? e.code : undefined;
}

export { id, months, weeks, severities, target, status, codeOf, valid, cleaned, relevant, verdict };
