// Checks of the generated Kotlin API for data protection and disclosure control: every export,
// its marshalling (records, objects, bytes, dates, decimals, nulls) and its error mapping (every
// bad input is a MealException.Failed with the core's code, never an internal error). The rules
// themselves are pinned by the vectors; documents are taken from them so they stay in step.
//
//   java ... org.meal.mobile.test.PrivacyTestKt <vectors dir>      (or MEAL_VECTORS=<dir>)
//
// One line per failure, then "PrivacyTest: N passed, M failed"; exit status 1 on any failure.
package org.meal.mobile.test

import java.io.File
import kotlin.system.exitProcess
import org.meal.mobile.AuditEvent
import org.meal.mobile.AuditLog
import org.meal.mobile.ConsentRecord
import org.meal.mobile.ExportRequest
import org.meal.mobile.Form
import org.meal.mobile.KeyColumn
import org.meal.mobile.MealException
import org.meal.mobile.Microdata
import org.meal.mobile.PrivacyRules
import org.meal.mobile.PseudonymKey
import org.meal.mobile.Pseudonymiser
import org.meal.mobile.RecordSet
import org.meal.mobile.Recoding
import org.meal.mobile.Register
import org.meal.mobile.checkMinimisation
import org.meal.mobile.checkPrivacyRules
import org.meal.mobile.decideExport
import org.meal.mobile.defaultKPartner
import org.meal.mobile.defaultKPublic
import org.meal.mobile.defaultRiskThreshold
import org.meal.mobile.erase
import org.meal.mobile.exportRecords
import org.meal.mobile.rectify
import org.meal.mobile.retentionDue
import org.meal.mobile.screenDpia
import org.meal.mobile.subjectAccess
import org.meal.mobile.tokenise

private val checks = Checks("PrivacyTest")

private fun test(name: String, body: () -> Unit) = checks.test(name, body)


private const val KEY_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
private const val NOW = "2026-11-27T10:00:00+01:00"

private fun keyBytes(): ByteArray = ByteArray(32) { it.toByte() }

