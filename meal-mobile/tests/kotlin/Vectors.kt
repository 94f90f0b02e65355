// The conformance vector runner of the Kotlin binding: executes every tests/vectors/*.json
// through the generated Kotlin API (see tests/vectors/README.md for the format and the ops).
//
//   java ... org.meal.mobile.test.VectorsKt <vectors dir>      (or MEAL_VECTORS=<dir>)
//
// One line per failure, then exactly "Kotlin: N passed, M failed"; exit status 1 on any failure.
// An op this runner does not know, a malformed file or an empty directory is a failure, never
// a skip: a runner that silently runs nothing would agree with everything.
package org.meal.mobile.test

import java.io.File
import java.math.BigDecimal
import kotlin.system.exitProcess
import org.meal.mobile.AnnualReport
import org.meal.mobile.Assessment
import org.meal.mobile.AuditLog
import org.meal.mobile.Capture
import org.meal.mobile.Case
import org.meal.mobile.CaseEvent
import org.meal.mobile.ClaimCode
import org.meal.mobile.ConsentRecord
import org.meal.mobile.Deadlines
import org.meal.mobile.Dues
import org.meal.mobile.Engine
import org.meal.mobile.Envelope
import org.meal.mobile.ExportRequest
import org.meal.mobile.Expr
import org.meal.mobile.FeedbackView
import org.meal.mobile.Finding
import org.meal.mobile.Form
import org.meal.mobile.Format
import org.meal.mobile.Indicator
import org.meal.mobile.IntakeKeys
import org.meal.mobile.Loaded
import org.meal.mobile.Logframe
import org.meal.mobile.logframeFromXlsx
import org.meal.mobile.logframeToXlsx
import org.meal.mobile.mealPlanFromXlsx
import org.meal.mobile.readManoExport
import org.meal.mobile.MealException
import org.meal.mobile.Microdata
import org.meal.mobile.Observation
import org.meal.mobile.Partial
import org.meal.mobile.Period
import org.meal.mobile.PrivacyRules
import org.meal.mobile.PublicationTarget
import org.meal.mobile.PseudonymKey
import org.meal.mobile.Pseudonymiser
import org.meal.mobile.QualityChecks
import org.meal.mobile.QualityReport
import org.meal.mobile.Recipes
import org.meal.mobile.RecipientKey
import org.meal.mobile.RecordSet
import org.meal.mobile.Recoding
import org.meal.mobile.Results
import org.meal.mobile.defaultTableRules
import org.meal.mobile.suppressTable
import org.meal.mobile.tabulate
import org.meal.mobile.verifyEnvelope
import org.meal.mobile.Register
import org.meal.mobile.RetentionDecision
import org.meal.mobile.RouteDecision
import org.meal.mobile.Routing
import org.meal.mobile.SafeguardingSecretKey
import org.meal.mobile.Schema
import org.meal.mobile.Sitrep
import org.meal.mobile.StepDue
import org.meal.mobile.Taxonomy
import org.meal.mobile.Testimony
import org.meal.mobile.checkClaim
import org.meal.mobile.checkLogframe
import org.meal.mobile.checkMinimisation
import org.meal.mobile.checkPrivacyRules
import org.meal.mobile.checkQuality
import org.meal.mobile.decideExport
import org.meal.mobile.erase
import org.meal.mobile.exportRecords
import org.meal.mobile.periodsBetween
import org.meal.mobile.receiveFeedback
import org.meal.mobile.rectify
import org.meal.mobile.referFeedback
import org.meal.mobile.referralConsentFromJson
import org.meal.mobile.retentionDue
import org.meal.mobile.routeFeedback
import org.meal.mobile.screenDpia
import org.meal.mobile.subjectAccess
import org.meal.mobile.tokenise
import org.meal.mobile.viewFeedback
import org.meal.mobile.LessonsRegister
import org.meal.mobile.Mapping
import org.meal.mobile.MealPlan
import org.meal.mobile.consolidateLessons
import org.meal.mobile.hxlColumns
import org.meal.mobile.iatiExport
import org.meal.mobile.iatiImport
import org.meal.mobile.checkMealPlan
import org.meal.mobile.checkPlanCoverage
import org.meal.mobile.reportingCalendar
import org.meal.mobile.searchLessons

/** A vector the runner cannot execute as written (bad shape, unknown op). */
class VectorError(message: String) : Exception(message)

/** What an op produced: a JSON value, or a list of finding codes. */
private sealed class Outcome {
    class Value(val json: Json) : Outcome()
    class Findings(val codes: List<String>) : Outcome()
}

private fun Json.Obj.field(name: String): Json =
    fields[name] ?: throw VectorError("input lacks \"$name\"")

private fun Json.Obj.text(name: String): String = when (val v = field(name)) {
    is Json.Str -> v.value
    else -> throw VectorError("input \"$name\" must be a string, got ${v.show()}")
}

/** A decimal given as a string or a JSON number; null for JSON null. */
private fun decimalText(v: Json, what: String): String? = when (v) {
    is Json.Str -> v.value
    is Json.Num -> v.raw
    is Json.Null -> null
    else -> throw VectorError("$what must be a decimal string, a number or null, got ${v.show()}")
}

/** A nested document: an object or array is passed as its source text, a string as its content. */
private fun documentText(v: Json, what: String): String = when (v) {
    is Json.Str -> v.value
    is Json.Obj, is Json.Arr -> v.raw
    else -> throw VectorError("$what must be a JSON object or a string of JSON, got ${v.show()}")
}

/** Decimals are compared in their normalised form ("0.8", "1200"). */
private fun normalised(decimal: String?): Json =
    if (decimal == null) Json.nul() else Json.str(BigDecimal(decimal).stripTrailingZeros().toPlainString())

private fun periodJson(p: Period): Json = Json.obj(
    "id" to Json.str(p.id()),
    "type" to Json.str(p.periodType()),
    "start" to Json.str(p.start()),
    "end" to Json.str(p.end()),
)

private fun idList(periods: List<Period>): Json = Json.arr(periods.map { Json.str(it.id()) })

private fun assessmentJson(a: Assessment): Json = Json.obj(
    "target" to normalised(a.target),
    "achievement" to normalised(a.achievement),
    "status" to Json.str(a.status),
)

private fun indicatorOf(input: Json.Obj): Indicator =
    Indicator.fromJson(documentText(input.field("indicator"), "input \"indicator\""))

