// Feedback mechanisms in JavaScript: the idioms (classes for documents, keys and cases, options
// objects, Uint8Array randomness from crypto.getRandomValues, camelCase plain-object results,
// redacted secrets) and bad input throwing MealError with the core's code. Behaviour itself is
// pinned by the shared vectors (vectors.test.mjs); fixtures come from them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import meal from "./load.mjs";

const {
  Taxonomy, Routing, routeItem, viewItem, referItem, intake, intakeWithPseudonymiser, checkClaim, ClaimCode,
  RecipientKey, SafeguardingSecretKey, Case, Deadlines, Testimony, PseudonymKey, Pseudonymiser,
} = meal;

const vectorsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "tests", "vectors");
const examplesData = join(vectorsDir, "..", "..", "examples", "data");
const vectors = Object.fromEntries(["feedback_intake", "feedback_case"].flatMap((file) =>
  JSON.parse(readFileSync(join(vectorsDir, `${file}.json`), "utf8")).vectors.map((v) => [v.name, v])));
const fixture = (name) => structuredClone(vectors[name].input);
const expected = (name) => structuredClone(vectors[name].expect);
const missionText = (file) => readFileSync(join(examplesData, file), "utf8");
const taxonomy = Taxonomy.fromJson(missionText("feedback-taxonomy.json"));
const routing = Routing.fromJson(missionText("feedback-routing.json"));
const hexBytes = (hex) => Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
// The safeguarding focal point's key pair in the mission's routing (the vectors' "alice").
const ALICE_SECRET = fixture("open-a-libsodium-box").secret_key;
const ALICE_PUBLIC = fixture("seal-to-alice").public_key;
const CLAIM_CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const T0 = "2026-03-02T09:00:00+01:00";

function throwsMealError(fn, code) {
  let thrown;
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, `a real Error: ${e}`);
    assert.equal(e.name, "MealError", String(e));
    assert.equal(e.code, code, `${e.code}: ${e.message}`);
    assert.equal(typeof e.messageFr, "string");
    thrown = e;
    return true;
  });
  return thrown;
}

// ---- documents

test("taxonomy and routing read from text or an object, with findings in a locale", () => {
  const fromObject = Taxonomy.fromJson(JSON.parse(missionText("feedback-taxonomy.json")));
  assert.deepEqual(taxonomy.findings(), []);
  assert.deepEqual(taxonomy.checkRoutes(routing), []);
  assert.deepEqual(routing.findings("fr"), []);
  assert.equal(fromObject.version, taxonomy.version);
  assert.equal(typeof taxonomy.id, "string");
  assert.ok(taxonomy.codes.includes("exploitation_abus_sexuels"));
  assert.ok(routing.routes.includes("referent_protection"));
  assert.ok(routing.roles.includes("safeguarding_focal_point"));
  assert.equal(typeof routing.id, "string");
  assert.equal(typeof routing.version, "string");
  assert.deepEqual(JSON.parse(Taxonomy.fromJson(taxonomy.toJson()).toJson()), JSON.parse(taxonomy.toJson()));
  assert.deepEqual(JSON.parse(Routing.fromJson(routing.toJson()).toJson()), JSON.parse(routing.toJson()));

  const broken = Routing.fromJson(fixture("routing-sensitive-default-without-key").routing);
  const en = broken.findings();
  const fr = broken.findings("fr");
  assert.ok(en.some((f) => f.code === "feedback.sensitive_route_without_key" && f.severity === "error"));
  assert.notEqual(en[0].message, fr[0].message);
  const strayRoute = Taxonomy.fromJson(fixture("route-unknown-route").taxonomy);
  assert.deepEqual(strayRoute.checkRoutes(routing).map((f) => [f.code, f.path]), [["feedback.unknown_route", "/types/0/route"]]);
});

test("a route's recipient key, or undefined, or feedback.unknown_route", () => {
  const key = routing.recipientKey("referent_protection");
  assert.ok(key instanceof RecipientKey);
  assert.equal(key.toBase64(), ALICE_PUBLIC);
  assert.equal(routing.recipientKey("coordination"), undefined);
  throwsMealError(() => routing.recipientKey("nulle_part"), "feedback.unknown_route");
});