private fun rulesSide(v: VectorInputs) {
    val rulesJson = v.text("export-apply-keeps-allowed-fields", "rules")
    val formJson = v.text("export-apply-keeps-allowed-fields", "form")
    val rules by lazy { PrivacyRules.fromJson(rulesJson) }
    val form by lazy { Form.fromJson(formJson) }

    test("PrivacyRules reads, lists its purposes, round-trips, and its findings are checkPrivacyRules") {
        eq("v1", rules.version(), "version")
        eq(listOf("care", "stats"), rules.purposes(), "purposes")
        eq(rules.toJson(), PrivacyRules.fromJson(rules.toJson()).toJson(), "toJson round trip")
        eq(emptyList<Any>(), rules.findings("en"), "clean rules")
        val misspelt = rulesJson.replaceFirst("\"controller\"", "\"colour\": 1, \"controller\"")
        val fr = checkPrivacyRules(misspelt, "fr")
        eq(listOf("document.unknown_field"), fr.map { it.code }, "codes")
        eq(fr, PrivacyRules.fromJson(misspelt).findings("fr"), "findings = checkPrivacyRules")
        ok(fr.single().message.startsWith("Champ inconnu"), "French message: ${fr.single().message}")
    }
    test("unreadable rules are MealException json.malformed / document.format_version") {
        fails("json.malformed") { PrivacyRules.fromJson("{") }
        fails("json.malformed") { checkPrivacyRules("", "en") }
        fails("document.format_version") { PrivacyRules.fromJson(rulesJson.replace("\"format_version\": 1", "\"format_version\": 7")) }
        fails("document.invalid") { PrivacyRules.fromJson("""{"format_version": 1}""") }
    }
    test("checkMinimisation gives productionReady and findings with messages in the locale") {
        val clean = checkMinimisation(Form.fromJson(v.text("minimisation-clean", "form")), rules, "en")
        ok(clean.productionReady && clean.findings.isEmpty(), "the vector's form is ready: ${clean.findings}")
        val noPurpose = Form.fromJson(v.text("minimisation-no-purpose", "form"))
        val fr = checkMinimisation(noPurpose, rules, "fr")
        val en = checkMinimisation(noPurpose, rules, "en")
        eq(false, fr.productionReady, "productionReady")
        eq(listOf("privacy.no_purpose"), fr.findings.map { it.code }, "codes")
        eq("/fields/2/privacy", fr.findings.single().path, "path")
        eq("error", fr.findings.single().severity, "severity")
        ok(fr.findings.single().message != en.findings.single().message, "French and English messages differ")
    }
    test("screenDpia gives a typed screening with labelled reasons; unknown purpose is an error") {
        val s = screenDpia(rules, listOf(form), "care", "fr")
        eq("care", s.purpose, "purpose")
        eq(true, s.required, "required")
        eq(2uL, s.wp248Count, "wp248Count")
        eq("AIPD-1", s.dpiaRef, "dpiaRef")
        eq(listOf("cnil_health_care", "wp248_sensitive_data", "wp248_vulnerable_subjects"), s.reasons.map { it.code }, "codes")
        eq(listOf("cnil", "wp248", "wp248"), s.reasons.map { it.framework }, "frameworks")
        eq(setOf("derived"), s.reasons.map { it.source }.toSet(), "sources")
        ok(s.reasons.all { it.label.isNotBlank() }, "labels")
        ok(screenDpia(rules, listOf(form), "care", "en").reasons.first().label != s.reasons.first().label, "labels follow the locale")
        eq(null, screenDpia(rules, emptyList(), "stats", "en").dpiaRef, "no reference")
        fails("privacy.no_such_purpose") { screenDpia(rules, listOf(form), "ghost", "en") }
    }
    test("Register gives JSON, Markdown in the locale and XLSX bytes") {
        val register = Register(rules, listOf(form))
        val json = Json.parse(register.toJson()) as Json.Obj
        ok(json.fields.isNotEmpty(), "register JSON: ${register.toJson().take(80)}")
        val fr = register.toMarkdown("fr")
        ok(fr.startsWith("#"), "Markdown: ${fr.take(40)}")
        ok(fr != register.toMarkdown("en"), "Markdown follows the locale")
        val xlsx = register.toXlsx("fr")
        ok(xlsx.size > 100 && xlsx[0] == 'P'.code.toByte() && xlsx[1] == 'K'.code.toByte(), "a zip (xlsx) of ${xlsx.size} bytes")
    }
    test("decideExport is a typed decision; unknown recipient or purpose is an error") {
        val d = decideExport(rules, form, "partner", "stats", listOf("age", "dx", "site"))
        eq(listOf("age", "site"), d.allowed, "allowed")
        eq(listOf("dx" to "privacy.export_off_purpose"), d.refused.map { it.field to it.code }, "refused")
        fails("privacy.no_such_recipient") { decideExport(rules, form, "ghost", "care", listOf("age")) }
        fails("privacy.no_such_purpose") { decideExport(rules, form, "partner", "ghost", listOf("age")) }
    }
    test("exportRecords logs the decision and keeps only the allowed fields; a failed export logs nothing") {
        val log = AuditLog()
        val request = ExportRequest(NOW, "meal.coordinator", "partner", "care", listOf("age", "sex", "dx"))
        val records = v.text("export-apply-keeps-allowed-fields", "records")
        val done = exportRecords(rules, form, request, records, log)
        eq(listOf("age", "sex"), done.decision.allowed, "allowed")
        ok(Json.same(Json.parse("""[{"age": 16, "people": [{"sex": "f"}]}, {}]"""), Json.parse(done.recordsJson)), done.recordsJson)
        eq(1uL, log.size(), "one entry")
        val head = log.head()
        fails("json.malformed") { exportRecords(rules, form, request, "[{", log) }
        fails("privacy.export_not_records") { exportRecords(rules, form, request, "{}", log) }
        fails("input.date_time") { exportRecords(rules, form, request.copy(timestamp = "yesterday"), records, log) }
        fails("privacy.no_such_recipient") { exportRecords(rules, form, request.copy(recipient = "ghost"), records, log) }
        eq(head, log.head(), "the log is unchanged")
        log.verify(head)
    }
    test("AuditLog appends, verifies, detects tampering and truncation, and round-trips") {
        val log = AuditLog()
        eq("0".repeat(64), log.head(), "empty head")
        val event = AuditEvent(NOW, "dpo", "erasure", "care", null, """{"erased": ["c1"]}""", "v1")
        val first = log.append(event)
        val second = log.append(event.copy(recipient = "partner"))
        ok(first != second && second == log.head(), "head is the last hash")
        eq(2uL, log.size(), "size")
        log.verify()
        log.verify(second)
        fails("privacy.audit_head_mismatch") { log.verify(first) }
        val entries = Json.parse(log.entriesJson()) as Json.Arr
        eq(2, entries.items.size, "entries")
        val saved = log.toJson()
        AuditLog.fromJson(saved).verify(second)
        val tampered = AuditLog.fromJson(saved.replace("\"erasure\"", "\"export\""))
        eq("0", fails("privacy.audit_tampered") { tampered.verify() }.params["index"], "index")
        fails("json.malformed") { log.append(event.copy(decisionJson = "{")) }
        fails("input.date_time") { log.append(event.copy(timestamp = "2026-11-27")) }
        eq(2uL, log.size(), "failed appends add nothing")
        fails("json.malformed") { AuditLog.fromJson("not json") }
        fails("document.format_version") { AuditLog.fromJson("""{"format_version": 3, "entries": []}""") }
    }
    test("an uncompilable form is MealException form.not_compilable in privacy calls") {
        val broken = Form.fromJson("""{"format_version": 1, "id": "f", "fields": [{"name": "a", "type": {"kind": "text"}}, {"name": "a", "type": {"kind": "text"}}]}""")
        fails("form.not_compilable") { checkMinimisation(broken, rules, "en") }
        fails("form.not_compilable") { Register(rules, listOf(broken)) }
    }
}