private fun observations(input: Json.Obj): List<Observation> {
    val list = input.field("observations") as? Json.Arr
        ?: throw VectorError("input \"observations\" must be an array")
    return list.items.mapIndexed { i, item ->
        val o = item as? Json.Obj ?: throw VectorError("observation $i must be an object")
        val period = o.fields["period"] as? Json.Str
            ?: throw VectorError("observation $i lacks a string \"period\"")
        val value = decimalText(o.field("value"), "observation $i value")
            ?: throw VectorError("observation $i has a null value")
        val denominator = o.fields["denominator"]?.let { decimalText(it, "observation $i denominator") }
        Observation(period.value, value, denominator)
    }
}

/** The clock of every vector that does not set its own. */
private const val DEFAULT_NOW = "2026-11-27T10:00:00+01:00"

private fun Json.Obj.optText(name: String): String? = (fields[name] as? Json.Str)?.value

private fun formOf(input: Json.Obj): Form = Form.fromJson(documentText(input.field("form"), "input \"form\""))

private fun submission(input: Json.Obj): String = documentText(input.field("submission"), "input \"submission\"")

private fun exprJson(e: Expr): Json = Json.obj(
    "canonical" to Json.str(e.canonical()),
    "references" to Json.arr(e.references().map { Json.str(it) }),
)

private fun messages(findings: List<Finding>): Json = Json.arr(
    findings.map { Json.obj("code" to Json.str(it.code), "path" to Json.str(it.path), "message" to Json.str(it.message)) },
)

private fun validated(input: Json.Obj): Json {
    val r = formOf(input).validate(submission(input), input.optText("locale") ?: "en", input.optText("now") ?: DEFAULT_NOW)
    return Json.obj("valid" to Json.bool(r.valid), "findings" to messages(r.findings), "cleaned" to Json.parse(r.cleanedJson))
}

private fun checkedMany(input: Json.Obj): Json {
    val batch = documentText(input.field("submissions"), "input \"submissions\"")
    val verdicts = formOf(input).checkMany(batch, input.optText("locale") ?: "en", input.optText("now") ?: DEFAULT_NOW)
    return Json.arr(verdicts.map { Json.obj("valid" to Json.bool(it.valid), "findings" to messages(it.findings)) })
}

private fun states(input: Json.Obj): Json {
    val states = formOf(input).state(submission(input), input.optText("locale") ?: "en", input.optText("now") ?: DEFAULT_NOW)
    return Json.arr(
        states.map {
            Json.obj(
                "path" to Json.str(it.path),
                "relevant" to Json.bool(it.relevant),
                "required" to Json.bool(it.required),
                "read_only" to Json.bool(it.readOnly),
                "value" to Json.parse(it.valueJson),
            )
        },
    )
}

// ---- privacy and disclosure: the inputs of tests/vectors/privacy_*.json, disclosure_micro.json

private fun num(n: Number): Json = Json.Num(n.toString())

private fun Json.Obj.list(name: String): List<Json> =
    (field(name) as? Json.Arr)?.items ?: throw VectorError("input \"$name\" must be an array")

private fun Json.Obj.texts(name: String): List<String> = list(name).mapIndexed { i, item ->
    (item as? Json.Str)?.value ?: throw VectorError("input \"$name\"[$i] must be a string")
}

private fun codePaths(findings: List<Finding>): Json =
    Json.arr(findings.map { Json.obj("code" to Json.str(it.code), "path" to Json.str(it.path)) })

private fun rulesOf(input: Json.Obj): PrivacyRules =
    PrivacyRules.fromJson(documentText(input.field("rules"), "input \"rules\""))

private fun formsOf(input: Json.Obj): List<Form> =
    input.list("forms").mapIndexed { i, f -> Form.fromJson(documentText(f, "input \"forms\"[$i]")) }

private fun recordsOf(input: Json.Obj): RecordSet =
    RecordSet.fromJson(documentText(input.field("records"), "input \"records\""))

private fun keyOf(input: Json.Obj): PseudonymKey = PseudonymKey.fromHex(input.text("key_hex"))

private fun Json.Obj.whole(name: String): ULong = (field(name) as? Json.Num)?.raw?.toULongOrNull()
    ?: throw VectorError("input \"$name\" must be a whole number")

private fun dpiaJson(input: Json.Obj): Json {
    val s = screenDpia(rulesOf(input), formsOf(input), input.text("purpose"), "en")
    return Json.obj(
        "required" to Json.bool(s.required),
        "wp248_count" to num(s.wp248Count.toLong()),
        "reasons" to Json.arr(s.reasons.map { Json.obj("code" to Json.str(it.code), "source" to Json.str(it.source)) }),
        "findings" to codePaths(s.findings),
    )
}

private fun exportApplied(input: Json.Obj): Json {
    val request = ExportRequest(
        timestamp = DEFAULT_NOW,
        actor = "vectors",
        recipient = input.text("recipient"),
        purpose = input.text("purpose"),
        fields = input.texts("fields"),
    )
    val done = exportRecords(rulesOf(input), formOf(input), request, input.field("records").raw, AuditLog())
    return Json.parse(done.recordsJson)
}

private fun auditVerified(input: Json.Obj): Json {
    AuditLog.fromJson(documentText(input.field("log"), "input \"log\"")).verify(input.optText("head"))
    return Json.nul()
}

private fun retentionJson(d: RetentionDecision): Json {
    val fields = mutableListOf(
        "record" to Json.str(d.record),
        "phase" to Json.str(d.phase),
        "reason" to Json.str(d.reason.code),
    )
    d.endAction?.let { fields += "end_action" to Json.str(it) }
    d.schedule?.let { s ->
        fields += "trigger_date" to Json.str(s.triggerDate)
        fields += "active_until" to Json.str(s.activeUntil)
        fields += "intermediate_until" to Json.str(s.intermediateUntil)
        s.notBefore?.let { fields += "not_before" to Json.str(it) }
    }
    return Json.obj(*fields.toTypedArray())
}

private fun consentOutcome(op: String, input: Json.Obj): Outcome {
    val consent = ConsentRecord.fromJson(documentText(input.field("consent"), "input \"consent\""))
    val reading = consent.findings("en")
    if (reading.isNotEmpty()) return Outcome.Findings(reading.map { it.code })
    if (op == "privacy.consent_withdraw") {
        return Outcome.Value(Json.obj("withdrawn_at" to Json.strOrNull(consent.withdrawn(input.text("on")).withdrawnAt())))
    }
    val decision = consent.check(input.text("scope"), input.text("on"), "en")
    return Outcome.Value(Json.obj("valid" to Json.bool(decision.valid), "findings" to Json.arr(decision.findings.map { Json.str(it.code) })))
}

