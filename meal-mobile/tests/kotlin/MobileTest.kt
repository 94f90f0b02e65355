// Checks of the offline-collection surface of the Kotlin API: forms kept and reloaded, check
// and checkMany, the sync envelope (seal on the device, verify as the server does), and hostile
// inputs at every kind of boundary (malformed and deeply nested JSON, huge strings, bad dates
// and decimals inside records, invalid UTF-8 in byte arrays, unknown codes): each one is a
// MealException.Failed with a stable code, never an InternalException or a crash.
//
//   java ... org.meal.mobile.test.MobileTestKt <vectors dir>      (or MEAL_VECTORS=<dir>)
//
// One line per failure, then "MobileTest: N passed, M failed"; exit status 1 on any failure.
package org.meal.mobile.test

import java.io.File
import java.util.UUID
import org.meal.mobile.Capture
import org.meal.mobile.Envelope
import org.meal.mobile.Expr
import org.meal.mobile.Form
import org.meal.mobile.Loaded
import org.meal.mobile.PseudonymKey
import org.meal.mobile.Pseudonymiser
import org.meal.mobile.RecipientKey
import org.meal.mobile.Schema
import org.meal.mobile.Taxonomy
import org.meal.mobile.defaultTableRules
import org.meal.mobile.suppressRecords
import org.meal.mobile.tabulate
import org.meal.mobile.renderMessage
import org.meal.mobile.verifyEnvelope

private val checks = Checks("MobileTest")

private fun test(name: String, body: () -> Unit) = checks.test(name, body)

private const val NOW = "2026-03-02T22:00:00+01:00"

private fun capture(
    instanceId: String = "0f8fad5b-d9cb-469f-a165-70867728950e",
    started: String = "2026-03-02T21:40:00+01:00",
    completed: String = "2026-03-02T21:52:30+01:00",
    sealed: String = "2026-03-02T21:53:00+01:00",
) = Capture(instanceId, "tablet-calais-07", started, completed, sealed)

fun main(args: Array<String>) {
    val vectors = File(args.firstOrNull() ?: System.getenv("MEAL_VECTORS") ?: "tests/vectors")
    val inputs = VectorInputs(vectors, listOf("envelope.json", "form.json"))
    val formJson = inputs.text("seal-coastal-contact", "form")
    forms(formJson)
    envelopes(formJson, inputs)
    hostileInputs(formJson)
    remainingExports()
    checks.report()
}

private fun forms(formJson: String) {
    val form = Form.fromJson(formJson)
    test("a form read from JSON says its id and version, and is kept as canonical JSON") {
        eq("contact_maraude", form.id(), "id")
        eq("2026-03", form.version(), "version")
        val kept = Form.fromJson(form.toJson())
        eq(form.toJson(), kept.toJson(), "reloaded from the store")
        ok(form.jsonSchema().contains("\"people\""), "JSON Schema names the field")
    }
    test("an XLSForm workbook is read from bytes and kept the same way") {
        val workbook = File(System.getenv("MEAL_FORMS") ?: "examples/forms", "contact_maraude_littoral.xlsx")
        val read = Form.fromXlsform(workbook.readBytes())
        eq("contact_maraude_littoral", read.id(), "id")
        eq(read.toJson(), Form.fromJson(read.toJson()).toJson(), "stored JSON reloads the same form")
    }
    test("check gives the verdict of validate without the cleaned copy") {
        val bad = """{"people": "many"}"""
        val verdict = form.check(bad, "fr", NOW)
        val report = form.validate(bad, "fr", NOW)
        eq(report.valid, verdict.valid, "valid")
        eq(report.findings, verdict.findings, "findings")
        eq(true, form.check("""{"people": 3}""", "en", NOW).valid, "a good one")
    }
    test("checkMany takes a JSON array and gives one verdict per element, in order") {
        val verdicts = form.checkMany("""[{"people": 3}, 7, {"people": "x"}]""", "en", NOW)
        eq(listOf(true, false, false), verdicts.map { it.valid }, "valid")
        eq(listOf("form.submission_not_object"), verdicts[1].findings.map { it.code }, "non-object")
        eq("/1", verdicts[1].findings.single().path, "its path is its index")
        eq(emptyList<Any>(), form.checkMany("[]", "en", NOW), "empty batch")
        fails("form.batch_not_array") { form.checkMany("""{"people": 3}""", "en", NOW) }
        fails("json.malformed") { form.checkMany("[{", "en", NOW) }
        fails("input.date_time") { form.checkMany("[]", "en", "tonight") }
    }
}