test("bad taxonomy and routing documents throw MealError", () => {
  throwsMealError(() => Taxonomy.fromJson("{\"format_version\": 1,"), "json.malformed");
  throwsMealError(() => Taxonomy.fromJson(fixture("taxonomy-future-version").taxonomy), "document.format_version");
  throwsMealError(() => Taxonomy.fromJson(42), "document.format_version");
  throwsMealError(() => Taxonomy.fromJson(undefined), "document.invalid");
  throwsMealError(() => Routing.fromJson(fixture("routing-bad-recipient-key").routing), "document.invalid");
  throwsMealError(() => Routing.fromJson("[]"), "document.format_version");
  assert.throws(() => taxonomy.checkRoutes({}), /Routing/);
});

// ---- route, view, refer

test("routeItem, viewItem and referItem give camelCase plain objects", () => {
  const sea = fixture("route-exploitation_abus_sexuels");
  assert.deepEqual(routeItem(taxonomy, routing, sea.item), expected("route-exploitation_abus_sexuels").ok);
  assert.deepEqual(routeItem(taxonomy, routing, JSON.stringify(sea.item)), expected("route-exploitation_abus_sexuels").ok);

  const stub = viewItem(taxonomy, routing, sea.item, "programme");
  assert.deepEqual(stub, { view: "stub", id: "fb-12", receivedOn: "2026-03-09", status: "referred" });
  const full = viewItem(taxonomy, routing, sea.item, "safeguarding_focal_point");
  assert.equal(full.view, "full");
  assert.deepEqual(full.item, sea.item);

  const refer = fixture("refer-sea-to-investigations-with-identity");
  const packet = referItem(taxonomy, routing, refer.item, refer.role, refer.to, { referAllegation: true, shareIdentity: true });
  assert.equal(packet.to, refer.to);
  assert.equal(packet.subject, refer.item.subject);
  assert.equal(packet.receivedOn, "2026-03-09");
  assert.equal(packet.content.kind, "sealed");
  const anonymous = referItem(taxonomy, routing, refer.item, refer.role, refer.to, { referAllegation: true, shareIdentity: false });
  assert.equal(anonymous.subject, undefined);
  assert.ok(!("subject" in anonymous));
});

test("bad routing inputs throw MealError with the core's code", () => {
  const refer = fixture("refer-sea-to-investigations-with-identity");
  const go = (consent, item = refer.item, role = refer.role) => referItem(taxonomy, routing, item, role, refer.to, consent);
  throwsMealError(() => go({ referAllegation: false, shareIdentity: true }), "feedback.referral_refused");
  throwsMealError(() => go({ referAllegation: true }), "document.invalid");
  throwsMealError(() => go({ refer_allegation: true, share_identity: true }), "document.invalid");
  throwsMealError(() => go({ referAllegation: true, shareIdentity: true, shareSite: true }), "document.invalid");
  throwsMealError(() => go({ referAllegation: "yes", shareIdentity: true }), "document.invalid");
  throwsMealError(() => go({ referAllegation: true, shareIdentity: true }, refer.item, "programme"), "feedback.not_permitted");
  throwsMealError(() => go({ referAllegation: true, shareIdentity: true }, "{"), "json.malformed");
  throwsMealError(() => viewItem(taxonomy, routing, refer.item, "director"), "feedback.unknown_role");
  throwsMealError(() => viewItem(taxonomy, routing, { ...refer.item, colour: "red" }, "programme"), "document.invalid");
  throwsMealError(() => routeItem(taxonomy, routing, { ...refer.item, code: "plainte" }), "feedback.unknown_code");
  throwsMealError(() => routeItem(taxonomy, routing, 42), "document.invalid");
  throwsMealError(() => routeItem(taxonomy, routing, undefined), "document.invalid");
  assert.throws(() => routeItem(routing, taxonomy, refer.item), /Taxonomy/);
});

// ---- intake and claim codes

test("intake with a pseudonymiser keeps only the pseudonym", () => {
  const i = fixture("intake-complaint-in-clear-with-pseudonym");
  const pseudonymiser = new Pseudonymiser(PseudonymKey.fromHex(i.key_hex), i.purpose);
  const received = intakeWithPseudonymiser(taxonomy, routing, i.intake, i.id, pseudonymiser);
  assert.deepEqual(received, expected("intake-complaint-in-clear-with-pseudonym").ok);
  assert.equal(received.item.subject, pseudonymiser.pseudonym(i.intake.subject));
  assert.ok(!("claimCode" in received));
  // the pseudonymiser is borrowed, not consumed
  assert.equal(pseudonymiser.pseudonym("x").length, received.item.subject.length);
  throwsMealError(() => intake(taxonomy, routing, i.intake, i.id), "feedback.no_pseudonymiser");
});