private fun idsJson(records: RecordSet): Json = Json.arr(records.ids().map { Json.str(it) })

/** The values of record [id] in [records] (null when absent), read back from the canonical JSON. */
private fun valuesOf(records: RecordSet, id: String): Json =
    (Json.parse(records.toJson()) as Json.Arr).items.map { it as Json.Obj }
        .firstOrNull { (it.fields["id"] as? Json.Str)?.value == id }?.fields?.get("values") ?: Json.nul()

private fun personOp(op: String, input: Json.Obj): Json = when (op) {
    "privacy.pseudonym" -> Json.str(Pseudonymiser(keyOf(input), input.text("purpose")).pseudonym(input.text("identifier")))
    "privacy.verify" -> Json.bool(
        Pseudonymiser(keyOf(input), input.text("purpose")).verify(input.text("identifier"), input.text("pseudonym")),
    )
    "privacy.tokenise" -> {
        val done = tokenise(formOf(input), keyOf(input), input.text("purpose"), submission(input))
        Json.obj("submission" to Json.parse(done.submissionJson), "tokenised" to Json.arr(done.tokenised.map { Json.str(it) }))
    }
    "privacy.records" -> recordsOf(input).let { Json.obj("count" to num(it.size().toLong()), "digest" to Json.str(it.digest())) }
    "privacy.retention" -> Json.arr(retentionDue(recordsOf(input), rulesOf(input), input.text("on"), "en").map(::retentionJson))
    "privacy.access" -> {
        val access = subjectAccess(recordsOf(input), input.text("subject"), input.text("on"))
        Json.obj("records" to idsJson(access.records()), "csv" to Json.str(access.toCsv()), "outcome" to Json.parse(access.outcomeJson()))
    }
    "privacy.erase" -> {
        val done = erase(recordsOf(input), rulesOf(input), input.text("subject"), input.text("on"))
        Json.obj("records" to idsJson(done.records), "outcome" to Json.parse(done.outcomeJson))
    }
    "privacy.rectify" -> {
        val id = input.text("record")
        val done = rectify(recordsOf(input), input.text("subject"), id, input.text("field"), input.field("value").raw, input.text("on"))
        Json.obj("values" to valuesOf(done.records, id), "outcome" to Json.parse(done.outcomeJson))
    }
    else -> throw VectorError("unknown op \"$op\" (this runner does not implement it)")
}

/** `{keys, records}` (an array or a string of JSON) or `{keys, columns: {name: [value | null]}}`. */
private fun microdataOf(input: Json.Obj): Microdata {
    val keys = input.texts("keys")
    val columns = input.fields["columns"] ?: return Microdata.fromJsonRecords(documentText(input.field("records"), "input \"records\""), keys)
    return Microdata.fromJsonColumns(documentText(columns, "input \"columns\""), keys)
}

private fun rowsJson(rows: List<ULong>): Json = Json.arr(rows.map { num(it.toLong()) })

private fun disclosureOp(op: String, input: Json.Obj): Json = when (op) {
    "disclosure.frequencies" -> rowsJson(microdataOf(input).frequencies())
    "disclosure.k_anonymity" -> microdataOf(input).kAnonymity(input.whole("k")).let {
        Json.obj(
            "k" to num(it.k.toLong()),
            "satisfied" to Json.bool(it.satisfied),
            "violations" to num(it.violations.toLong()),
            "violating_rows" to rowsJson(it.violatingRows),
            "classes_below_k" to num(it.classesBelowK.toLong()),
        )
    }
    "disclosure.local_suppression" -> {
        val importance = input.fields["importance"]?.let { w ->
            (w as? Json.Arr)?.items?.map { (it as? Json.Num)?.raw?.toUIntOrNull() ?: throw VectorError("importance: whole numbers") }
                ?: throw VectorError("input \"importance\" must be an array")
        }
        val done = microdataOf(input).localSuppression(input.whole("k"), importance)
        Json.obj(
            "records" to Json.parse(done.data.toJsonRecords()),
            "suppressed" to Json.arr(done.suppressed.map { Json.arr(listOf(num(it.row.toLong()), num(it.column.toLong()))) }),
            "k_reached" to Json.bool(done.kReached),
        )
    }
    "disclosure.risk" -> microdataOf(input).risk(input.optText("threshold"), "en").let { r ->
        Json.obj(
            "individual" to Json.arr(r.individual.map { Json.str(it) }),
            "global" to Json.str(r.global),
            "expected_reidentifications" to Json.str(r.expectedReidentifications),
            "max_individual" to Json.str(r.maxIndividual),
            "rows_above_threshold" to rowsJson(r.rowsAboveThreshold),
            "publishable" to Json.bool(r.publishable),
            "reasons" to Json.arr(r.reasons.map { Json.str(it.code) }),
        )
    }
    "disclosure.suppress" -> {
        val defaults = defaultTableRules()
        val rules = defaults.copy(
            threshold = input.fields["threshold"]?.let { input.whole("threshold") } ?: defaults.threshold,
            zeros = input.optText("zeros") ?: defaults.zeros,
            singletons = (input.fields["singletons"] as? Json.Bool)?.value ?: defaults.singletons,
            ambiguityLimit = input.fields["ambiguity_limit"]?.let { input.whole("ambiguity_limit") },
        )
        val done = suppressTable(documentText(input.field("table"), "input \"table\""), rules)
        Json.obj(
            "cells" to Json.arr(done.cells.map { c ->
                val fields = mutableListOf<Pair<String, Json>>(
                    "coords" to Json.arr(c.coords.map { Json.str(it) }),
                    "status" to Json.str(c.status),
                )
                c.value?.let { fields += "value" to num(it.toLong()) }
                Json.obj(*fields.toTypedArray())
            }),
            "loss" to done.loss.let { l ->
                Json.obj(
                    "cells" to num(l.cells.toLong()), "published" to num(l.published.toLong()),
                    "primary" to num(l.primary.toLong()), "secondary" to num(l.secondary.toLong()),
                    "inner_suppressed" to num(l.innerSuppressed.toLong()),
                    "suppressed_count" to num(l.suppressedCount.toLong()),
                    "grand_total" to num(l.grandTotal.toLong()), "suppressed_share" to Json.str(l.suppressedShare),
                )
            },
        )
    }
    "disclosure.tabulate" -> Json.arr(
        tabulate(documentText(input.field("records"), "input \"records\""), input.texts("columns")).map {
            Json.obj("coords" to Json.arr(it.coords.map { c -> Json.str(c) }), "count" to num(it.count.toLong()))
        },
    )
    "disclosure.recode" -> {
        val recoding = Recoding.fromJson(input.field("recoding").raw)
        when (val column = input.optText("column")) {
            null -> Json.arr(
                recoding.recode(input.list("values").map { (it as? Json.Str)?.value }).map { Json.strOrNull(it) },
            )
            else -> Json.parse(microdataOf(input).recode(column, recoding).toJsonRecords())
        }
    }
    else -> throw VectorError("unknown op \"$op\" (this runner does not implement it)")
}

