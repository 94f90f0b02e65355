// Checks of the generated Kotlin API for complaint and feedback mechanisms: every export, its
// marshalling (objects, records, the FeedbackView sealed class, bytes, timestamps, nulls and
// defaults) and its error mapping (every bad input is a MealException.Failed with the core's
// code). The rules themselves are pinned by the vectors; documents come from the mission's
// examples/data and from the vectors so they stay in step.
//
//   java ... org.meal.mobile.test.FeedbackTestKt <vectors dir>      (or MEAL_VECTORS=<dir>)
//
// One line per failure, then "FeedbackTest: N passed, M failed"; exit status 1 on any failure.
package org.meal.mobile.test

import java.io.File
import java.security.SecureRandom
import kotlin.system.exitProcess
import org.meal.mobile.Case
import org.meal.mobile.CaseEvent
import org.meal.mobile.ClaimCode
import org.meal.mobile.Deadlines
import org.meal.mobile.FeedbackView
import org.meal.mobile.IntakeKeys
import org.meal.mobile.PseudonymKey
import org.meal.mobile.Pseudonymiser
import org.meal.mobile.PublicationTarget
import org.meal.mobile.RecipientKey
import org.meal.mobile.ReferralConsent
import org.meal.mobile.Routing
import org.meal.mobile.SafeguardingSecretKey
import org.meal.mobile.Taxonomy
import org.meal.mobile.Testimony
import org.meal.mobile.checkClaim
import org.meal.mobile.receiveFeedback
import org.meal.mobile.referFeedback
import org.meal.mobile.referralConsentFromJson
import org.meal.mobile.renderMessage
import org.meal.mobile.routeFeedback
import org.meal.mobile.viewFeedback

private val checks = Checks("FeedbackTest")

private fun test(name: String, body: () -> Unit) = checks.test(name, body)


/** The safeguarding focal point's key pair of the mission's routing (route referent_protection). */
private const val FOCAL_SECRET = "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo="
private const val FOCAL_PUBLIC = "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo="
private const val KEY_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

private fun random(n: Int): ByteArray = ByteArray(n).also { SecureRandom().nextBytes(it) }

private fun intake(code: String, text: String = "Trois heures d'attente mardi.", extra: String = ""): String =
    """{"channel": "hotline", "received_at": "2026-03-09T14:12:00+01:00", "project": "calais", "site": "calais_centre",
       "code": "$code", "text": ${Json.quote(text)}$extra}"""

private fun field(json: String, name: String): Json? = (Json.parse(json) as Json.Obj).fields[name]