test("a sensitive intake is sealed with fresh randomness and gives a claim code to show once", () => {
  const i = fixture("intake-anonymous-fraud-sealed-with-claim-code");
  const first = intake(taxonomy, routing, i.intake, i.id, { claimCode: true });
  const second = intake(taxonomy, routing, JSON.stringify(i.intake), i.id, { claimCode: true });
  assert.match(first.claimCode, CLAIM_CODE);
  assert.notEqual(first.claimCode, second.claimCode);
  assert.equal(first.item.claim_code_sha256, ClaimCode.parse(first.claimCode).sha256);
  assert.ok(checkClaim(first.item, first.claimCode.toLowerCase()));
  assert.ok(!checkClaim(first.item, second.claimCode));
  assert.equal(first.item.content.kind, "sealed");
  assert.notEqual(first.item.content.sealed, second.item.content.sealed);
  assert.ok(!JSON.stringify(first.item).includes(i.intake.text));
  assert.equal(first.item.content.recipient, routing.recipientKey(first.route.route).toBase64());
  const alice = SafeguardingSecretKey.fromBase64(ALICE_SECRET);
  throwsMealError(() => alice.open(first.item.content), "feedback.seal_wrong_key");
  const flagged = fixture("intake-flagged-question-sealed-to-safeguarding");
  const flaggedKeys = new Pseudonymiser(PseudonymKey.fromHex(flagged.key_hex), flagged.purpose);
  const toAlice = intakeWithPseudonymiser(taxonomy, routing, flagged.intake, flagged.id, flaggedKeys, { claimCode: flagged.claim_code });
  assert.equal(toAlice.claimCode, "7572-MWRZ");
  assert.equal(toAlice.route.route, "referent_protection");
  assert.equal(alice.open(toAlice.item.content), flagged.intake.text);

  const long = intake(taxonomy, routing, i.intake, i.id, { claimCode: true, claimBytes: 10 });
  assert.match(long.claimCode, /^(?:[0-9A-Z]{4}-){3}[0-9A-Z]{4}$/);
  const printed = intake(taxonomy, routing, i.intake, i.id, { claimCode: "7572-mwrz" });
  assert.equal(printed.claimCode, "7572-MWRZ");
  const given = intake(taxonomy, routing, i.intake, i.id, { claimRandom: hexBytes(i.claim_random_hex), sealRandom: new Uint8Array(32).fill(7) });
  const again = intake(taxonomy, routing, i.intake, i.id, { claimRandom: hexBytes(i.claim_random_hex), sealRandom: new Uint8Array(32).fill(7) });
  assert.deepEqual(given, again);
  assert.equal(intake(taxonomy, routing, i.intake, i.id, { claimCode: false }).claimCode, undefined);
});

test("bad intakes and intake options throw MealError", () => {
  const i = fixture("intake-anonymous-fraud-sealed-with-claim-code");
  const go = (options, doc = i.intake) => intake(taxonomy, routing, doc, i.id, options);
  throwsMealError(() => go({}, "{"), "json.malformed");
  throwsMealError(() => go({}, 42), "document.invalid");
  throwsMealError(() => go({}, { ...i.intake, channel: "pigeon" }), "document.invalid");
  throwsMealError(() => go({}, { ...i.intake, received_at: "2026-03-09" }), "document.invalid");
  throwsMealError(() => go({}, { ...i.intake, code: "plainte" }), "feedback.unknown_code");
  throwsMealError(() => intake(taxonomy, routing, i.intake, " "), "feedback.blank_field");
  throwsMealError(() => go({ sealRandom: new Uint8Array(16) }), "feedback.seal_random_length");
  throwsMealError(() => go({ claimRandom: new Uint8Array(4) }), "feedback.claim_random_length");
  throwsMealError(() => go({ claimCode: true, claimBytes: 7 }), "feedback.claim_random_length");
  throwsMealError(() => go({ claimCode: "FB-2026-014" }), "feedback.bad_claim_code");
  throwsMealError(() => go({ claimCode: 3 }), "document.invalid");
  throwsMealError(() => go({ claimCode: "7572-MWRZ", claimRandom: new Uint8Array(5) }), "document.invalid");
  throwsMealError(() => go({ sealRandom: "sevens" }), "document.invalid");
  throwsMealError(() => go("options"), "document.invalid");
  const anonymous = { ...i.intake, subject: "Amina" };
  const pseudonymiser = new Pseudonymiser(new PseudonymKey(new Uint8Array(32)), "feedback");
  throwsMealError(() => intakeWithPseudonymiser(taxonomy, routing, anonymous, i.id, pseudonymiser), "feedback.anonymous_with_subject");
  assert.throws(() => intakeWithPseudonymiser(taxonomy, routing, i.intake, i.id, {}), /Pseudonymiser/);
});