// ---- feedback: the inputs of tests/vectors/feedback_intake.json and feedback_case.json

/** The mission's documents (examples/data), for vectors without a taxonomy or routing. */
private var missionData = File("examples/data")

/** `input.[field]` as a document, or the mission's [file] when absent. */
private fun feedbackDocument(input: Json.Obj, field: String, file: String): String =
    input.fields[field]?.let { documentText(it, "input \"$field\"") } ?: File(missionData, file).readText(Charsets.UTF_8)

private fun taxonomyOf(input: Json.Obj): Taxonomy = Taxonomy.fromJson(feedbackDocument(input, "taxonomy", "feedback-taxonomy.json"))

private fun routingOf(input: Json.Obj): Routing = Routing.fromJson(feedbackDocument(input, "routing", "feedback-routing.json"))

private fun itemOf(input: Json.Obj, field: String = "item"): String = documentText(input.field(field), "input \"$field\"")

/** Bytes from hexadecimal text (the vectors' fixed "random" bytes). */
private fun hexBytes(hex: String): ByteArray = ByteArray(hex.length / 2) { hex.substring(2 * it, 2 * it + 2).toInt(16).toByte() }

/** The runner's seal randomness: 32 bytes of 7, as in the Rust runner (an app passes SecureRandom bytes). */
private fun sealRandom(): ByteArray = ByteArray(32) { 7 }

private fun Json.Obj.bool(name: String): Boolean? = (fields[name] as? Json.Bool)?.value

private fun routeJson(d: RouteDecision): Json {
    val fields = mutableListOf<Pair<String, Json>>("route" to Json.str(d.route), "reason" to Json.str(d.reason))
    d.family?.let { fields += "family" to Json.str(it) }
    d.referral?.let { r -> fields += "referral" to Json.arr(r.map { Json.str(it) }) }
    return Json.obj(*fields.toTypedArray())
}

/** Sealed content as `{kind, recipient}`: the box itself depends on the random bytes. */
private fun withoutBox(content: Json): Json {
    val obj = content as? Json.Obj ?: return content
    return Json.obj(*obj.fields.filterKeys { it != "sealed" }.toList().toTypedArray())
}

private fun itemWithoutBox(itemJson: String): Json {
    val item = Json.parse(itemJson) as Json.Obj
    return Json.obj(*item.fields.map { (k, v) -> k to if (k == "content") withoutBox(v) else v }.toTypedArray())
}

private fun received(input: Json.Obj): Json {
    val pseudonymiser = input.optText("key_hex")?.let { Pseudonymiser(PseudonymKey.fromHex(it), input.text("purpose")) }
    val claimCode = input.optText("claim_random_hex")?.let { ClaimCode.fromRandom(hexBytes(it)) }
        ?: input.optText("claim_code")?.let { ClaimCode.parse(it) }
    val keys = IntakeKeys(sealRandom = sealRandom(), pseudonymiser = pseudonymiser, claimCode = claimCode)
    val done = receiveFeedback(taxonomyOf(input), routingOf(input), input.field("intake").raw, input.text("id"), keys)
    if (done.claimCode != claimCode?.text()) throw VectorError("the claim code to show is ${done.claimCode}, not the keys' one")
    return Json.obj("item" to itemWithoutBox(done.itemJson), "route" to routeJson(done.route))
}

private fun viewJson(view: FeedbackView): Json = when (view) {
    is FeedbackView.Full -> Json.obj("view" to Json.str("full"), "item" to Json.parse(view.itemJson))
    is FeedbackView.Stub -> Json.obj(
        "view" to Json.str("stub"),
        "id" to Json.str(view.id),
        "received_on" to Json.str(view.receivedOn),
        "status" to Json.str(view.status),
    )
}

private fun caseEvents(input: Json.Obj): List<CaseEvent> = input.list("events").mapIndexed { i, e ->
    val event = e as? Json.Obj ?: throw VectorError("event $i must be an object")
    CaseEvent(action = event.text("action"), actor = event.text("actor"), at = event.text("at"))
}

private fun caseSummary(case: Case): Json =
    Json.obj("state" to Json.str(case.state()), "history_len" to num(case.history().size))

private fun stepJson(due: StepDue): Json = Json.obj(
    "by" to Json.strOrNull(due.by),
    "done_at" to Json.strOrNull(due.doneAt),
    "on_time" to (due.onTime?.let { Json.bool(it) } ?: Json.nul()),
)

private fun duesJson(d: Dues): Json = Json.obj(
    "item" to Json.str(d.item),
    "rule" to Json.str(d.rule),
    "acknowledge" to stepJson(d.acknowledge),
    "respond" to stepJson(d.respond),
    "close_loop" to stepJson(d.closeLoop),
)

/** Reading findings of a document stop the op, as in the Rust runner. */
private class Stop(val codes: List<String>) : Exception()

private fun stopOn(findings: List<Finding>) {
    if (findings.isNotEmpty()) throw Stop(findings.map { it.code })
}

private fun deadlinesOf(input: Json.Obj): Deadlines {
    val deadlines = input.fields["config"]?.let { Deadlines.fromJson(documentText(it, "input \"config\"")) } ?: Deadlines.proposed()
    stopOn(deadlines.findings("en"))
    return deadlines
}

private fun caseOf(document: Json, what: String): Case =
    Case.fromJson(documentText(document, what)).also { stopOn(it.findings("en")) }

private fun targetOf(input: Json.Obj): PublicationTarget {
    val target = input.field("target") as? Json.Obj ?: throw VectorError("input \"target\" must be an object")
    return PublicationTarget(
        scope = target.text("scope"),
        on = target.text("on"),
        identified = target.bool("identified") ?: false,
        shows = target.fields["shows"]?.let { target.texts("shows") } ?: emptyList(),
    )
}