private fun documents(mission: File) {
    val taxonomyJson = File(mission, "feedback-taxonomy.json").readText(Charsets.UTF_8)
    val routingJson = File(mission, "feedback-routing.json").readText(Charsets.UTF_8)
    val taxonomy by lazy { Taxonomy.fromJson(taxonomyJson) }
    val routing by lazy { Routing.fromJson(routingJson) }

    test("Taxonomy reads, has no findings against the mission's routing, lists its codes with labels") {
        eq("mission-feedback", taxonomy.id(), "id")
        eq("2026.1", taxonomy.version(), "version")
        eq(emptyList<Any>(), taxonomy.findings("en"), "findings")
        eq(emptyList<Any>(), taxonomy.findings("en", routing), "findings with routing")
        val codes = taxonomy.codes("fr")
        ok(codes.any { it.id == "attente" }, "attente listed")
        val fraud = taxonomy.code("fraude", "en") ?: throw AssertionError("fraude missing")
        eq("plainte_sensible", fraud.feedbackType, "type")
        eq("integrite", fraud.category, "category")
        eq("fraud_corruption", fraud.family, "family")
        eq(true, fraud.sensitive, "sensitive")
        eq("ligne_integrite", fraud.route, "route")
        val outside = taxonomy.code("hors_champ_asile", "en") ?: throw AssertionError("hors_champ_asile missing")
        eq(true, outside.outOfScope, "outOfScope")
        eq(null, outside.family, "no family")
        ok(taxonomy.code("attente", "fr")?.label != taxonomy.code("attente", "en")?.label, "labels follow the locale")
        eq(null, taxonomy.code("nope", "en"), "unknown code")
        eq(taxonomy.toJson(), Taxonomy.fromJson(taxonomy.toJson()).toJson(), "toJson round trip")
    }
    test("Taxonomy findings: unknown fields, and routes the routing lacks when routing is given") {
        val misspelt = taxonomyJson.replaceFirst("\"version\"", "\"colour\": 1, \"version\"")
        eq(listOf("document.unknown_field"), Taxonomy.fromJson(misspelt).findings("en").map { it.code }, "reading")
        val bare = Routing.fromJson(routingJson.replace("\"id\": \"coordination\"", "\"id\": \"coordination_x\""))
        val unknown = taxonomy.findings("fr", bare).filter { it.code == "feedback.unknown_route" }
        ok(unknown.isNotEmpty(), "coordination is no longer a route")
        ok(unknown.all { it.path.startsWith("/types/") && it.params["route"] == "coordination" }, "paths into the taxonomy: $unknown")
        eq(emptyList<Any>(), taxonomy.findings("fr").filter { it.code == "feedback.unknown_route" }, "not without routing")
    }
    test("unreadable taxonomy and routing are json.malformed / document.*") {
        fails("json.malformed") { Taxonomy.fromJson("{") }
        fails("document.format_version") { Taxonomy.fromJson(taxonomyJson.replaceFirst("\"format_version\": 1", "\"format_version\": 9")) }
        fails("document.invalid") { Taxonomy.fromJson("""{"format_version": 1}""") }
        fails("json.malformed") { Routing.fromJson("") }
        fails("document.format_version") { Routing.fromJson("[]") }
        fails("document.invalid") { Routing.fromJson("""{"format_version": 1, "id": "r"}""") }
    }
    test("Routing reads, lists routes and roles, gives recipient keys") {
        eq(emptyList<Any>(), routing.findings("en"), "findings")
        eq("mission-feedback-routing", routing.id(), "id")
        eq("2026.1", routing.version(), "version")
        ok("referent_protection" in routing.routes() && "siege" in routing.routes(), "routes ${routing.routes()}")
        ok("safeguarding_focal_point" in routing.roles(), "roles ${routing.roles()}")
        eq(FOCAL_PUBLIC, routing.recipientKey("referent_protection")?.toBase64(), "key")
        eq(null, routing.recipientKey("equipe_projet"), "an internal route without a key")
        fails("feedback.unknown_route") { routing.recipientKey("nowhere") }
        eq(routing.toJson(), Routing.fromJson(routing.toJson()).toJson(), "toJson round trip")
    }
    test("Routing findings are sorted, with messages in the locale") {
        val broken = routingJson.replace("\"sensitive_default\": \"referent_protection\"", "\"sensitive_default\": \"siege\"")
        val found = Routing.fromJson(broken).findings("fr")
        eq(listOf("feedback.sensitive_route_external"), found.map { it.code }, "codes")
        eq("/sensitive_default", found.single().path, "path")
        eq(renderMessage(found.single().code, found.single().params, "fr"), found.single().message, "message")
    }
}