test("claim codes: generated from crypto, read as typed, never printed by accident", () => {
  const code = ClaimCode.generate();
  assert.match(code.asText(), CLAIM_CODE);
  assert.equal(code.sha256, ClaimCode.parse(code.asText().toLowerCase().replace("-", " ")).sha256);
  assert.match(ClaimCode.generate(10).asText(), /^(?:[0-9A-Z]{4}-){3}[0-9A-Z]{4}$/);
  assert.notEqual(ClaimCode.generate().sha256, ClaimCode.generate().sha256);
  assert.equal(String(code), "ClaimCode(<redacted>)");
  assert.equal(`${code}`, "ClaimCode(<redacted>)");
  assert.equal(JSON.stringify({ code }), "{\"code\":\"ClaimCode(<redacted>)\"}");
  const known = fixture("claim-code-from-394e2a731f");
  const fromRandom = ClaimCode.fromRandom(hexBytes(known.random_hex));
  assert.deepEqual({ code: fromRandom.asText(), sha256: fromRandom.sha256 }, expected("claim-code-from-394e2a731f").ok);

  throwsMealError(() => ClaimCode.generate(3), "feedback.claim_random_length");
  throwsMealError(() => ClaimCode.generate(0), "feedback.claim_random_length");
  throwsMealError(() => ClaimCode.fromRandom(new Uint8Array(0)), "feedback.claim_random_length");
  const bad = throwsMealError(() => ClaimCode.parse("7572-MWRU"), "feedback.bad_claim_code");
  assert.ok(!bad.message.includes("MWRU"));
  const claim = fixture("claim-7572-MWRZ");
  assert.equal(checkClaim(claim.item, "7572mwrz"), true);
  assert.equal(checkClaim(claim.item, "FB-2026-014"), false);
  assert.equal(checkClaim(fixture("claim-item-without-code").item, "7572-MWRZ"), false);
  throwsMealError(() => checkClaim("{", "7572-MWRZ"), "json.malformed");
});

// ---- sealing

test("a generated key pair seals and opens; the secret key never shows", () => {
  const secret = SafeguardingSecretKey.generate();
  const other = SafeguardingSecretKey.generate();
  const sealed = secret.publicKey.seal("Un membre du personnel…");
  assert.equal(sealed.kind, "sealed");
  assert.equal(sealed.recipient, secret.publicKey.toBase64());
  assert.equal(secret.open(sealed), "Un membre du personnel…");
  throwsMealError(() => other.open(sealed), "feedback.seal_wrong_key");
  const resealed = secret.reseal(sealed, other.publicKey);
  assert.equal(other.open(resealed), "Un membre du personnel…");
  throwsMealError(() => secret.open(resealed), "feedback.seal_wrong_key");

  for (const shown of [String(secret), `${secret}`, JSON.stringify({ secret }), secret.toJSON()]) {
    assert.ok(shown.includes("SafeguardingSecretKey(<redacted>)"), shown);
  }
  throwsMealError(() => SafeguardingSecretKey.fromBase64(JSON.parse(JSON.stringify(secret))), "feedback.seal_bad_secret_key");
  const alice = SafeguardingSecretKey.fromBase64(ALICE_SECRET);
  assert.ok(alice.publicKey.equals(RecipientKey.fromBase64(ALICE_PUBLIC)));
  const fromBytes = new SafeguardingSecretKey(Uint8Array.from(atob(ALICE_SECRET), (c) => c.charCodeAt(0)));
  assert.equal(fromBytes.publicKey.toBase64(), ALICE_PUBLIC);
  assert.equal(fixture("open-a-libsodium-box").content.kind, "sealed");
  assert.equal(alice.open(fixture("open-a-libsodium-box").content), expected("open-a-libsodium-box").ok);
});