private fun feedbackValue(op: String, input: Json.Obj): Json = when (op) {
    "feedback.taxonomy" -> {
        val taxonomy = taxonomyOf(input)
        codePaths(taxonomy.findings("en", routingOf(input)))
    }
    "feedback.routing" -> codePaths(Routing.fromJson(documentText(input.field("routing"), "input \"routing\"")).findings("en"))
    "feedback.route" -> routeJson(routeFeedback(taxonomyOf(input), routingOf(input), itemOf(input)))
    "feedback.view" -> viewJson(viewFeedback(taxonomyOf(input), routingOf(input), itemOf(input), input.text("role")))
    "feedback.refer" -> {
        val consent = referralConsentFromJson(input.field("consent").raw)
        Json.parse(referFeedback(taxonomyOf(input), routingOf(input), itemOf(input), input.text("role"), input.text("to"), consent))
    }
    "feedback.intake" -> received(input)
    "feedback.claim_code" -> {
        val code = input.optText("random_hex")?.let { ClaimCode.fromRandom(hexBytes(it)) } ?: ClaimCode.parse(input.text("code"))
        Json.obj("code" to Json.str(code.text()), "sha256" to Json.str(code.sha256()))
    }
    "feedback.claim" -> Json.bool(checkClaim(itemOf(input), input.text("code")))
    "feedback.seal" -> withoutBox(Json.parse(RecipientKey.fromBase64(input.text("public_key")).seal(input.text("text"), sealRandom())))
    "feedback.open" -> Json.str(SafeguardingSecretKey.fromBase64(input.text("secret_key")).open(input.field("content").raw))
    "feedback.workflow" -> caseSummary(Case.fromEvents("item", input.text("received_at"), caseEvents(input)))
    "feedback.case_read" -> caseSummary(caseOf(input.field("case"), "input \"case\""))
    "feedback.deadlines" -> {
        val deadlines = deadlinesOf(input)
        val item = itemOf(input)
        val case = input.fields["case"]?.let { caseOf(it, "input \"case\"") }
        duesJson(deadlines.due(item, case))
    }
    "feedback.overdue" -> {
        val deadlines = deadlinesOf(input)
        val items = input.list("items").mapIndexed { i, item -> documentText(item, "input \"items\"[$i]") }
        val cases = input.list("cases").mapIndexed { i, case -> caseOf(case, "input \"cases\"[$i]") }
        Json.arr(
            deadlines.overdue(items, cases, input.text("at")).map {
                Json.obj(
                    "item" to Json.str(it.item),
                    "step" to Json.str(it.step),
                    "due" to Json.str(it.due),
                    "late_by_seconds" to num(it.lateBySeconds),
                )
            },
        )
    }
    "feedback.can_publish", "feedback.withdraw_testimony" -> {
        val testimony = Testimony.fromJson(documentText(input.field("testimony"), "input \"testimony\""))
        stopOn(testimony.findings("en"))
        if (op == "feedback.withdraw_testimony") {
            val takedown = testimony.withdrawn(input.text("on")).takedown
            Json.obj(
                "testimony" to Json.str(takedown.testimony),
                "withdrawn_at" to Json.str(takedown.withdrawnAt),
                "publications" to Json.arr(
                    takedown.publications.map {
                        Json.obj("target" to Json.str(it.target), "scope" to Json.str(it.scope), "published_on" to Json.str(it.publishedOn))
                    },
                ),
            )
        } else {
            val decision = testimony.canPublish(targetOf(input), "en")
            Json.obj("allowed" to Json.bool(decision.allowed), "reasons" to Json.arr(decision.reasons.map { Json.str(it.code) }))
        }
    }
    else -> throw VectorError("unknown op \"$op\" (this runner does not implement it)")
}

private fun feedbackOp(op: String, input: Json.Obj): Outcome = try {
    Outcome.Value(feedbackValue(op, input))
} catch (stop: Stop) {
    Outcome.Findings(stop.codes)
}

// ---- records, indicators computed on them, their quality and reports (issue 6) ----

private fun schemaOf(input: Json.Obj): Schema = Schema.fromJson(documentText(input.field("schema"), "input \"schema\""))

private fun logframesOf(input: Json.Obj): List<Logframe> =
    input.list("logframes").mapIndexed { i, l -> Logframe.fromJson(documentText(l, "logframe $i")) }

/** `data.load`: the loaded table summarised as the core summarises it (`Loaded.summaryJson`). */
private fun loadedSummary(input: Json.Obj): Json {
    val schema = schemaOf(input)
    val loaded = when (val format = input.text("format")) {
        "csv" -> if (input.fields.containsKey("bytes_base64")) {
            Loaded.fromCsvBytes(schema, java.util.Base64.getDecoder().decode(input.text("bytes_base64")))
        } else {
            Loaded.fromCsv(schema, input.text("text"))
        }
        "jsonl" -> Loaded.fromJsonLines(schema, input.text("text"))
        else -> throw VectorError("unknown format \"$format\"")
    }
    return Json.parse(loaded.summaryJson())
}

// ---- authoring templates and MANO exports (.xlsx bytes, base64 in the vectors)

private fun workbookOf(input: Json.Obj): ByteArray = java.util.Base64.getDecoder().decode(input.text("workbook"))

private fun codePathsOf(findings: List<Finding>): Json =
    Json.arr(findings.map { Json.obj("code" to Json.str(it.code), "path" to Json.str(it.path)) })

/** `{document, findings}` of a template workbook. */
private fun authored(document: Boolean, findings: List<Finding>): Json =
    Json.obj("document" to Json.bool(document), "findings" to codePathsOf(findings))

private fun templateRead(input: Json.Obj): Json = when (val kind = input.text("kind")) {
    "logframe" -> logframeFromXlsx(workbookOf(input), "en").let { authored(it.logframe != null, it.findings) }
    "plan" -> mealPlanFromXlsx(workbookOf(input), "en").let { authored(it.plan != null, it.findings) }
    else -> throw VectorError("unknown template kind \"$kind\"")
}

/** The logframe written as a workbook in `locale`, then read back. */
private fun templateWritten(input: Json.Obj): Json {
    val logframe = Logframe.fromJson(documentText(input.field("document"), "input \"document\""))
    val read = logframeFromXlsx(logframeToXlsx(logframe, input.text("locale")), "en")
    return authored(read.logframe != null, read.findings)
}