private fun personSide(v: VectorInputs) {
    val personRules by lazy { PrivacyRules.fromJson(v.text("erase-keeps-exceptions-removes-the-rest", "rules")) }
    val recordsJson = v.text("access-everything-about-the-person", "records")
    val records by lazy { RecordSet.fromJson(recordsJson) }

    test("PseudonymKey from bytes or hex gives the vectors' pseudonym; toString does not show the key") {
        val key = PseudonymKey(keyBytes())
        val p = Pseudonymiser(key, "care")
        eq("733191a92dd3dc87d82f54eb4ae233cb", p.pseudonym("Amina Diallo"), "pseudonym")
        eq(p.pseudonym("x"), Pseudonymiser(PseudonymKey.fromHex(KEY_HEX.uppercase()), "care").pseudonym("x"), "hex = bytes")
        val shown = key.toString()
        ok(shown.startsWith("org.meal.mobile.PseudonymKey@"), "default Object toString: $shown")
        ok(!shown.contains("0001020304") && !shown.contains("[0, 1, 2"), "toString shows no key bytes")
        val methods = PseudonymKey::class.java.methods.filter { it.declaringClass == PseudonymKey::class.java }
        ok(methods.none { it.returnType == ByteArray::class.java || it.returnType == String::class.java && it.name != "toString" },
            "no method gives the key back: ${methods.map { it.name }}")
    }
    test("a short or non-hex key is MealException, without echoing the text") {
        eq("31", fails("privacy.key_too_short") { PseudonymKey(ByteArray(31)) }.params["found"], "found")
        fails("privacy.key_too_short") { PseudonymKey(ByteArray(0)) }
        fails("privacy.key_too_short") { PseudonymKey.fromHex("00ff") }
        val e = fails("privacy.key_not_hex") { PseudonymKey.fromHex("zz" + KEY_HEX.drop(2)) }
        ok(!e.reason.contains(KEY_HEX.drop(2)) && e.params.values.none { it.contains("0102") }, "key text not echoed: ${e.reason}")
        fails("privacy.key_not_hex") { PseudonymKey.fromHex(KEY_HEX + "a") }
    }
    test("Pseudonymiser: batch, verify, purpose domains, errors") {
        val p = Pseudonymiser(PseudonymKey(keyBytes()), "care")
        eq(listOf(p.pseudonym("Amina Diallo"), p.pseudonym("Fatou")), p.pseudonyms(listOf("  AMINA diallo ", "Fatou")), "batch")
        eq(emptyList<String>(), p.pseudonyms(emptyList()), "empty batch")
        ok(p.verify("AMINA DIALLO", "733191a92dd3dc87d82f54eb4ae233cb"), "verify")
        ok(!p.verify("Amina Diallo", "733191A92DD3DC87D82F54EB4AE233CB"), "uppercase does not verify")
        ok(!p.verify(" ", "733191a92dd3dc87d82f54eb4ae233cb"), "blank does not verify")
        ok(Pseudonymiser(PseudonymKey(keyBytes()), "feedback").pseudonym("Amina Diallo") != p.pseudonym("Amina Diallo"), "purposes are domains")
        fails("privacy.pseudonym_bad_purpose") { Pseudonymiser(PseudonymKey(keyBytes()), "") }
        fails("privacy.pseudonym_bad_purpose") { Pseudonymiser(PseudonymKey(keyBytes()), "care plan") }
        fails("privacy.empty_identifier") { p.pseudonym(" \t ") }
        fails("privacy.empty_identifier") { p.pseudonyms(listOf("a", "")) }
    }
    test("tokenise replaces the direct identifiers of a submission") {
        val form = Form.fromJson(v.text("tokenise-identifiers-in-groups-and-repeats", "form"))
        val key = PseudonymKey.fromHex(KEY_HEX)
        val done = tokenise(form, key, "care", """{"name": "Amina Diallo", "age": 34}""")
        ok(Json.same(Json.parse("""{"name": "733191a92dd3dc87d82f54eb4ae233cb", "age": 34}"""), Json.parse(done.submissionJson)), done.submissionJson)
        eq(listOf("/name"), done.tokenised, "tokenised")
        fails("json.malformed") { tokenise(form, key, "care", """{"name": """) }
        fails("form.submission_not_object") { tokenise(form, key, "care", "[1]") }
        fails("privacy.tokenise_unknown_field") { tokenise(form, key, "care", """{"nmae": "x"}""") }
        fails("privacy.pseudonym_bad_purpose") { tokenise(form, key, "", "{}") }
    }
    test("ConsentRecord.check gives valid and findings with messages; withdrawn is a new record") {
        val consent = ConsentRecord.fromJson(v.text("consent-adult-informed-testimony", "consent"))
        eq("p-amina", consent.subject(), "subject")
        eq(emptyList<Any>(), consent.findings("en"), "reading findings")
        val good = consent.check("testimony_text", "2026-03-01", "en")
        ok(good.valid && good.findings.isEmpty(), "valid: $good")
        val early = consent.check("testimony_text", "2026-02-28", "fr")
        eq(false, early.valid, "before given")
        eq(listOf("privacy.consent_not_yet_given"), early.findings.map { it.code }, "codes")
        ok(early.findings.single().message.isNotBlank() && early.findings.single().message != early.findings.single().code, "message")
        val withdrawn = consent.withdrawn("2026-04-10")
        eq(null, consent.withdrawnAt(), "the original is unchanged")
        eq("2026-04-10", withdrawn.withdrawnAt(), "withdrawnAt")
        eq(listOf("privacy.consent_withdrawn"), withdrawn.check("testimony_text", "2026-04-10", "en").findings.map { it.code }, "after withdrawal")
        eq("2026-04-10", ConsentRecord.fromJson(withdrawn.toJson()).withdrawnAt(), "toJson round trip")
    }
    test("consent errors: bad dates, malformed and unknown fields") {
        val consent = ConsentRecord.fromJson(v.text("consent-adult-informed-testimony", "consent"))
        eq("2026-02-30", fails("input.date") { consent.check("testimony_text", "2026-02-30", "en") }.params["value"], "value")
        fails("input.date") { consent.withdrawn("10/04/2026") }
        fails("json.malformed") { ConsentRecord.fromJson("{") }
        fails("document.invalid") { ConsentRecord.fromJson(v.text("consent-bad-given-by", "consent")) }
        eq(listOf("document.unknown_field"), ConsentRecord.fromJson(v.text("consent-misspelt-field", "consent")).findings("en").map { it.code })
    }
    test("RecordSet reads, counts, digests and writes canonical JSON; bad sets are errors") {
        eq(records.ids().size.toULong(), records.size(), "size")
        ok(records.ids().containsAll(listOf("c1", "t1")), "ids ${records.ids()}")
        eq(64, records.digest().length, "digest")
        eq(records.digest(), RecordSet.fromJson(records.toJson()).digest(), "canonical round trip")
        fails("json.malformed") { RecordSet.fromJson("[") }
        fails("privacy.records_not_array") { RecordSet.fromJson("{}") }
        fails("privacy.records_invalid") { RecordSet.fromJson("""[{"id": "a"}]""") }
        fails("privacy.duplicate_record") {
            RecordSet.fromJson("""[{"id": "a", "form": "f", "purpose": "p"}, {"id": "a", "form": "f", "purpose": "p"}]""")
        }
    }
    test("retentionDue gives typed decisions with dates and a reason in the locale") {
        val set = RecordSet.fromJson(v.text("retention-twenty-years-end-day-is-due", "records"))
        val rules = PrivacyRules.fromJson(v.text("retention-twenty-years-end-day-is-due", "rules"))
        val d = retentionDue(set, rules, "2026-05-10", "fr").single()
        eq("adult", d.record, "record")
        eq("due", d.phase, "phase")
        eq("delete", d.endAction, "endAction")
        eq("2026-05-10", d.schedule?.activeUntil, "activeUntil")
        eq("2008-01-01", d.schedule?.notBefore, "notBefore")
        eq("privacy.retention_due", d.reason.code, "reason")
        ok(d.reason.message.isNotBlank(), "message")
        eq("active", retentionDue(set, rules, "2026-05-09", "en").single().phase, "the day before")
        fails("input.date") { retentionDue(set, rules, "2026-02-30", "en") }
    }
    test("subjectAccess gives the person's records, JSON, CSV and the outcome") {
        val access = subjectAccess(records, "p-amina", "2026-05-01")
        eq(listOf("c1", "t1", "s1", "h1", "x1"), access.records().ids(), "records")
        ok(access.toCsv().startsWith("record,form,purpose,section,name,value\r\n"), "CSV")
        ok((Json.parse(access.toJson()) as Json.Obj).fields.containsKey("subject_sha256"), "JSON")
        eq("\"access\"", (Json.parse(access.outcomeJson()) as Json.Obj).fields["kind"]?.raw, "outcome kind")
        fails("input.date") { subjectAccess(records, "p-amina", "2026-5-1") }
    }
    test("rectify sets one value; erase keeps what the rules keep") {
        val done = rectify(records, "p-amina", "c1", "diagnosis", "\"asthma\"", "2026-05-01")
        val c1 = (Json.parse(done.records.toJson()) as Json.Arr).items.map { it as Json.Obj }.single { (it.fields["id"] as Json.Str).value == "c1" }
        eq("\"asthma\"", (c1.fields["values"] as Json.Obj).fields["diagnosis"]?.raw, "rectified value")
        eq(records.size(), done.records.size(), "same size")
        eq("\"rectification\"", (Json.parse(done.outcomeJson) as Json.Obj).fields["kind"]?.raw, "outcome")
        fails("json.malformed") { rectify(records, "p-amina", "c1", "diagnosis", "asthma", "2026-05-01") }
        fails("privacy.request_unknown_record") { rectify(records, "p-amina", "f1", "diagnosis", "1", "2026-05-01") }
        fails("privacy.request_bad_field") { rectify(records, "p-amina", "c1", "", "1", "2026-05-01") }
        val erased = erase(records, personRules, "p-amina", "2026-05-01")
        ok(erased.records.size() < records.size(), "something erased")
        ok(erased.records.ids().contains("f1"), "other people's records stay")
        eq("\"erasure\"", (Json.parse(erased.outcomeJson) as Json.Obj).fields["kind"]?.raw, "outcome")
        fails("input.date") { erase(records, personRules, "p-amina", "") }
    }
}