test("a recipient key is public: printable, comparable, and seals reproducibly with given bytes", () => {
  const key = RecipientKey.fromBase64(ALICE_PUBLIC);
  assert.equal(String(key), ALICE_PUBLIC);
  assert.equal(JSON.stringify({ key }), JSON.stringify({ key: ALICE_PUBLIC }));
  assert.ok(key.equals(new RecipientKey(Uint8Array.from(atob(ALICE_PUBLIC), (c) => c.charCodeAt(0)))));
  const sevens = new Uint8Array(32).fill(7);
  assert.deepEqual(key.seal("x", sevens), key.seal("x", sevens));
  assert.notDeepEqual(key.seal("x"), key.seal("x"));
});

test("bad keys and contents throw MealError", () => {
  const key = RecipientKey.fromBase64(ALICE_PUBLIC);
  const alice = SafeguardingSecretKey.fromBase64(ALICE_SECRET);
  throwsMealError(() => new RecipientKey(new Uint8Array(31)), "feedback.seal_bad_public_key");
  throwsMealError(() => RecipientKey.fromBase64("hSDwCYkwp1R0i33c"), "feedback.seal_bad_public_key");
  throwsMealError(() => new SafeguardingSecretKey(new Uint8Array(16)), "feedback.seal_bad_secret_key");
  const short = throwsMealError(() => SafeguardingSecretKey.fromBase64("c2VjcmV0LWtleQ=="), "feedback.seal_bad_secret_key");
  assert.ok(!short.message.includes("c2VjcmV0") && !JSON.stringify(short.params).includes("c2VjcmV0"));
  throwsMealError(() => key.seal("x", new Uint8Array(31)), "feedback.seal_random_length");
  throwsMealError(() => alice.open({ kind: "plain", text: "x" }), "feedback.seal_not_sealed");
  throwsMealError(() => alice.open(fixture("open-tampered").content), "feedback.seal_corrupt");
  throwsMealError(() => alice.open({ kind: "boxed", sealed: "x" }), "document.invalid");
  throwsMealError(() => alice.open("sealed"), "document.invalid");
  throwsMealError(() => alice.reseal({ kind: "plain", text: "x" }, key), "feedback.seal_not_sealed");
  assert.throws(() => alice.reseal(fixture("open-a-libsodium-box").content, ALICE_PUBLIC), /RecipientKey/);
});

// ---- cases

test("a case moves through the workflow, keeps its history and round-trips", () => {
  const c = new Case("fb-1", T0);
  assert.equal(c.state, "received");
  assert.deepEqual(c.allowedActions, ["acknowledge", "refer", "withdraw"]);
  assert.equal(c.apply({ action: "acknowledge", actor: "cea_focal", at: "2026-03-02T10:00:00+01:00" }), "acknowledged");
  assert.equal(c.apply(JSON.stringify({ action: "respond", actor: "cea_focal", at: "2026-03-03T09:00:00Z" })), "responded");
  assert.deepEqual(c.history.map((t) => [t.from, t.action, t.to]), [["received", "acknowledge", "acknowledged"], ["acknowledged", "respond", "responded"]]);
  assert.equal(c.history[1].at, "2026-03-03T09:00:00Z"); // as the core writes it in JSON
  assert.equal(c.receivedAt, T0);
  assert.equal(c.lastAt, "2026-03-03T09:00:00Z");
  assert.equal(c.itemId, "fb-1");
  assert.equal(c.isFinal, false);
  const back = Case.fromJson(c.toJson());
  assert.deepEqual(back.toJSON(), c.toJSON());
  assert.deepEqual(JSON.parse(JSON.stringify(c)), c.toJSON());
  assert.deepEqual(Case.fromJson(c.toJSON()).history, c.history);
  assert.deepEqual(back.findings(), []);
  c.apply({ action: "close_loop", actor: "cea_focal", at: "2026-03-04T10:00:00+01:00" });
  assert.equal(c.isFinal, true);
  assert.deepEqual(c.allowedActions, []);

  const item = fixture("deadlines-question-working-and-calendar-days").item;
  const forItem = Case.forItem(item);
  assert.equal(forItem.itemId, item.id);
  assert.equal(forItem.receivedAt, item.received_at);
  const replayed = Case.fromEvents("fb-2", T0, fixture("workflow-full-path").events);
  assert.equal(replayed.state, "loop_closed");
  assert.equal(replayed.history.length, 4);
});