private fun manoRead(input: Json.Obj): Json {
    val config = optional(input, "config")?.let { documentText(it, "input \"config\"") }
    val exported = readManoExport(workbookOf(input), config, "en")
    val sheets = exported.sheets.map {
        Json.obj("name" to Json.str(it.name), "loaded" to Json.parse(it.loaded.summaryJson()))
    }
    val findings = exported.findings.map { f ->
        val params = f.params.entries.sortedBy { it.key }.map { it.key to Json.str(it.value) }
        Json.obj("code" to Json.str(f.code), "path" to Json.str(f.path), "params" to Json.obj(*params.toTypedArray()))
    }
    return Json.obj("sheets" to Json.arr(sheets), "findings" to Json.arr(findings))
}

/** `compute.run` / `compute.merge`, as meal-core/tests/vectors.rs `compute_op` does. */
private fun computed(op: String, input: Json.Obj): Json {
    val schema = schemaOf(input)
    val engine = Engine(
        logframesOf(input),
        Recipes.fromJson(documentText(input.field("recipes"), "input \"recipes\"")),
        schema,
        input.texts("periods").map { Period.parse(it) },
        input.text("now"),
    )
    val results = if (op == "compute.run") {
        // Loaded with `table_schema` when given: a table of another schema than the engine's.
        val tableSchema = optional(input, "table_schema")?.let { Schema.fromJson(documentText(it, "input \"table_schema\"")) } ?: schema
        engine.compute(Loaded.fromCsv(tableSchema, input.text("csv")).table())
    } else {
        val state = engine.empty()
        for (csv in input.texts("csv_parts")) {
            // Each part goes through its JSON text, as a phone syncs it.
            val part = engine.partial(Loaded.fromCsv(schema, csv).table())
            state.merge(Partial.fromJson(part.toJson()))
        }
        for (raw in if (input.fields.containsKey("states")) input.texts("states") else emptyList()) {
            state.merge(Partial.fromJson(raw))
        }
        engine.finalize(state)
    }
    val document = Json.parse(results.toJson()) as Json.Obj
    return Json.obj(
        "figures" to (document.fields["figures"] ?: throw VectorError("results without figures")),
        "rows_read" to Json.Num(results.rowsRead().toString()),
        "rows_without_date" to Json.Num(results.rowsWithoutDate().toString()),
        "findings" to Json.arr(results.findings("en").map { Json.str(it.code) }),
    )
}

/** `quality.check` / `quality.summary`: reading findings of the checks document stop the op, as in
 * the Rust runner. */
private fun qualityChecked(op: String, input: Json.Obj): Outcome {
    val loaded = Loaded.fromCsv(schemaOf(input), input.text("csv"))
    val checks = QualityChecks.fromJson(documentText(input.field("checks"), "input \"checks\""))
    val reading = checks.findings("en")
    if (reading.isNotEmpty()) return Outcome.Findings(reading.map { it.code })
    val report = checkQuality(loaded, checks, input.text("now"))
    return Outcome.Value(Json.parse(if (op == "quality.summary") report.summaryJson() else report.toJson()))
}

private fun formatOf(input: Json.Obj): Format {
    val name = input.text("format")
    return Format.entries.firstOrNull { it.name.equals(name, ignoreCase = true) }
        ?: throw VectorError("unknown format \"$name\"")
}

/** `report.sitrep` / `report.annual`: the rendered report as text. */
private fun reported(op: String, input: Json.Obj): Json {
    val logframes = logframesOf(input)
    val results = Results.fromJson(documentText(input.field("results"), "input \"results\""))
    val quality = input.fields["quality"]?.takeIf { it !is Json.Null }
        ?.let { QualityReport.fromJson(documentText(it, "input \"quality\"")) }
    val request = documentText(input.field("request"), "input \"request\"")
    val rendered = if (op == "report.sitrep") {
        Sitrep.build(logframes, results, quality, request).render(formatOf(input))
    } else {
        AnnualReport.build(logframes, results, quality, request).render(formatOf(input))
    }
    return Json.str(rendered.bytes.toString(Charsets.UTF_8))
}

// ---- the MEAL plan, lessons, IATI, HXL and migration (issue 7) ----

private fun plansOf(input: Json.Obj): List<MealPlan> =
    input.list("plans").mapIndexed { i, p -> MealPlan.fromJson(documentText(p, "input \"plans\"[$i]")) }

/** The JSON name of an enum entry (`ANNUAL_REPORT` → `annual_report`), as serde writes it. */
private fun serdeName(entry: Enum<*>): String = entry.name.lowercase()

/** `plan.calendar`: the `Calendar` record written back as the core serialises it. */
private fun calendarJson(input: Json.Obj): Json {
    val request = input.field("request") as? Json.Obj ?: throw VectorError("input \"request\" must be an object")
    val calendar = reportingCalendar(plansOf(input), request.text("from"), request.text("to"), request.optText("seminar"))
    return Json.obj(
        "from" to Json.str(calendar.from),
        "to" to Json.str(calendar.to),
        "due" to Json.arr(
            calendar.due.map { d ->
                val fields = mutableListOf(
                    "date" to Json.str(d.date),
                    "kind" to Json.str(serdeName(d.kind)),
                    "project" to Json.strOrNull(d.project),
                )
                d.period?.let { fields += "period" to Json.str(it.id()) }
                d.reference?.let { fields += "reference" to Json.str(it) }
                d.responsible?.let { fields += "responsible" to Json.str(it) }
                Json.obj(*fields.toTypedArray())
            },
        ),
    )
}

private fun optional(input: Json.Obj, name: String): Json? = input.fields[name]?.takeIf { it !is Json.Null }

/** `migration.run` / `migration.check`, as meal-core/tests/vectors.rs does them. */
private fun migrationOp(op: String, input: Json.Obj): Outcome {
    val source = Schema.fromJson(documentText(input.field("source_schema"), "input \"source_schema\""))
    val mapping = Mapping.fromJson(documentText(input.field("mapping"), "input \"mapping\""))
    if (op == "migration.check") return Outcome.Findings(mapping.check(source, "en").map { it.code })
    return Outcome.Value(Json.parse(mapping.migrateCsv(source, input.text("csv")).summaryJson()))
}

/** A lessons register; its reading findings (unknown fields, always `document.*` codes: the
 * structural ones are `plan.*`) stop the op, as in the Rust runner. */
private class Stop7(val codes: List<String>) : Exception()

private fun registerOf(v: Json, what: String): LessonsRegister {
    val register = LessonsRegister.fromJson(documentText(v, what))
    val reading = register.findings("en").map { it.code }.filter { it.startsWith("document.") }
    if (reading.isNotEmpty()) throw Stop7(reading)
    return register
}