private fun keys() {
    test("RecipientKey: bytes or base64, printable, comparable; bad keys are feedback.seal_bad_public_key") {
        val key = RecipientKey.fromBase64(FOCAL_PUBLIC)
        eq(FOCAL_PUBLIC, key.toBase64(), "base64")
        eq(FOCAL_PUBLIC, key.toString(), "toString")
        eq(key, RecipientKey(java.util.Base64.getDecoder().decode(FOCAL_PUBLIC)), "equals")
        ok(key != RecipientKey(ByteArray(32)), "different keys differ")
        fails("feedback.seal_bad_public_key") { RecipientKey(ByteArray(31)) }
        fails("feedback.seal_bad_public_key") { RecipientKey.fromBase64("hSDwCYkwp1R0i33c") }
        fails("feedback.seal_bad_public_key") { RecipientKey.fromBase64("not base64!") }
    }
    test("SafeguardingSecretKey: never printed; its public key; bad keys are feedback.seal_bad_secret_key") {
        val secret = SafeguardingSecretKey.fromBase64(FOCAL_SECRET)
        eq(FOCAL_PUBLIC, secret.publicKey().toBase64(), "public key")
        ok(!secret.toString().contains(FOCAL_SECRET) && !secret.toString().contains("dwdt"), "toString: $secret")
        val bytes = random(32)
        val fresh = SafeguardingSecretKey(bytes)
        ok(fresh.publicKey() != secret.publicKey(), "a new key")
        bytes.fill(0)
        fails("feedback.seal_bad_secret_key") { SafeguardingSecretKey(ByteArray(16)) }
        val e = fails("feedback.seal_bad_secret_key") { SafeguardingSecretKey.fromBase64("dwdtCnMY") }
        ok(!e.reason.contains("dwdtCnMY") && e.params.values.none { it.contains("dwdt") }, "the text is not echoed")
    }
    test("seal, open and reseal with SecureRandom bytes; bad content and wrong keys are typed errors") {
        val focal = SafeguardingSecretKey.fromBase64(FOCAL_SECRET)
        val sealed = focal.publicKey().seal("Un membre du personnel m'a demandé de l'argent.", random(32))
        eq("sealed", (field(sealed, "kind") as Json.Str).value, "kind")
        eq(FOCAL_PUBLIC, (field(sealed, "recipient") as Json.Str).value, "recipient")
        eq("Un membre du personnel m'a demandé de l'argent.", focal.open(sealed), "opened")
        val unit = SafeguardingSecretKey(random(32))
        val onward = focal.reseal(sealed, unit.publicKey(), random(32))
        eq(unit.publicKey().toBase64(), (field(onward, "recipient") as Json.Str).value, "resealed to the unit")
        eq("Un membre du personnel m'a demandé de l'argent.", unit.open(onward), "the unit opens it")
        fails("feedback.seal_wrong_key") { unit.open(sealed) }
        fails("feedback.seal_wrong_key") { focal.reseal(onward, unit.publicKey(), random(32)) }
        fails("feedback.seal_not_sealed") { focal.open("""{"kind": "plain", "text": "x"}""") }
        fails("feedback.seal_corrupt") { focal.open(sealed.replace("\"sealed\":\"", "\"sealed\":\"AAAA")) }
        fails("json.malformed") { focal.open("{\"kind\":") }
        val shape = fails("document.invalid") { focal.open("""{"kind": "boxed"}""") }
        eq("feedback_content", shape.params["kind"], "kind param")
        val short = fails("feedback.seal_random_length") { focal.publicKey().seal("x", ByteArray(31)) }
        eq("31", short.params["found"], "found")
        eq("32", short.params["expected"], "expected")
        fails("feedback.seal_random_length") { focal.reseal(sealed, unit.publicKey(), ByteArray(0)) }
    }
    test("ClaimCode: from SecureRandom bytes, typed loosely, never printed; bad input is a typed error") {
        val code = ClaimCode.fromRandom(byteArrayOf(0x39, 0x4e, 0x2a, 0x73, 0x1f))
        eq("7572-MWRZ", code.text(), "text")
        eq("c272f511dbbe44ba0ffc772722116925fa98c9801d054680f438f9a7415532bc", code.sha256(), "sha256")
        eq(code.sha256(), ClaimCode.parse(" 7572 mwrz ").sha256(), "typed loosely")
        ok(!code.toString().contains("7572"), "toString: $code")
        eq(19, ClaimCode.fromRandom(random(10)).text().length, "10 bytes: four groups of four")
        fails("feedback.claim_random_length") { ClaimCode.fromRandom(ByteArray(4)) }
        fails("feedback.claim_random_length") { ClaimCode.fromRandom(ByteArray(0)) }
        val bad = fails("feedback.bad_claim_code") { ClaimCode.parse("FB-2026-014") }
        ok(!bad.reason.contains("FB-2026") && bad.params.isEmpty(), "the text is not echoed")
    }
}