test("illegal, backwards or anonymous events are refused and change nothing", () => {
  const c = new Case("fb-1", T0);
  c.apply({ action: "acknowledge", actor: "cea_focal", at: "2026-03-02T10:00:00+01:00" });
  const illegal = throwsMealError(() => c.apply({ action: "close_loop", actor: "cea_focal", at: "2026-03-02T11:00:00+01:00" }), "feedback.illegal_transition");
  assert.equal(illegal.params.from, "acknowledged");
  assert.equal(illegal.params.action, "close_loop");
  throwsMealError(() => c.apply({ action: "start", actor: "cea_focal", at: "2026-03-02T08:00:00+01:00" }), "feedback.time_reversed");
  throwsMealError(() => c.apply({ action: "start", actor: " ", at: "2026-03-02T12:00:00+01:00" }), "feedback.event_without_actor");
  throwsMealError(() => c.apply({ action: "fly", actor: "x", at: "2026-03-02T12:00:00+01:00" }), "document.invalid");
  throwsMealError(() => c.apply({ action: "start", actor: "x", at: "2026-03-02" }), "document.invalid");
  throwsMealError(() => c.apply("{"), "json.malformed");
  throwsMealError(() => c.apply(undefined), "document.invalid");
  assert.equal(c.state, "acknowledged");
  assert.equal(c.history.length, 1);

  throwsMealError(() => new Case("fb-1", "2026-03-02"), "input.date_time");
  const rejected = throwsMealError(() => Case.fromEvents("fb-1", T0, fixture("workflow-illegal-stops-at-first-error").events), "feedback.illegal_transition");
  assert.match(rejected.path, /^\/events\/\d+$/);
  throwsMealError(() => Case.fromEvents("fb-1", T0, "events"), "document.invalid");
  const doctored = throwsMealError(() => Case.fromJson(fixture("case-read-doctored-to").case), "feedback.case_history_mismatch");
  assert.equal(doctored.path, "/history/1/to");
  throwsMealError(() => Case.fromJson(fixture("case-read-format-version").case), "document.format_version");
  throwsMealError(() => Case.fromJson("{"), "json.malformed");
  assert.deepEqual(Case.fromJson(fixture("case-read-unknown-field").case).findings().map((f) => f.code), ["document.unknown_field"]);
});

// ---- deadlines

test("deadlines: due with or without a case, overdue lists, findings", () => {
  const proposed = Deadlines.proposed();
  assert.deepEqual(proposed.findings(), []);
  const q = fixture("deadlines-question-working-and-calendar-days");
  const due = proposed.due(q.item);
  assert.deepEqual(due.acknowledge, { by: "2026-03-04T23:59:59+01:00", doneAt: null, onTime: null });
  assert.equal(due.rule, "/rules/1");
  assert.ok("closeLoop" in due);
  assert.deepEqual(proposed.due(q.item, null), due);

  const done = fixture("deadlines-done-on-time-to-the-second-and-late");
  const withCase = proposed.due(done.item, Case.fromJson(done.case));
  assert.deepEqual(proposed.due(done.item, done.case), withCase);
  assert.deepEqual(proposed.due(JSON.stringify(done.item), JSON.stringify(done.case)), withCase);
  assert.equal(typeof withCase.acknowledge.onTime, "boolean");

  const o = fixture("overdue-sorted-by-deadline-then-item-then-step");
  const cases = o.cases.map((c) => Case.fromJson(c));
  const late = proposed.overdue(o.items, cases, o.at);
  assert.deepEqual(late.map((l) => ({ item: l.item, step: l.step, due: l.due, late_by_seconds: l.lateBySeconds })),
    expected("overdue-sorted-by-deadline-then-item-then-step").ok);
  assert.deepEqual(proposed.overdue(o.items, o.cases, o.at), late);
  assert.ok(Array.isArray(proposed.overdue(o.items, cases)));
  // the cases given are read, not consumed
  assert.equal(cases[0].itemId, o.cases[0].item_id);

  const custom = Deadlines.fromJson(fixture("overdue-custom-config").config);
  assert.deepEqual(JSON.parse(Deadlines.fromJson(custom.toJson()).toJson()), JSON.parse(custom.toJson()));
  const duplicate = Deadlines.fromJson(fixture("deadlines-config-duplicate-rule").config);
  const en = duplicate.findings();
  assert.deepEqual(en.map((f) => f.code), ["feedback.deadline_duplicate_rule"]);
  assert.notEqual(en[0].message, duplicate.findings("fr")[0].message);
});