private fun disclosure() {
    fun data() = Microdata.fromColumns(
        listOf(
            KeyColumn("sex", listOf("f", "f", "f", "m", "m", "m")),
            KeyColumn("age", listOf("18-24", "18-24", "18-24", "25-59", "25-59", null)),
        ),
    )
    test("Microdata from columns or JSON records; frequencies with missing as a wildcard") {
        val d = data()
        eq(6uL, d.rows(), "rows")
        eq(listOf("sex", "age"), d.keys(), "keys")
        eq(listOf(3uL, 3uL, 3uL, 3uL, 3uL, 3uL), d.frequencies(), "frequencies")
        val fromJson = Microdata.fromJsonRecords(d.toJsonRecords(), listOf("sex", "age"))
        eq(d.frequencies(), fromJson.frequencies(), "toJsonRecords round trip")
        eq(listOf(2uL, 2uL, 1uL), Microdata.fromJsonRecords("""[{"a": 1}, {"a": "1"}, {"a": true, "b": 2}]""", listOf("a")).frequencies(), "numbers read as text")
    }
    test("bad microdata is MealException with the core's code") {
        fails("disclosure.column_length") { Microdata.fromColumns(listOf(KeyColumn("a", listOf("x")), KeyColumn("b", emptyList()))) }
        fails("disclosure.no_keys") { Microdata.fromColumns(emptyList()) }
        fails("disclosure.duplicate_key_column") { Microdata.fromColumns(listOf(KeyColumn("a", emptyList()), KeyColumn("a", emptyList()))) }
        fails("json.malformed") { Microdata.fromJsonRecords("[{", listOf("a")) }
        fails("disclosure.records_not_array") { Microdata.fromJsonRecords("{}", listOf("a")) }
        fails("disclosure.record_not_object") { Microdata.fromJsonRecords("[1]", listOf("a")) }
    }
    test("kAnonymity defaults to the public k; k = 0 is an error") {
        eq(5uL, defaultKPublic(), "public k")
        eq(3uL, defaultKPartner(), "partner k")
        val d = data()
        val public = d.kAnonymity()
        eq(5uL, public.k, "default k")
        eq(false, public.satisfied, "satisfied")
        eq(6uL, public.violations, "violations")
        eq(true, d.kAnonymity(defaultKPartner()).satisfied, "k = 3")
        fails("disclosure.bad_k") { d.kAnonymity(0uL) }
    }
    test("localSuppression gives new microdata, the blanked cells and whether k was reached") {
        val d = Microdata.fromColumns(listOf(KeyColumn("a", listOf("x", "x", "y")), KeyColumn("b", listOf("p", "q", "q"))))
        val done = d.localSuppression(2uL, listOf(1u, 2u))
        eq(true, done.kReached, "kReached")
        eq(listOf(0uL to 1uL, 1uL to 1uL, 2uL to 0uL), done.suppressed.map { it.row to it.column }, "cells")
        ok(Json.same(Json.parse("""[{"a": "x", "b": null}, {"a": "x", "b": null}, {"a": null, "b": "q"}]"""), Json.parse(done.data.toJsonRecords())), done.data.toJsonRecords())
        eq(listOf("x", "x", "y"), (Json.parse(d.toJsonRecords()) as Json.Arr).items.map { ((it as Json.Obj).fields["a"] as Json.Str).value }, "the input is unchanged")
        fails("disclosure.bad_importance") { d.localSuppression(2uL, listOf(1u)) }
        fails("disclosure.bad_k") { d.localSuppression(0uL, null) }
    }
    test("risk gives decimal strings, flagged rows and reasons in the locale; bad thresholds are errors") {
        eq("0.05", defaultRiskThreshold(), "default threshold")
        val r = Microdata.fromColumns(listOf(KeyColumn("a", listOf("x", "x", "y")))).risk(null, "fr")
        eq(listOf("0.5", "0.5", "1"), r.individual.map { it.toBigDecimal().stripTrailingZeros().toPlainString() }, "individual")
        eq(0, r.global.toBigDecimal().compareTo("0.666667".toBigDecimal()), "global ${r.global}")
        eq(listOf(0uL, 1uL, 2uL), r.rowsAboveThreshold, "rows above")
        eq(false, r.publishable, "publishable")
        ok(r.reasons.isNotEmpty() && r.reasons.all { it.message.isNotBlank() }, "reasons ${r.reasons}")
        fails("input.decimal") { data().risk("abc", "en") }
        fails("disclosure.bad_risk_threshold") { data().risk("2", "en") }
    }
    test("Recoding reads JSON once and recodes lists and microdata columns") {
        val bands = Recoding.fromJson("""{"kind": "age_band", "bands": "standard"}""")
        eq(listOf("0-4", "60+", null, null), bands.recode(listOf("4", "99", null, "")), "values")
        eq(listOf("2026Q1"), Recoding.fromJson("""{"kind": "quarter"}""").recode(listOf("2026-02-14")), "quarter")
        val ages = Microdata.fromColumns(listOf(KeyColumn("age", listOf("3", "70"))))
        ok(Json.same(Json.parse("""[{"age": "0-4"}, {"age": "60+"}]"""), Json.parse(ages.recode("age", bands).toJsonRecords())), "column")
        eq("1", fails("disclosure.bad_age") { bands.recode(listOf("3", "old")) }.params["row"], "row")
        fails("disclosure.unknown_column") { ages.recode("sex", bands) }
        fails("json.malformed") { Recoding.fromJson("{") }
        fails("disclosure.bad_recoding") { Recoding.fromJson("""{"kind": "weekday"}""") }
        fails("disclosure.unknown_place") { Recoding.fromJson("""{"kind": "region", "mapping": {"Calais": "North"}}""").recode(listOf("Lyon")) }
    }
}

fun main(args: Array<String>) {
    val dirName = args.firstOrNull() ?: System.getenv("MEAL_VECTORS")
    if (dirName == null) {
        System.err.println("usage: PrivacyTestKt <vectors dir>   (or set MEAL_VECTORS)")
        exitProcess(2)
    }
    val vectors = try {
        VectorInputs(File(dirName), listOf("privacy_rules.json", "privacy_person.json"))
    } catch (e: Exception) {
        println("FAIL reading the vectors in $dirName: ${e.message}")
        exitProcess(1)
    }
    rulesSide(vectors)
    personSide(vectors)
    disclosure()
    checks.report()
}
