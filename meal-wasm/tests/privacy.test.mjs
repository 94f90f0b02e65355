// Data protection and disclosure control in JavaScript: the idioms (classes, options objects,
// Uint8Array, plain-object results) and bad input throwing MealError with the core's code.
// Behaviour itself is pinned by the shared vectors (vectors.test.mjs); fixtures come from them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import meal from "./load.mjs";

const {
  Form, PrivacyRules, checkMinimisation, screenDpia, Register, decideExport, exportRecords, AuditLog,
  PseudonymKey, Pseudonymiser, tokenise, recordsDigest, retentionDue, ConsentRecord, subjectAccess, rectify, erase,
  frequencies, kAnonymity, localSuppression, disclosureRisk, recode, recodeColumn, suppressTable, tabulate,
} = meal;

const vectorsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "tests", "vectors");
const fixtures = Object.fromEntries(["privacy_rules", "privacy_person", "disclosure_micro"].flatMap((file) =>
  JSON.parse(readFileSync(join(vectorsDir, `${file}.json`), "utf8")).vectors.map((v) => [v.name, v.input])));
const fixture = (name) => structuredClone(fixtures[name]);
const text = (doc) => (typeof doc === "string" ? doc : JSON.stringify(doc));
const NOW = "2026-11-27T10:00:00+01:00";
const KEY_HEX = fixture("pseudonym-name").key_hex;
const hexBytes = (hex) => Uint8Array.from(hex.match(/../g), (b) => parseInt(b, 16));

function throwsMealError(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, `a real Error: ${e}`);
    assert.equal(e.name, "MealError", String(e));
    assert.equal(e.code, code, `${e.code}: ${e.message}`);
    assert.equal(typeof e.messageFr, "string");
    return true;
  });
}

// ---- rules side

test("privacy rules read from text or an object, with findings in a locale", () => {
  const clean = fixture("rules-clean").rules;
  const fromObject = PrivacyRules.fromJson(clean);
  const fromText = PrivacyRules.fromJson(JSON.stringify(clean));
  assert.deepEqual(fromObject.findings(), []);
  assert.equal(fromObject.version, fromText.version);
  assert.deepEqual(fromObject.purposes, clean.purposes.map((p) => p.id));
  assert.deepEqual(JSON.parse(fromObject.toJson()).purposes.length, clean.purposes.length);
  const broken = PrivacyRules.fromJson(fixture("rules-every-check").rules);
  const en = broken.findings("en");
  const fr = broken.findings("fr");
  assert.ok(en.length > 1);
  assert.equal(en[0].code, "document.unknown_field");
  assert.equal(en[0].path, "/controller/colour");
  assert.equal(en[0].severity, "error");
  assert.notEqual(en[0].message, fr[0].message);
});

test("bad rules documents throw MealError", () => {
  throwsMealError(() => PrivacyRules.fromJson("{\"format_version\": 1,"), "json.malformed");
  throwsMealError(() => PrivacyRules.fromJson(fixture("rules-wrong-version").rules), "document.format_version");
  throwsMealError(() => PrivacyRules.fromJson(fixture("rules-bad-basis").rules), "document.invalid");
  throwsMealError(() => PrivacyRules.fromJson(42), "document.format_version");
  throwsMealError(() => PrivacyRules.fromJson(undefined), "document.invalid");
});

test("minimisation says whether a form may go to production, in the asked language", () => {
  const ok = fixture("minimisation-clean");
  const verdict = checkMinimisation(Form.fromJson(text(ok.form)), PrivacyRules.fromJson(ok.rules));
  assert.deepEqual(verdict, { productionReady: true, findings: [] });
  const bad = fixture("minimisation-no-purpose");
  const form = Form.fromJson(text(bad.form));
  const rules = PrivacyRules.fromJson(bad.rules);
  const en = checkMinimisation(form, rules);
  const fr = checkMinimisation(form, rules, { locale: "fr" });
  assert.equal(en.productionReady, false);
  assert.equal(en.findings[0].code, "privacy.no_purpose");
  assert.notEqual(en.findings[0].message, fr.findings[0].message);
  throwsMealError(() => checkMinimisation(form, rules, { locale: 3 }), "document.invalid");
  assert.throws(() => checkMinimisation({}, rules), /Form/);
});