/** `hxl.csv`: the schema's findings stop the op, as in the Rust runner. */
private fun hxlCsv(input: Json.Obj): Outcome {
    val schema = schemaOf(input)
    val found = schema.findings("en")
    if (found.isNotEmpty()) return Outcome.Findings(found.map { it.code })
    return Outcome.Value(Json.str(Loaded.fromCsv(schema, input.text("csv")).table().toCsv()))
}

private fun issue7Op(op: String, input: Json.Obj): Outcome = try {
    issue7Value(op, input)
} catch (stop: Stop7) {
    Outcome.Findings(stop.codes)
}

private fun issue7Value(op: String, input: Json.Obj): Outcome = when (op) {
    "plan.check" -> Outcome.Findings(checkMealPlan(documentText(input.field("plan"), "input \"plan\""), "en").map { it.code })
    // The whole input is the documents' text, as an app keeps them (reading findings of each
    // document under its place in the input).
    "plan.coverage" -> Outcome.Findings(checkPlanCoverage(input.raw, "en").map { it.code })
    "plan.calendar" -> Outcome.Value(calendarJson(input))
    "lessons.search" -> Outcome.Value(
        Json.arr(
            searchLessons(registerOf(input.field("register"), "input \"register\""), documentText(input.field("query"), "input \"query\""))
                .map { Json.str(it.id) },
        ),
    )
    "lessons.consolidate" -> consolidateLessons(
        input.list("registers").mapIndexed { i, r -> registerOf(r, "input \"registers\"[$i]") },
        "en",
    ).let { c ->
        Outcome.Value(
            Json.obj(
                "lessons" to Json.arr(c.register.lessons().map { Json.str(it.id) }),
                "findings" to Json.arr(c.findings.map { Json.str(it.code) }),
            ),
        )
    }
    "iati.export" -> Outcome.Value(
        Json.str(
            iatiExport(
                logframesOf(input),
                optional(input, "results")?.let { Results.fromJson(documentText(it, "input \"results\"")) },
                documentText(input.field("request"), "input \"request\""),
            ),
        ),
    )
    "iati.import" -> Outcome.Value(Json.parse(iatiImport(input.text("xml"))))
    "hxl.columns" -> Outcome.Value(Json.arr(hxlColumns(schemaOf(input), input.text("pattern")).map { Json.str(it) }))
    "hxl.csv" -> hxlCsv(input)
    "migration.run", "migration.check" -> migrationOp(op, input)
    "lessons.check" -> Outcome.Findings(
        LessonsRegister.fromJson(documentText(input.field("register"), "input \"register\"")).findings("en").map { it.code },
    )
    else -> throw VectorError("unknown op \"$op\" (this runner does not implement it)")
}

/** Runs one op through the public Kotlin API. */
private fun run(op: String, input: Json.Obj): Outcome = when (op) {
    "period.parse" -> Outcome.Value(periodJson(Period.parse(input.text("id"))))
    "period.containing" -> Outcome.Value(periodJson(Period.containing(input.text("type"), input.text("date"))))
    "period.next" -> Outcome.Value(periodJson(Period.parse(input.text("id")).next()))
    "period.previous" -> Outcome.Value(periodJson(Period.parse(input.text("id")).previous()))
    "period.between" -> Outcome.Value(idList(periodsBetween(input.text("type"), input.text("start"), input.text("end"))))
    "period.within" -> Outcome.Value(idList(Period.parse(input.text("id")).periodsWithin(input.text("type"))))
    "logframe.check" -> Outcome.Findings(
        checkLogframe(documentText(input.field("document"), "input \"document\""), "en").map { it.code },
    )
    "indicator.target" -> Outcome.Value(normalised(indicatorOf(input).targetFor(Period.parse(input.text("period")))))
    "indicator.actual" -> Outcome.Value(
        normalised(indicatorOf(input).actualFor(Period.parse(input.text("period")), observations(input))),
    )
    "indicator.assess" -> Outcome.Value(
        assessmentJson(
            indicatorOf(input).assess(Period.parse(input.text("period")), decimalText(input.field("actual"), "input \"actual\"")),
        ),
    )
    "expr.parse" -> Outcome.Value(exprJson(Expr.parse(input.text("expression"))))
    "expr.evaluate" -> Outcome.Value(
        Json.str(
            Expr.parse(input.text("expression")).evaluate(
                input.fields["values"]?.raw ?: "{}",
                input.fields["current"]?.raw ?: "null",
                input.optText("today"),
                input.optText("now") ?: DEFAULT_NOW,
            ),
        ),
    )
    "expr.check" -> {
        val types = (input.field("types") as? Json.Obj ?: throw VectorError("input \"types\" must be an object"))
            .fields.mapValues { (it.value as? Json.Str)?.value ?: "" }
        Outcome.Findings(Expr.parse(input.text("expression")).check(types, "en").map { it.code })
    }
    "xlsform.read" -> Outcome.Value(
        Json.arr(
            Form.fromXlsform(java.util.Base64.getDecoder().decode(input.text("workbook"))).findings("en")
                .map { Json.obj("code" to Json.str(it.code), "path" to Json.str(it.path)) },
        ),
    )
    "template.read" -> Outcome.Value(templateRead(input))
    "template.write" -> Outcome.Value(templateWritten(input))
    "mano.read" -> Outcome.Value(manoRead(input))
    "form.compile" -> Outcome.Findings(formOf(input).findings("en").map { it.code })
    "form.validate" -> Outcome.Value(validated(input))
    "form.check_many" -> Outcome.Value(checkedMany(input))
    "form.state" -> Outcome.Value(states(input))
    "privacy.rules" -> Outcome.Value(codePaths(checkPrivacyRules(documentText(input.field("rules"), "input \"rules\""), "en")))
    "privacy.minimisation" -> checkMinimisation(formOf(input), rulesOf(input), "en").let {
        Outcome.Value(Json.obj("production_ready" to Json.bool(it.productionReady), "findings" to codePaths(it.findings)))
    }
    "privacy.dpia" -> Outcome.Value(dpiaJson(input))
    "privacy.export" -> decideExport(rulesOf(input), formOf(input), input.text("recipient"), input.text("purpose"), input.texts("fields")).let { d ->
        Outcome.Value(
            Json.obj(
                "allowed" to Json.arr(d.allowed.map { Json.str(it) }),
                "refused" to Json.arr(d.refused.map { Json.obj("field" to Json.str(it.field), "code" to Json.str(it.code)) }),
            ),
        )
    }
    "privacy.export_apply" -> Outcome.Value(exportApplied(input))
    "privacy.register" -> Outcome.Value(Json.parse(Register(rulesOf(input), formsOf(input)).toJson()))
    "privacy.audit_verify" -> Outcome.Value(auditVerified(input))
    "privacy.consent", "privacy.consent_withdraw" -> consentOutcome(op, input)
    "data.load" -> Outcome.Value(loadedSummary(input))
    "compute.run", "compute.merge" -> Outcome.Value(computed(op, input))
    "quality.check", "quality.summary" -> qualityChecked(op, input)
    "report.sitrep", "report.annual" -> Outcome.Value(reported(op, input))
    else -> when {
        op.startsWith("privacy.") -> Outcome.Value(personOp(op, input))
        op.startsWith("disclosure.") -> Outcome.Value(disclosureOp(op, input))
        op.startsWith("feedback.") -> feedbackOp(op, input)
        op.substringBefore('.') in setOf("plan", "lessons", "iati", "hxl", "migration") -> issue7Op(op, input)
        op.startsWith("envelope.") -> envelopeOp(op, input)
        else -> throw VectorError("unknown op \"$op\" (this runner does not implement it)")
    }
}