/** Exports the other test programs leave out, so every export is called from Kotlin. */
private fun remainingExports() {
    test("Expr.source gives the text as written") {
        eq("\${age}  >= 15", Expr.parse("\${age}  >= 15").source(), "source")
    }
    test("suppressRecords counts records and protects the cells tabulate shows") {
        val records = """[{"site": "dunes"}, {"site": "dunes"}, {"site": "plage"}]"""
        val cells = tabulate(records, listOf("site"))
        ok(cells.isNotEmpty(), "tabulated")
        val suppressed = suppressRecords(records, listOf("site"), defaultTableRules())
        eq(cells.size, suppressed.cells.size, "one published cell per counted cell")
        fails("json.malformed") { suppressRecords("[", listOf("site"), defaultTableRules()) }
    }
}

private fun envelopes(formJson: String, inputs: VectorInputs) {
    val form = Form.fromJson(formJson)
    val submission = inputs.text("seal-coastal-contact", "submission")
    test("Envelope.seal writes the documented envelope; its hash is the vector's, computed in Python") {
        val sealed = Envelope.seal(form, submission, capture())
        eq("a8746afcc4d1584e2b8881be64ae53425f47f756301c31d3c6fd10dae2357f76", sealed.contentHash(), "hash")
        eq("0f8fad5b-d9cb-469f-a165-70867728950e", sealed.instanceId(), "instance id")
        eq("contact_maraude", sealed.formId(), "form id")
        eq("2026-03", sealed.formVersion(), "form version")
        eq("""{"note":"Café — nuit froide","people":3,"site":"calais_dunes"}""", sealed.submissionJson(), "canonical submission")
        eq(emptyList<Any>(), sealed.verify(form, "en"), "verifies against its form")
        eq(emptyList<Any>(), sealed.findings("en"), "nothing to say about reading")
    }
    test("an envelope read back from its JSON verifies; a changed byte does not") {
        val text = Envelope.seal(form, submission, capture(instanceId = UUID.randomUUID().toString())).toJson()
        val read = Envelope.fromJson(text)
        eq(text, read.toJson(), "round trip")
        eq(emptyList<Any>(), read.verify(null, "en"), "intact")
        eq(emptyList<Any>(), verifyEnvelope(text, form, "en"), "verifyEnvelope")
        val tampered = verifyEnvelope(text.replace("\"people\\\":3", "\"people\\\":4"), null, "fr")
        eq(listOf("envelope.hash_mismatch"), tampered.map { it.code }, "tampered")
        ok(tampered.single().message.startsWith("L'empreinte"), "message in French: ${tampered.single().message}")
    }
    test("verify against another version of the form says so") {
        val other = Form.fromJson(formJson.replace("2026-03", "2026-04"))
        val found = Envelope.seal(form, submission, capture()).verify(other, "en")
        eq(listOf("envelope.form_version_mismatch"), found.map { it.code }, "codes")
        eq("2026-04", found.single().params["expected"], "expected")
    }
    test("an unknown field is a reading finding, not silence") {
        val text = Envelope.seal(form, "{}", capture()).toJson().replaceFirst("{", """{"colour":"red",""")
        eq(listOf("document.unknown_field"), Envelope.fromJson(text).findings("en").map { it.code }, "findings")
        eq(listOf("document.unknown_field"), verifyEnvelope(text, null, "en").map { it.code }, "verifyEnvelope")
    }
    test("seal refuses what verification would flag, with the core's codes") {
        fails("envelope.instance_id") { Envelope.seal(form, "{}", capture(instanceId = "42")) }
        fails("envelope.instance_id") { Envelope.seal(form, "{}", capture(instanceId = UUID.randomUUID().toString().uppercase())) }
        fails("envelope.completed_before_started") { Envelope.seal(form, "{}", capture(completed = "2026-03-02T21:00:00+01:00")) }
        fails("envelope.sealed_before_completed") { Envelope.seal(form, "{}", capture(sealed = "2026-03-02T21:55:00+02:00")) }
        fails("envelope.submission_not_object") { Envelope.seal(form, "[]", capture()) }
        fails("json.malformed") { Envelope.seal(form, "{", capture()) }
        fails("json.malformed") { Envelope.fromJson("") }
        fails("document.format_version") { Envelope.fromJson("""{"format_version": 9}""") }
        fails("document.invalid") { Envelope.fromJson("""{"format_version": 1}""") }
    }
    test("a bad instant inside the Capture record is MealException input.date_time, not an internal error") {
        val e = fails("input.date_time") { Envelope.seal(form, "{}", capture(started = "2026-03-02T21:40:00")) }
        eq("2026-03-02T21:40:00", e.params["value"], "value")
        fails("input.date_time") { Envelope.seal(form, "{}", capture(sealed = "")) }
        fails("input.date_time") { Envelope.seal(form, "{}", capture(completed = "2026-02-30T10:00:00Z")) }
    }
}