test("DPIA screening takes Form objects and leaves them usable", () => {
  const input = fixture("dpia-health-care-of-patients");
  const forms = input.forms.map((f) => Form.fromJson(text(f)));
  const rules = PrivacyRules.fromJson(input.rules);
  const screening = screenDpia(rules, forms, input.purpose, { locale: "fr" });
  assert.equal(screening.required, true);
  assert.equal(screening.purpose, input.purpose);
  assert.equal(screening.wp248Count, 2);
  assert.ok(screening.reasons.every((r) => r.label.length > 0 && ["art35_3", "cnil", "wp248"].includes(r.framework)));
  assert.ok("dpiaRef" in screening);
  assert.equal(forms[0].toJson().length > 0, true, "the forms are still usable");
  throwsMealError(() => screenDpia(rules, forms, "nope"), "privacy.no_such_purpose");
  throwsMealError(() => screenDpia(rules, [{}], input.purpose), "document.invalid");
  throwsMealError(() => screenDpia(rules, ["{}"], input.purpose), "document.invalid");
});

test("the register comes as JSON text, plain data, Markdown and XLSX bytes", () => {
  const input = fixture("register-from-rules-and-forms");
  const forms = input.forms.map((f) => Form.fromJson(text(f)));
  const register = new Register(PrivacyRules.fromJson(input.rules), forms);
  assert.deepEqual(JSON.parse(register.toJson()), register.toJSON());
  assert.deepEqual(JSON.parse(JSON.stringify(register)), register.toJSON());
  const en = register.toMarkdown();
  const fr = register.toMarkdown("fr");
  assert.match(en, /^#/);
  assert.notEqual(en, fr);
  const xlsx = register.toXlsx("fr");
  assert.ok(xlsx instanceof Uint8Array);
  assert.deepEqual([...xlsx.slice(0, 2)], [0x50, 0x4b], "a zip (xlsx) file");
  assert.throws(() => new Register(PrivacyRules.fromJson(input.rules), "forms"));
});

test("export decisions, and exports logged in the audit log", () => {
  const input = fixture("export-apply-keeps-allowed-fields");
  const form = Form.fromJson(text(input.form));
  const rules = PrivacyRules.fromJson(input.rules);
  const decision = decideExport(rules, form, input.recipient, input.purpose, input.fields);
  assert.ok(Array.isArray(decision.allowed) && Array.isArray(decision.refused));
  const log = new AuditLog();
  assert.equal(log.length, 0);
  const request = { timestamp: NOW, actor: "amina", recipient: input.recipient, purpose: input.purpose, fields: input.fields };
  const done = exportRecords(rules, form, request, input.records, log);
  assert.deepEqual(done.decision, decision);
  assert.deepEqual(done.records, [{ age: 16, people: [{ sex: "f" }] }, {}]);
  assert.equal(log.length, 1);
  const [entry] = log.entries();
  assert.equal(entry.index, 0);
  assert.equal(entry.event.action, "export");
  assert.equal(entry.event.actor, "amina");
  assert.equal(entry.hash, log.head);
  // A refused export leaves the log as it was.
  throwsMealError(() => exportRecords(rules, form, request, { not: "a list" }, log), "privacy.export_not_records");
  throwsMealError(() => exportRecords(rules, form, { ...request, timestamp: "yesterday" }, input.records, log), "input.date_time");
  throwsMealError(() => exportRecords(rules, form, { actor: "x" }, input.records, log), "document.invalid");
  throwsMealError(() => exportRecords(rules, form, request, "[{", log), "json.malformed");
  assert.equal(log.length, 1);
  throwsMealError(() => decideExport(rules, form, "nobody", input.purpose, []), "privacy.no_such_recipient");
  throwsMealError(() => decideExport(rules, form, input.recipient, "nothing", []), "privacy.no_such_purpose");
});

test("the audit log chains, verifies, round-trips and detects tampering", () => {
  const log = new AuditLog();
  const event = { timestamp: NOW, actor: "dpo", action: "erasure", purpose: "care", decision: { erased: 2 }, rules_version: "v1" };
  const head = log.append(event);
  assert.equal(log.head, head);
  log.append({ ...event, recipient: "host", decision: [] });
  assert.equal(log.verify(), undefined);
  log.verify(log.head);
  throwsMealError(() => log.verify(head), "privacy.audit_head_mismatch");
  const copy = AuditLog.fromJson(log.toJson());
  assert.equal(copy.head, log.head);
  const edited = JSON.parse(log.toJson());
  edited.entries[0].event.actor = "someone else";
  throwsMealError(() => AuditLog.fromJson(edited).verify(), "privacy.audit_tampered");
  throwsMealError(() => log.append({ ...event, timestamp: "2026-11-27" }), "input.date_time");
  throwsMealError(() => log.append({ actor: "x" }), "document.invalid");
  throwsMealError(() => AuditLog.fromJson("not json"), "json.malformed");
  assert.equal(log.length, 2);
});

// ---- the person's side

test("a pseudonym key never shows itself", () => {
  const key = new PseudonymKey(hexBytes(KEY_HEX));
  assert.equal(String(key), "PseudonymKey(<redacted>)");
  assert.equal(`${key}`, "PseudonymKey(<redacted>)");
  // Decision: toJSON gives the redacted marker (logging a config that holds a key must not
  // crash nor leak); saving a key that way fails loudly when read back.
  assert.equal(JSON.stringify({ key }), "{\"key\":\"PseudonymKey(<redacted>)\"}");
  throwsMealError(() => PseudonymKey.fromHex(key.toJSON()), "privacy.key_not_hex");
  const shown = [String(key), JSON.stringify(key), Object.keys(key).join(), Object.values(key).join()].join(" ");
  assert.ok(!shown.toLowerCase().includes(KEY_HEX.toLowerCase().slice(0, 16)));
  assert.ok(key.equals(PseudonymKey.fromHex(KEY_HEX)));
  assert.ok(!key.equals(new PseudonymKey(new Uint8Array(32))));
});

test("bad keys and purposes throw MealError; the key text is never echoed", () => {
  throwsMealError(() => new PseudonymKey(new Uint8Array(31)), "privacy.key_too_short");
  throwsMealError(() => new PseudonymKey(new Uint8Array(0)), "privacy.key_too_short");
  throwsMealError(() => PseudonymKey.fromHex("abcd"), "privacy.key_too_short");
  const secretish = "zz".repeat(32);
  assert.throws(() => PseudonymKey.fromHex(secretish), (e) => {
    assert.equal(e.code, "privacy.key_not_hex");
    assert.ok(!e.message.includes(secretish) && !JSON.stringify(e.params).includes(secretish));
    return true;
  });
  const key = PseudonymKey.fromHex(KEY_HEX);
  throwsMealError(() => new Pseudonymiser(key, ""), "privacy.pseudonym_bad_purpose");
  throwsMealError(() => new Pseudonymiser(key, "medical care"), "privacy.pseudonym_bad_purpose");
  assert.throws(() => new Pseudonymiser("not a key", "care"));
});

test("the pseudonymiser: one, a whole column at once, and verification", () => {
  const input = fixture("pseudonym-name");
  const pseudonymiser = new Pseudonymiser(PseudonymKey.fromHex(input.key_hex), input.purpose);
  const one = pseudonymiser.pseudonym(input.identifier);
  assert.match(one, /^[0-9a-f]{32}$/);
  const column = pseudonymiser.pseudonyms([input.identifier, `  ${input.identifier.toUpperCase()} `, "+33 6 12 34 56 78"]);
  assert.equal(column.length, 3);
  assert.equal(column[0], one);
  assert.equal(column[1], one, "normalised first");
  assert.ok(pseudonymiser.verify(input.identifier, one));
  assert.ok(!pseudonymiser.verify(input.identifier, one.toUpperCase()));
  throwsMealError(() => pseudonymiser.pseudonym("   "), "privacy.empty_identifier");
  throwsMealError(() => pseudonymiser.pseudonyms(["ok", " "]), "privacy.empty_identifier");
  assert.deepEqual(pseudonymiser.pseudonyms([]), []);
});

test("tokenise replaces the direct identifiers of a submission", () => {
  const input = fixture("tokenise-identifiers-in-groups-and-repeats");
  const form = Form.fromJson(text(input.form));
  const key = PseudonymKey.fromHex(input.key_hex);
  const done = tokenise(form, key, input.purpose, input.submission);
  assert.ok(done.tokenised.length > 0);
  assert.equal(typeof done.submission, "object");
  assert.deepEqual(tokenise(form, key, input.purpose, JSON.stringify(input.submission)), done);
  throwsMealError(() => tokenise(form, key, input.purpose, "[1]"), "form.submission_not_object");
  throwsMealError(() => tokenise(form, key, input.purpose, "{"), "json.malformed");
  throwsMealError(() => tokenise(form, key, input.purpose, { misspelt_field: "x" }), "privacy.tokenise_unknown_field");
  throwsMealError(() => tokenise(form, key, "", input.submission), "privacy.pseudonym_bad_purpose");
});

test("consent: check with findings in a locale, withdraw, round-trip", () => {
  const adult = fixture("consent-adult-follow-up");
  const consent = ConsentRecord.fromJson(adult.consent);
  assert.deepEqual(consent.findings(), []);
  assert.deepEqual(consent.check(adult.scope, adult.on), { valid: true, findings: [] });
  assert.equal(consent.subject, adult.consent.subject);
  assert.deepEqual(consent.scopes, adult.consent.scopes);
  assert.equal(consent.withdrawnAt, undefined);
  const withdrawn = consent.withdrawn(adult.on);
  assert.equal(withdrawn.withdrawnAt, adult.on);
  const refused = withdrawn.check(adult.scope, adult.on, { locale: "fr" });
  assert.equal(refused.valid, false);
  assert.equal(refused.findings[0].code, "privacy.consent_withdrawn");
  assert.notEqual(refused.findings[0].message, withdrawn.check(adult.scope, adult.on).findings[0].message);
  assert.equal(ConsentRecord.fromJson(withdrawn.toJson()).withdrawnAt, adult.on);
  throwsMealError(() => withdrawn.withdrawn(adult.on), "privacy.consent_already_withdrawn");
  throwsMealError(() => consent.check(adult.scope, "27/11/2026"), "input.date");
  throwsMealError(() => consent.withdrawn("soon"), "input.date");
  const misspelt = ConsentRecord.fromJson(fixture("consent-misspelt-field").consent);
  assert.deepEqual(misspelt.findings("fr").map((f) => f.code), ["document.unknown_field"]);
  throwsMealError(() => ConsentRecord.fromJson(fixture("consent-bad-given-by").consent), "document.invalid");
  throwsMealError(() => ConsentRecord.fromJson("{"), "json.malformed");
});

test("records: digest, retention, access, rectification, erasure", () => {
  const input = fixture("erase-keeps-exceptions-removes-the-rest");
  const rules = PrivacyRules.fromJson(input.rules);
  const summary = recordsDigest(input.records);
  assert.equal(summary.count, input.records.length);
  assert.match(summary.digest, /^[0-9a-f]{64}$/);
  assert.deepEqual(recordsDigest(JSON.stringify(input.records)), summary);

  const decisions = retentionDue(input.records, rules, input.on, { locale: "fr" });
  assert.equal(decisions.length, input.records.length);
  assert.ok(decisions.every((d) => typeof d.reason.message === "string" && d.record && d.phase));

  const access = subjectAccess(input.records, input.subject, input.on);
  assert.ok(access.records.length > 0);
  assert.ok(access.records.every((r) => r.subject === input.subject));
  assert.equal(access.outcome.kind, "access");
  assert.match(access.toCsv(), /^record,form,purpose/);
  assert.equal(typeof JSON.parse(access.toJson()), "object");

  const target = access.records[0];
  const fixed = rectify(input.records, input.subject, target.id, "name", "Amina K.", input.on);
  assert.equal(fixed.records.find((r) => r.id === target.id).values.name, "Amina K.");
  assert.equal(fixed.outcome.kind, "rectification");
  assert.equal(fixed.outcome.field, "name");
  assert.deepEqual(fixed.outcome.affected, [target.id]);
  assert.deepEqual(recordsDigest(fixed.records).digest, fixed.outcome.digest, "the records cross back as a record set");

  const erased = erase(input.records, rules, input.subject, input.on);
  assert.equal(erased.outcome.kind, "erasure");
  assert.equal(erased.outcome.recordsBefore, input.records.length);
  assert.equal(erased.outcome.recordsAfter, erased.records.length);
  assert.ok(erased.outcome.retained.every((r) => r.record && r.reasons.length > 0));
});

test("bad record sets and dates throw MealError", () => {
  const input = fixture("erase-keeps-exceptions-removes-the-rest");
  const rules = PrivacyRules.fromJson(input.rules);
  throwsMealError(() => recordsDigest("[{"), "json.malformed");
  throwsMealError(() => recordsDigest({ id: "x" }), "privacy.records_not_array");
  throwsMealError(() => recordsDigest([{ id: "x" }]), "privacy.records_invalid");
  throwsMealError(() => recordsDigest(fixture("records-duplicate-id").records), "privacy.duplicate_record");
  throwsMealError(() => recordsDigest(undefined), "document.invalid");
  throwsMealError(() => retentionDue(input.records, rules, "2026-13-01"), "input.date");
  throwsMealError(() => subjectAccess(input.records, input.subject, "today"), "input.date");
  throwsMealError(() => rectify(input.records, input.subject, "no-such-record", "name", "x", input.on), "privacy.request_unknown_record");
  throwsMealError(() => rectify(input.records, input.subject, input.records[0].id, "", "x", input.on), "privacy.request_bad_field");
  throwsMealError(() => rectify(input.records, input.subject, input.records[0].id, "name", undefined, input.on), "document.invalid");
  throwsMealError(() => erase(input.records, rules, input.subject, "2026/01/01"), "input.date");
  assert.throws(() => erase(input.records, {}, input.subject, input.on));
});

// ---- disclosure control

const people = [
  { sex: "f", nationality: "SY", age: 34 }, { sex: "f", nationality: "SY", age: 35 },
  { sex: "m", nationality: "AF", age: 19 }, { sex: "m", nationality: "ER", age: 52 }, { sex: "f", nationality: "AF", age: 7 },
];
const keys = ["sex", "nationality"];

test("microdata crosses as records, JSON text or columns, alike", () => {
  const columns = { sex: people.map((p) => p.sex), nationality: people.map((p) => p.nationality) };
  const expected = frequencies(people, keys);
  assert.ok(Array.isArray(expected));
  assert.deepEqual(frequencies(JSON.stringify(people), keys), expected);
  assert.deepEqual(frequencies(columns, keys), expected);
  assert.deepEqual(frequencies([{ sex: "f" }, { sex: null, nationality: "SY" }], keys), [2, 2]);
});

test("k-anonymity, local suppression, risk and recoding", () => {
  const checked = kAnonymity(people, keys);
  assert.equal(checked.k, 5);
  assert.equal(checked.satisfied, false);
  assert.deepEqual(Object.keys(checked).sort(), ["classesBelowK", "k", "satisfied", "violatingRows", "violations"]);
  assert.equal(kAnonymity(people, keys, { k: 1 }).satisfied, true);

  const suppressed = localSuppression(people, keys, { k: 2, importance: [1, 2] });
  assert.equal(suppressed.kReached, true);
  assert.ok(suppressed.suppressed.every((cell) => Array.isArray(cell) && cell.length === 2));
  assert.deepEqual(Object.keys(suppressed.records[0]).sort(), [...keys].sort());
  assert.ok(suppressed.records.some((r) => r.nationality === null));

  const risk = disclosureRisk(people, keys, { threshold: "0.5", locale: "fr" });
  assert.equal(risk.threshold, "0.5");
  assert.equal(risk.individual.length, people.length);
  assert.ok(risk.individual.every((r) => typeof r === "string"));
  assert.equal(risk.publishable, false);
  assert.ok(risk.reasons.length > 0 && risk.reasons[0].message.length > 0);
  assert.equal(disclosureRisk(people, keys).threshold, "0.05");

  assert.deepEqual(recode(["2026-02-14", null], { kind: "quarter" }), ["2026Q1", null]);
  assert.deepEqual(recode(["2026-02-14"], "{\"kind\": \"month\"}"), ["2026-02"]);
  const banded = recodeColumn(people, ["sex", "age"], "age", { kind: "age_band", bands: "minors" });
  assert.equal(banded.length, people.length);
  assert.deepEqual(Object.keys(banded[0]).sort(), ["age", "sex"]);
});

test("bad microdata and options throw MealError with the core's code", () => {
  throwsMealError(() => frequencies(people, []), "disclosure.no_keys");
  throwsMealError(() => frequencies("[{", keys), "json.malformed");
  throwsMealError(() => frequencies({ sex: ["f"], nationality: ["SY", "AF"] }, keys), "disclosure.column_length");
  assert.deepEqual(frequencies({ sex: [1, "1", true] }, ["sex"]), [2, 2, 1]);
  throwsMealError(() => frequencies({ sex: [[1]] }, ["sex"]), "disclosure.nested_value");
  throwsMealError(() => frequencies({ sex: "f" }, ["sex"]), "disclosure.column_not_array");
  throwsMealError(() => frequencies({ age: ["1"] }, ["sex"]), "disclosure.missing_column");
  throwsMealError(() => frequencies(42, keys), "document.invalid");
  throwsMealError(() => frequencies([[1]], keys), "disclosure.record_not_object");
  throwsMealError(() => kAnonymity(people, keys, { k: 0 }), "disclosure.bad_k");
  throwsMealError(() => kAnonymity(people, keys, { k: -1 }), "document.invalid");
  throwsMealError(() => kAnonymity(people, keys, { k: 1.5 }), "document.invalid");
  throwsMealError(() => localSuppression(people, keys, { k: 2, importance: [1] }), "disclosure.bad_importance");
  throwsMealError(() => localSuppression(people, keys, { importance: "high" }), "document.invalid");
  throwsMealError(() => disclosureRisk(people, keys, { threshold: "lots" }), "input.decimal");
  throwsMealError(() => disclosureRisk(people, keys, { threshold: "0" }), "disclosure.bad_risk_threshold");
  throwsMealError(() => recode(["x"], { kind: "zodiac" }), "disclosure.bad_recoding");
  throwsMealError(() => recode(["x"], "{"), "json.malformed");
  throwsMealError(() => recode([3], { kind: "month" }), "document.invalid");
  throwsMealError(() => recode(["soon"], { kind: "month" }), "input.date");
  throwsMealError(() => recodeColumn(people, keys, "age", { kind: "month" }), "disclosure.unknown_column");
});

test("suppressTable hides a small cell and its complement, never their values, and keeps the grand total", () => {
  const records = [
    ...Array(2).fill({ site: "calais", sex: "f" }), ...Array(9).fill({ site: "calais", sex: "m" }),
    ...Array(7).fill({ site: "dunkerque", sex: "f" }), ...Array(8).fill({ site: "dunkerque", sex: "m" }),
  ];
  const done = suppressTable(records, { columns: ["site", "sex"] });
  const status = Object.fromEntries(done.cells.map((c) => [c.coords.join("/"), c.status]));
  assert.equal(status["calais/f"], "primary");
  assert.ok(done.cells.filter((c) => c.coords[0] === "calais" && c.status !== "published").length >= 2);
  assert.equal(status["Total/Total"], "published");
  assert.ok(done.cells.every((c) => (c.status === "published") === (c.value !== undefined)));
  assert.deepEqual(tabulate(records, ["site"]).at(-1), { coords: ["Total"], count: 26 });
  throwsMealError(() => suppressTable(records, { columns: ["site"], zeros: "maybe" }), "disclosure.zero_rule");
  throwsMealError(() => suppressTable("{", {}), "json.malformed");
});