// ---- envelope (mobile helper): submission envelopes sealed on the device, verified on the server

private fun envelopeOp(op: String, input: Json.Obj): Outcome = when (op) {
    "envelope.seal" -> {
        val c = input.field("capture") as? Json.Obj ?: throw VectorError("input \"capture\" must be an object")
        val capture = Capture(c.text("instance_id"), c.text("device_id"), c.text("started_at"), c.text("completed_at"), c.text("sealed_at"))
        Outcome.Value(Json.parse(Envelope.seal(formOf(input), documentText(input.field("submission"), "input \"submission\""), capture).toJson()))
    }
    "envelope.verify" -> Outcome.Findings(
        verifyEnvelope(
            documentText(input.field("envelope"), "input \"envelope\""),
            if (input.fields.containsKey("form")) formOf(input) else null,
            "en",
        ).map { it.code },
    )
    else -> throw VectorError("unknown op \"$op\" (this runner does not implement it)")
}

/** Null when the vector passes, else why it failed. */
private fun check(vector: Json.Obj): String? {
    val op = (vector.fields["op"] as? Json.Str)?.value ?: return "no string \"op\""
    val input = vector.fields["input"] as? Json.Obj ?: return "no object \"input\""
    val expect = vector.fields["expect"] as? Json.Obj ?: return "no object \"expect\""
    if (expect.fields.size != 1) return "\"expect\" must have exactly one of ok, error, findings"
    val (kind, wanted) = expect.fields.entries.first()
    if (kind !in setOf("ok", "error", "findings")) return "unknown expectation \"$kind\""

    val outcome = try {
        run(op, input)
    } catch (e: VectorError) {
        return e.message
    } catch (e: MealException.Failed) {
        return when {
            kind != "error" -> "expected $kind ${wanted.show()}, got error ${e.code} (${e.reason})"
            (wanted as? Json.Str)?.value == e.code -> null
            else -> "expected error ${wanted.show()}, got error ${e.code} (${e.reason})"
        }
    } catch (e: Throwable) {
        return "expected $kind ${wanted.show()}, got ${e.javaClass.name}: ${e.message}"
    }

    return when (outcome) {
        is Outcome.Value -> when (kind) {
            "ok" -> if (Json.same(wanted, outcome.json)) null else "expected ok ${wanted.show()}, got ${outcome.json.show()}"
            else -> "expected $kind ${wanted.show()}, got ok ${outcome.json.show()}"
        }
        is Outcome.Findings -> {
            val got = outcome.codes.joinToString(",", "[", "]") { Json.quote(it) }
            when (kind) {
                "findings" -> {
                    val codes = (wanted as? Json.Arr)?.items?.map { (it as? Json.Str)?.value }
                    when {
                        codes == null || codes.any { it == null } -> "\"findings\" must be an array of codes"
                        codes == outcome.codes -> null
                        else -> "expected findings ${wanted.show()}, got findings $got"
                    }
                }
                else -> "expected $kind ${wanted.show()}, got findings $got"
            }
        }
    }
}

fun main(args: Array<String>) {
    val dirName = args.firstOrNull() ?: System.getenv("MEAL_VECTORS")
    if (dirName == null) {
        System.err.println("usage: VectorsKt <vectors dir>   (or set MEAL_VECTORS)")
        exitProcess(2)
    }
    val dir = File(dirName)
    missionData = File(dir, "../../examples/data")
    var passed = 0
    var failed = 0
    val ran = StringBuilder()
    fun failure(where: String, why: String) {
        failed++
        println("FAIL $where: $why")
    }

    val files = dir.listFiles { f -> f.isFile && f.name.endsWith(".json") }?.sortedBy { it.name }.orEmpty()
    if (files.isEmpty()) failure(dir.path, "no *.json vector files found")
    for (file in files) {
        val doc = try {
            Json.parse(file.readText(Charsets.UTF_8))
        } catch (e: JsonException) {
            failure(file.name, "not valid JSON: ${e.message}")
            continue
        }
        val vectors = ((doc as? Json.Obj)?.fields?.get("vectors") as? Json.Arr)?.items
        if (vectors == null) {
            failure(file.name, "expected an object with a \"vectors\" array")
            continue
        }
        if (vectors.isEmpty()) failure(file.name, "no vectors")
        val names = HashSet<String>()
        vectors.forEachIndexed { i, v ->
            val vector = v as? Json.Obj
            val name = (vector?.fields?.get("name") as? Json.Str)?.value
            val where = "${file.name}#${name ?: "[$i]"}"
            val why = when {
                vector == null -> "a vector must be an object"
                name == null -> "a vector needs a string \"name\""
                !names.add(name) -> "duplicate vector name"
                else -> check(vector)
            }
            if (why == null) {
                passed++
                ran.append(file.name).append(':').append(name).append('\n')
            } else {
                failure(where, why)
            }
        }
    }
    println("Kotlin: $passed passed, $failed failed")
    // The `file:name` of every passed vector, for tests/vectors/runners.py (every runner ran every vector).
    System.getenv("MEAL_VECTORS_RAN")?.let { ranDir ->
        File(ranDir).mkdirs()
        File(ranDir, "kotlin.txt").writeText(ran.toString(), Charsets.UTF_8)
    }
    exitProcess(if (failed == 0) 0 else 1)
}