private fun hostileInputs(formJson: String) {
    val form = Form.fromJson(formJson)
    test("malformed JSON is json.malformed at every entry point that reads a document") {
        for (read in listOf<(String) -> Any>(
            { Form.fromJson(it) }, { Envelope.fromJson(it) }, { Taxonomy.fromJson(it) },
            { Schema.fromJson(it) }, { form.validate(it, "en", NOW) }, { form.state(it, "en", NOW) },
            { form.check(it, "en", NOW) }, { verifyEnvelope(it, null, "en") },
        )) {
            fails("json.malformed") { read("{\"format_version\": 1,") }
            fails("json.malformed") { read("\u0000") }
        }
    }
    test("JSON nested past the parser's limit is json.malformed, not a stack overflow") {
        val deep = "[".repeat(100_000) + "]".repeat(100_000)
        fails("json.malformed") { form.validate("""{"people": $deep}""", "en", NOW) }
        fails("json.malformed") { Envelope.seal(form, """{"a": $deep}""", capture()) }
        fails("json.malformed") { verifyEnvelope(deep, null, "en") }
        fails("json.malformed") { form.checkMany(deep, "en", NOW) }
    }
    test("huge strings cross and come back whole, or are refused with a code") {
        val big = "é".repeat(2_000_000)
        val sealed = Envelope.seal(form, """{"note": "$big"}""", capture())
        ok(sealed.submissionJson().length == big.length + 11, "the whole text was sealed")
        eq(emptyList<Any>(), verifyEnvelope(sealed.toJson(), form, "en"), "and verifies")
        fails("envelope.instance_id") { Envelope.seal(form, "{}", capture(instanceId = big)) }
        fails("input.date_time") { Envelope.seal(form, "{}", capture(started = big)) }
        eq(false, form.check("""{"people": "$big"}""", "en", NOW).valid, "a huge value is a finding")
    }
    test("invalid UTF-8 in bytes that cross is a MealException with a code") {
        val garbage = byteArrayOf(0xff.toByte(), 0xfe.toByte(), 0x80.toByte(), 0x41)
        fails("xlsform.unreadable") { Form.fromXlsform(garbage) }
        fails("xlsform.unreadable") { Form.fromXlsform(ByteArray(0)) }
        val schema = Schema.fromJson("""{"format_version": 1, "columns": [{"name": "a", "type": "text"}]}""")
        fails("data.header_not_utf8") { Loaded.fromCsvBytes(schema, garbage + "\n".toByteArray()) }
    }
    test("key bytes of the wrong length are refused with a code, and keys never print") {
        fails("privacy.key_too_short") { PseudonymKey(ByteArray(8)) }
        fails("feedback.seal_bad_public_key") { RecipientKey(ByteArray(5)) }
        val key = PseudonymKey(ByteArray(32) { it.toByte() })
        ok(!key.toString().contains("0001"), "toString shows no key")
        eq(32, Pseudonymiser(key, "outreach").pseudonym("Amina Diallo").length, "16 bytes of hex")
    }
    test("unknown codes: a message renders as its code; unknown ids are errors with a code") {
        eq("nope.nothing", renderMessage("nope.nothing", emptyMap(), "fr").substringBefore(" "), "rendered as the code")
        eq(renderMessage("envelope.hash_mismatch", emptyMap(), "en"), renderMessage("envelope.hash_mismatch", emptyMap(), "xx"), "unknown locale is English")
        fails("privacy.pseudonym_bad_purpose") { Pseudonymiser(PseudonymKey(ByteArray(32)), "") }
    }
}