test("bad deadline inputs throw MealError", () => {
  const proposed = Deadlines.proposed();
  const other = fixture("deadlines-case-of-another-item");
  throwsMealError(() => proposed.due(other.item, other.case), "feedback.case_item_mismatch");
  throwsMealError(() => proposed.due("{"), "json.malformed");
  throwsMealError(() => proposed.due(other.item, "{"), "json.malformed");
  throwsMealError(() => proposed.due(other.item, fixture("case-read-doctored-to").case), "feedback.case_history_mismatch");
  const o = fixture("overdue-duplicate-item");
  throwsMealError(() => proposed.overdue(o.items, o.cases, o.at), "feedback.duplicate_item");
  throwsMealError(() => proposed.overdue([], [], "2026-03-10"), "input.date_time");
  throwsMealError(() => proposed.overdue("items", [], o.at), "document.invalid");
  throwsMealError(() => proposed.overdue([], {}, o.at), "document.invalid");
  throwsMealError(() => proposed.overdue([42], [], o.at), "document.invalid");
  throwsMealError(() => Deadlines.fromJson("{"), "json.malformed");
  throwsMealError(() => Deadlines.fromJson(fixture("deadlines-config-unknown-unit").config), "document.invalid");
  throwsMealError(() => Deadlines.fromJson(7), "document.format_version");
});

// ---- testimonies

test("a testimony: canPublish, publish registers only what is allowed, withdrawal lists the takedown", () => {
  const t = fixture("publish-adult-identified-press");
  const testimony = Testimony.fromJson(t.testimony);
  assert.equal(testimony.id, "t1");
  assert.deepEqual(testimony.findings(), []);
  assert.deepEqual(testimony.requiredMasking, ["place"]);
  assert.deepEqual(testimony.canPublish(t.target), { allowed: true, reasons: [] });
  assert.equal(testimony.takedown, undefined);

  const shown = { ...t.target, shows: ["place"] };
  const refused = testimony.canPublish(shown);
  const fr = testimony.canPublish(JSON.stringify(shown), { locale: "fr" });
  assert.equal(refused.allowed, false);
  assert.equal(refused.reasons[0].code, "feedback.testimony_unmasked");
  assert.notEqual(refused.reasons[0].message, fr.reasons[0].message);

  assert.equal(testimony.publish("press-2026-04", shown).allowed, false);
  assert.deepEqual(testimony.publications, []);
  assert.equal(testimony.publish("press-2026-04", t.target).allowed, true);
  assert.deepEqual(testimony.publications, [{ target: "press-2026-04", scope: "press", publishedOn: "2026-04-01" }]);
  assert.equal(JSON.parse(testimony.toJson()).publications.length, 1);

  const takedown = testimony.withdraw("2026-06-01");
  assert.deepEqual(takedown, { testimony: "t1", withdrawnAt: "2026-06-01", publications: testimony.publications });
  assert.deepEqual(testimony.takedown, takedown);
  assert.equal(testimony.canPublish({ ...t.target, on: "2026-07-01" }).allowed, false);
  throwsMealError(() => testimony.withdraw("2026-07-01"), "privacy.consent_already_withdrawn");
  assert.equal(testimony.takedown.withdrawnAt, "2026-06-01");
});

test("bad testimony inputs throw MealError", () => {
  const t = fixture("publish-adult-identified-press");
  const testimony = Testimony.fromJson(t.testimony);
  throwsMealError(() => testimony.canPublish({ scope: "television", on: "2026-04-01" }), "document.invalid");
  throwsMealError(() => testimony.canPublish({ ...t.target, on: "April" }), "document.invalid");
  throwsMealError(() => testimony.canPublish("{"), "json.malformed");
  throwsMealError(() => testimony.canPublish(t.target, { locale: 3 }), "document.invalid");
  throwsMealError(() => testimony.withdraw("2026-13-01"), "input.date");
  throwsMealError(() => testimony.withdraw("2026-01-01"), "privacy.consent_withdrawal_before_given");
  assert.equal(testimony.takedown, undefined);
  throwsMealError(() => Testimony.fromJson("{"), "json.malformed");
  throwsMealError(() => Testimony.fromJson(fixture("publish-consent-version").testimony), "document.format_version");
  assert.deepEqual(Testimony.fromJson(fixture("publish-unknown-field").testimony).findings().map((f) => f.code), ["document.unknown_field"]);
});