private fun intakeToReferral(mission: File) {
    val taxonomy = Taxonomy.fromJson(File(mission, "feedback-taxonomy.json").readText(Charsets.UTF_8))
    val routing = Routing.fromJson(File(mission, "feedback-routing.json").readText(Charsets.UTF_8))
    val focal = SafeguardingSecretKey.fromBase64(FOCAL_SECRET)
    val pseudonymiser = Pseudonymiser(PseudonymKey.fromHex(KEY_HEX), "feedback")

    test("receiveFeedback: a complaint in clear, the subject pseudonymised, the claim code to show once") {
        val claim = ClaimCode.fromRandom(random(10))
        val done = receiveFeedback(
            taxonomy, routing, intake("attente", extra = """, "subject": "Amina Diallo""""), "fb-1",
            IntakeKeys(sealRandom = random(32), pseudonymiser = pseudonymiser, claimCode = claim),
        )
        eq(claim.text(), done.claimCode, "claim code to show")
        eq("coordination", done.route.route, "route")
        eq("type", done.route.reason, "reason")
        eq(null, done.route.family, "family")
        eq(null, done.route.referral, "referral")
        eq(pseudonymiser.pseudonym("Amina Diallo"), (field(done.itemJson, "subject") as Json.Str).value, "subject")
        ok(!done.itemJson.contains("Amina"), "no name in the item")
        eq(claim.sha256(), (field(done.itemJson, "claim_code_sha256") as Json.Str).value, "stored hash")
        ok(checkClaim(done.itemJson, claim.text().lowercase()), "the person's code matches")
        ok(!checkClaim(done.itemJson, "0000-0000"), "another code does not")
        ok(!checkClaim(done.itemJson, "not a code"), "text that is no code does not")
    }
    test("receiveFeedback: a sensitive allegation is sealed to its route and only the focal point opens it") {
        val done = receiveFeedback(
            taxonomy, routing, intake("exploitation_abus_sexuels", "Il m'a demandé de l'argent.", """, "anonymous": true"""), "fb-2",
            IntakeKeys(sealRandom = random(32)),
        )
        eq(null, done.claimCode, "no claim code given")
        eq("referent_protection", done.route.route, "route")
        eq("sensitive_family", done.route.reason, "reason")
        eq("sea_harassment", done.route.family, "family")
        ok(!done.itemJson.contains("argent"), "the text is sealed")
        eq(true, (field(done.itemJson, "sensitive") as Json.Bool).value, "sensitive")
        eq("Il m'a demandé de l'argent.", focal.open(field(done.itemJson, "content")!!.raw), "opened")
        eq(done.route, routeFeedback(taxonomy, routing, done.itemJson), "routeFeedback agrees")

        when (val seen = viewFeedback(taxonomy, routing, done.itemJson, "safeguarding_focal_point")) {
            is FeedbackView.Full -> eq(Json.parse(done.itemJson).show(), Json.parse(seen.itemJson).show(), "the whole item")
            is FeedbackView.Stub -> throw AssertionError("the focal point sees a stub")
        }
        when (val seen = viewFeedback(taxonomy, routing, done.itemJson, "meal")) {
            is FeedbackView.Stub -> {
                eq("fb-2", seen.id, "id")
                eq("2026-03-09", seen.receivedOn, "receivedOn")
                eq("referred", seen.status, "status")
            }
            is FeedbackView.Full -> throw AssertionError("meal sees the allegation")
        }
        fails("feedback.unknown_role") { viewFeedback(taxonomy, routing, done.itemJson, "director") }

        val both = ReferralConsent(referAllegation = true, shareIdentity = true)
        val packet = Json.parse(referFeedback(taxonomy, routing, done.itemJson, "safeguarding_focal_point", "siege", both)) as Json.Obj
        eq("siege", (packet.fields["to"] as Json.Str).value, "to")
        eq(null, packet.fields["channel"], "siege does not receive the channel")
        fails("feedback.referral_refused") {
            referFeedback(taxonomy, routing, done.itemJson, "safeguarding_focal_point", "siege", ReferralConsent(false, true))
        }
        fails("feedback.not_permitted") { referFeedback(taxonomy, routing, done.itemJson, "meal", "siege", both) }
        fails("feedback.not_a_referral") { referFeedback(taxonomy, routing, done.itemJson, "safeguarding_focal_point", "crip", both) }
    }
    test("referralConsentFromJson reads a stored consent strictly") {
        eq(ReferralConsent(true, false), referralConsentFromJson("""{"refer_allegation": true, "share_identity": false}"""), "consent")
        fails("document.invalid") { referralConsentFromJson("""{"refer_allegation": true}""") }
        fails("document.invalid") { referralConsentFromJson("""{"refer_allegation": true, "share_identity": true, "x": 1}""") }
        fails("json.malformed") { referralConsentFromJson("yes") }
    }
    test("receiveFeedback rejects bad intakes and keys with the core's codes") {
        val keys = IntakeKeys(sealRandom = random(32))
        fails("json.malformed") { receiveFeedback(taxonomy, routing, "{", "fb-3", keys) }
        fails("document.invalid") { receiveFeedback(taxonomy, routing, intake("attente", extra = """, "name": "Amina""""), "fb-3", keys) }
        fails("document.invalid") { receiveFeedback(taxonomy, routing, intake("attente").replace("+01:00", ""), "fb-3", keys) }
        fails("feedback.blank_field") { receiveFeedback(taxonomy, routing, intake("attente"), " ", keys) }
        fails("feedback.unknown_code") { receiveFeedback(taxonomy, routing, intake("plainte"), "fb-3", keys) }
        fails("feedback.no_pseudonymiser") { receiveFeedback(taxonomy, routing, intake("attente", extra = """, "subject": "A""""), "fb-3", keys) }
        fails("feedback.anonymous_with_subject") {
            receiveFeedback(
                taxonomy, routing, intake("attente", extra = """, "anonymous": true, "subject": "A""""), "fb-3",
                IntakeKeys(sealRandom = random(32), pseudonymiser = pseudonymiser),
            )
        }
        fails("feedback.seal_random_length") { receiveFeedback(taxonomy, routing, intake("attente"), "fb-3", IntakeKeys(sealRandom = ByteArray(8))) }
    }
    test("routeFeedback, viewFeedback and checkClaim reject malformed items") {
        fails("json.malformed") { routeFeedback(taxonomy, routing, "{") }
        fails("document.invalid") { routeFeedback(taxonomy, routing, """{"id": "x"}""") }
        fails("document.invalid") { viewFeedback(taxonomy, routing, "[]", "meal") }
        fails("json.malformed") { checkClaim("", "7572-MWRZ") }
    }
}

private fun caseWorkflow(v: VectorInputs) {
    val received = "2026-03-02T09:00:00+01:00"
    test("Case: apply events, state, allowed actions, history, JSON round trip") {
        val case = Case("fb-1", received)
        eq("received", case.state(), "state")
        eq(listOf("acknowledge", "refer", "withdraw"), case.allowedActions(), "allowed actions")
        case.apply(CaseEvent("acknowledge", "cea_focal", "2026-03-02T10:00:00+01:00"))
        case.apply(CaseEvent("respond", "cea_focal", "2026-03-03T10:00:00+02:00"))
        eq("responded", case.state(), "state")
        eq(false, case.isFinal(), "not final")
        eq("fb-1", case.itemId(), "itemId")
        eq(received, case.receivedAt(), "receivedAt")
        eq("2026-03-03T10:00:00+02:00", case.lastAt(), "lastAt keeps its offset")
        val history = case.history()
        eq(listOf("received", "acknowledged"), history.map { it.from }, "from")
        eq(listOf("acknowledged", "responded"), history.map { it.to }, "to")
        eq("acknowledge", history.first().action, "action")
        eq("cea_focal", history.first().actor, "actor")
        val read = Case.fromJson(case.toJson())
        eq(case.toJson(), read.toJson(), "round trip")
        eq(emptyList<Any>(), read.findings("en"), "no findings")
        read.apply(CaseEvent("close_loop", "cea_focal", "2026-03-04T10:00:00+01:00"))
        eq(true, read.isFinal(), "final")
        eq(emptyList<String>(), read.allowedActions(), "nothing allowed")
        eq("responded", case.state(), "the original is unchanged")
    }
    test("Case.apply rejects with typed errors and changes nothing") {
        val case = Case("fb-1", received)
        val illegal = fails("feedback.illegal_transition") { case.apply(CaseEvent("respond", "cea_focal", "2026-03-02T10:00:00+01:00")) }
        eq("received", illegal.params["from"], "from")
        eq("respond", illegal.params["action"], "action")
        fails("feedback.time_reversed") { case.apply(CaseEvent("acknowledge", "cea_focal", "2026-03-02T08:00:00+01:00")) }
        fails("feedback.event_without_actor") { case.apply(CaseEvent("acknowledge", " ", "2026-03-02T10:00:00+01:00")) }
        fails("document.invalid") { case.apply(CaseEvent("escalate", "cea_focal", "2026-03-02T10:00:00+01:00")) }
        fails("input.date_time") { case.apply(CaseEvent("acknowledge", "cea_focal", "2026-03-02 10:00")) }
        eq(0, case.history().size, "nothing appended")
        fails("input.date_time") { Case("fb-1", "2026-03-02") }
    }
    test("Case.fromEvents, Case.forItem and Case.fromJson: paths, findings and doctored histories") {
        val events = listOf(
            CaseEvent("acknowledge", "cea_focal", "2026-03-02T10:00:00+01:00"),
            CaseEvent("close_loop", "cea_focal", "2026-03-02T11:00:00+01:00"),
        )
        eq("/events/1", fails("feedback.illegal_transition") { Case.fromEvents("fb-1", received, events) }.path, "path")
        eq("/events/0", fails("document.invalid") { Case.fromEvents("fb-1", received, listOf(CaseEvent("x", "a", received))) }.path, "path")
        eq("acknowledged", Case.fromEvents("fb-1", received, events.take(1)).state(), "state")
        val item = v.text("deadlines-question-working-and-calendar-days", "item")
        val forItem = Case.forItem(item)
        eq("q1", forItem.itemId(), "itemId")
        eq(received, forItem.receivedAt(), "receivedAt")
        fails("json.malformed") { Case.forItem("{") }
        eq(listOf("document.unknown_field"), Case.fromJson(v.text("case-read-unknown-field", "case")).findings("en").map { it.code }, "findings")
        fails("feedback.case_history_mismatch") { Case.fromJson(v.text("case-read-doctored-state", "case")) }
        fails("json.malformed") { Case.fromJson("{") }
    }
    test("Deadlines: proposed or read; due with and without a case; overdue sorted; typed errors") {
        val proposed = Deadlines.proposed()
        eq(emptyList<Any>(), proposed.findings("en"), "proposed findings")
        val item = v.text("deadlines-question-working-and-calendar-days", "item")
        val dues = proposed.due(item)
        eq("q1", dues.item, "item")
        eq("/rules/1", dues.rule, "rule")
        eq("2026-03-04T23:59:59+01:00", dues.acknowledge.by, "acknowledge by")
        eq(null, dues.acknowledge.doneAt, "not done")
        eq(null, dues.acknowledge.onTime, "unknown")
        val case = Case.forItem(item)
        case.apply(CaseEvent("acknowledge", "cea_focal", "2026-03-03T10:00:00+01:00"))
        val withCase = proposed.due(item, case)
        eq("2026-03-03T10:00:00+01:00", withCase.acknowledge.doneAt, "done at")
        eq(true, withCase.acknowledge.onTime, "on time")
        eq(null, withCase.closeLoop.onTime, "close loop open")
        fails("feedback.case_item_mismatch") { proposed.due(item, Case("other", received)) }
        fails("document.invalid") { proposed.due("{}") }

        val late = proposed.overdue(listOf(item), listOf(case), "2026-03-10T08:00:00+00:00")
        eq(listOf("respond", "close_loop"), late.map { it.step }, "steps")
        eq("2026-03-09T23:59:59+01:00", late.first().due, "due")
        eq(32401L, late.first().lateBySeconds, "late by")
        eq(emptyList<Any>(), proposed.overdue(emptyList(), emptyList(), "2026-03-10T08:00:00Z"), "nothing")
        eq("/items/1", fails("json.malformed") { proposed.overdue(listOf(item, "{"), emptyList(), "2026-03-10T08:00:00Z") }.path, "path")
        fails("feedback.duplicate_item") { proposed.overdue(listOf(item, item), emptyList(), "2026-03-10T08:00:00Z") }
        fails("feedback.case_without_item") { proposed.overdue(emptyList(), listOf(case), "2026-03-10T08:00:00Z") }
        fails("input.date_time") { proposed.overdue(listOf(item), emptyList(), "2026-03-10") }

        val custom = Deadlines.fromJson(v.text("deadlines-config-duplicate-rule", "config"))
        eq(listOf("feedback.deadline_duplicate_rule"), custom.findings("en").map { it.code }, "findings")
        eq(Deadlines.fromJson(proposed.toJson()).toJson(), proposed.toJson(), "round trip")
        fails("document.invalid") { Deadlines.fromJson(v.text("deadlines-config-unknown-unit", "config")) }
        fails("json.malformed") { Deadlines.fromJson("{") }
    }
}

private fun testimonies(v: VectorInputs) {
    val testimonyJson = v.text("withdraw-lists-every-publication", "testimony")
    test("Testimony: canPublish with every reason in the locale; published registers when allowed") {
        val testimony = Testimony.fromJson(v.text("publish-adult-identified-press", "testimony"))
        eq("t1", testimony.id(), "id")
        eq(emptyList<Any>(), testimony.findings("en"), "findings")
        val press = PublicationTarget(scope = "press", on = "2026-04-01", identified = true, shows = listOf("face"))
        eq(true, testimony.canPublish(press, "en").allowed, "allowed")
        val place = testimony.canPublish(PublicationTarget(scope = "press", on = "2026-04-01", shows = listOf("place")), "fr")
        eq(false, place.allowed, "the place is masked")
        eq(listOf("feedback.testimony_unmasked"), place.reasons.map { it.code }, "reasons")
        eq("error", place.reasons.single().severity, "severity")
        val social = testimony.canPublish(PublicationTarget(scope = "social_media", on = "2026-04-01"), "en")
        eq(listOf("privacy.consent_scope_missing"), social.reasons.map { it.code }, "defaults: not identified, shows nothing")
        val done = testimony.published("afp-1", press, "en")
        eq(true, done.decision.allowed, "registered")
        ok(done.testimony.toJson().contains("afp-1"), "the new testimony lists it")
        ok(!testimony.toJson().contains("afp-1"), "the original is unchanged")
        val refused = testimony.published("tw-1", PublicationTarget(scope = "social_media", on = "2026-04-01"), "en")
        ok(!refused.testimony.toJson().contains("tw-1"), "not registered when refused")
        fails("document.invalid") { testimony.canPublish(PublicationTarget(scope = "television", on = "2026-04-01"), "en") }
        fails("document.invalid") { testimony.canPublish(PublicationTarget(scope = "press", on = "2026-04-01", shows = listOf("hands")), "en") }
        fails("input.date") { testimony.canPublish(PublicationTarget(scope = "press", on = "2026-4-1"), "en") }
    }
    test("Testimony.withdrawn gives the takedown and a withdrawn testimony") {
        val testimony = Testimony.fromJson(testimonyJson)
        eq(null, testimony.takedown(), "no takedown while the consent stands")
        val withdrawal = testimony.withdrawn("2026-06-01")
        eq("t1", withdrawal.takedown.testimony, "testimony")
        eq("2026-06-01", withdrawal.takedown.withdrawnAt, "withdrawnAt")
        eq(listOf("afp-2026-04", "intranet-learning", "report-2026"), withdrawal.takedown.publications.map { it.target }, "by date then target")
        eq("press", withdrawal.takedown.publications.first().scope, "scope")
        eq("2026-04-02", withdrawal.takedown.publications.first().publishedOn, "publishedOn")
        eq(withdrawal.takedown, withdrawal.testimony.takedown(), "the withdrawn testimony's takedown")
        eq(false, withdrawal.testimony.canPublish(PublicationTarget(scope = "press", on = "2026-06-02"), "en").allowed, "no longer")
        fails("privacy.consent_already_withdrawn") { withdrawal.testimony.withdrawn("2026-06-02") }
        fails("privacy.consent_withdrawal_before_given") { testimony.withdrawn("2026-01-01") }
        fails("input.date") { testimony.withdrawn("1 June") }
    }
    test("unreadable testimonies are typed errors; unconsented publications are findings") {
        fails("json.malformed") { Testimony.fromJson("{") }
        fails("document.format_version") { Testimony.fromJson(v.text("publish-consent-version", "testimony")) }
        val unconsented = Testimony.fromJson(v.text("publish-unconsented-publication-on-record", "testimony"))
        eq(listOf("feedback.testimony_publication_unconsented"), unconsented.findings("en").map { it.code }, "findings")
    }
}

fun main(args: Array<String>) {
    val dirName = args.firstOrNull() ?: System.getenv("MEAL_VECTORS")
    if (dirName == null) {
        System.err.println("usage: FeedbackTestKt <vectors dir>   (or set MEAL_VECTORS)")
        exitProcess(2)
    }
    val dir = File(dirName)
    val mission = File(dir, "../../examples/data")
    val v = VectorInputs(dir, listOf("feedback_intake.json", "feedback_case.json"))
    documents(mission)
    keys()
    intakeToReferral(mission)
    caseWorkflow(v)
    testimonies(v)
    checks.report()
}
