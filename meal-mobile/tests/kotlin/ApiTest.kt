// Checks of the generated Kotlin API: marshalling (dates, decimals, lists, maps, nulls, objects)
// and error mapping (every failure is a MealException.Failed with a stable code). The rules
// themselves are tested in meal-core; the vectors (Vectors.kt) pin the shared behaviour.
//
//   java ... org.meal.mobile.test.ApiTestKt
//
// One line per failure, then "ApiTest: N passed, M failed"; exit status 1 on any failure.
package org.meal.mobile.test

import java.io.File
import org.meal.mobile.Expr
import org.meal.mobile.Form
import org.meal.mobile.Indicator
import org.meal.mobile.Logframe
import org.meal.mobile.MealException
import org.meal.mobile.Observation
import org.meal.mobile.Period
import org.meal.mobile.Thresholds
import org.meal.mobile.checkLogframe
import org.meal.mobile.defaultThresholds
import org.meal.mobile.periodsBetween
import org.meal.mobile.renderMessage

private val checks = Checks("ApiTest")

private fun test(name: String, body: () -> Unit) = checks.test(name, body)

private fun text(s: String) = """{"en": "$s", "fr": "$s (fr)"}"""

private fun objective(code: String, level: String, parent: String?, indicators: List<String> = emptyList()): String {
    val parentField = if (parent == null) "" else """"parent": "$parent", """
    val indicatorField = if (indicators.isEmpty()) "" else
        """, "indicators": [${indicators.joinToString(",") { "\"$it\"" }}]"""
    return """{"code": "$code", "level": "$level", $parentField"kind": "operational", "title": ${text(code)}$indicatorField}"""
}

private const val INDICATOR = """{
  "code": "IDF.I1",
  "name": {"en": "Consultations", "fr": "Consultations"},
  "measure": {"kind": "count"},
  "unit": {"en": "consultations", "fr": "consultations"},
  "direction": {"kind": "increase"},
  "aggregation": "incremental",
  "targets": [{"period": "2026Q1", "value": "1200"}]
}"""

private fun logframe(objectives: List<String>, extra: String = "", indicators: String = "[$INDICATOR]") = """{
  "format_version": 1,$extra
  "project": {"code": "IDF", "name": ${text("Île-de-France")}},
  "objectives": [${objectives.joinToString(",\n    ")}],
  "indicators": $indicators
}"""

private val GOOD = logframe(
    listOf(
        objective("IDF.IMP", "impact", null),
        objective("IDF.OC1", "outcome", "IDF.IMP", listOf("IDF.I1")),
        objective("IDF.OP1", "output", "IDF.OC1"),
    ),
)

private val CYCLE = logframe(
    listOf(
        objective("IDF.IMP", "impact", null),
        objective("IDF.OC1", "outcome", "IDF.OP1"),
        objective("IDF.OP1", "output", "IDF.OC1"),
    ),
    indicators = "[]",
)

private fun periods() {
    test("Period.parse reads a DHIS2 id and gives its canonical form and dates") {
        val p = Period.parse("2026W05")
        eq("2026W5", p.id(), "id")
        eq("Weekly", p.periodType(), "type")
        eq("2026-01-26", p.start(), "start")
        eq("2026-02-01", p.end(), "end")
        eq("2026W5", p.toString(), "toString")
        eq(Period.parse("2026W5"), p, "equals")
        eq(Period.parse("2026W5").hashCode(), p.hashCode(), "hashCode")
    }
    test("an unknown period id is MealException.Failed period.invalid") {
        val e = fails("period.invalid") { Period.parse("2026q1") }
        ok(e.reason.isNotBlank(), "reason is the English message")
        val thrown: Exception = e
        ok(thrown.message.orEmpty().contains("period.invalid"), "Exception.message carries the code")
        eq("2026q1", e.params["id"], "params.id")
    }
    test("containing, contains, next, previous") {
        val feb = Period.containing("Monthly", "2026-02-14")
        eq("202602", feb.id())
        ok(feb.contains("2026-02-28"), "contains the last day")
        ok(!feb.contains("2026-03-01"), "does not contain the next month")
        eq("202603", feb.next().id(), "next")
        eq("202601", feb.previous().id(), "previous")
    }
    test("periodsWithin and periodsBetween give lists of periods in order") {
        eq(listOf("202601", "202602", "202603"), Period.parse("2026Q1").periodsWithin("Monthly").map { it.id() })
        eq(listOf("202601", "202602", "202603"), periodsBetween("Monthly", "2026-01-15", "2026-03-01").map { it.id() })
    }
    test("a malformed date string is MealException input.date, not an internal error") {
        val e = fails("input.date") { periodsBetween("Monthly", "2026-02-30", "2026-03-01") }
        eq("2026-02-30", e.params["value"], "params.value")
        fails("input.date") { Period.containing("Monthly", "14/02/2026") }
        val q1 = Period.parse("2026Q1")
        fails("input.date") { q1.contains("2026-1-5") }
    }
    test("an unknown period type is MealException period.unknown_type") {
        fails("period.unknown_type") { periodsBetween("Fortnightly", "2026-01-01", "2026-02-01") }
        fails("period.unknown_type") { Period.containing("Fortnightly", "2026-01-01") }
    }
}

private fun logframes() {
    test("malformed logframe JSON is MealException json.malformed") {
        val e = fails("json.malformed") { checkLogframe("{\"format_version\": 1,", "en") }
        ok(e.params.containsKey("line"), "params carry the line")
        fails("json.malformed") { Logframe.fromJson("not json") }
    }
    test("a logframe whose parents loop is MealException logframe.cycle") {
        fails("logframe.cycle") { checkLogframe(CYCLE, "en") }
        fails("logframe.cycle") { Logframe.fromJson(CYCLE) }
    }
    test("a wrong format version is MealException document.format_version") {
        fails("document.format_version") { checkLogframe(GOOD.replace("\"format_version\": 1", "\"format_version\": 9"), "en") }
    }
    test("Logframe reads, lists its codes and round-trips through toJson") {
        val lf = Logframe.fromJson(GOOD)
        eq("IDF", lf.projectCode())
        eq(listOf("IDF.IMP", "IDF.OC1", "IDF.OP1"), lf.objectiveCodes())
        eq(listOf("IDF.I1"), lf.indicatorCodes())
        eq(lf.toJson(), Logframe.fromJson(lf.toJson()).toJson(), "toJson round trip")
        eq(checkLogframe(GOOD, "en"), lf.findings("en"), "findings = checkLogframe")
    }
    test("findings carry code, path, severity, params and a message in the locale") {
        val doc = logframe(listOf(objective("IDF.IMP", "impact", null)), extra = "\n  \"colour\": \"red\",", indicators = "[]")
        val fr = checkLogframe(doc, "fr").single { it.code == "document.unknown_field" }
        eq("/colour", fr.path, "path")
        eq("error", fr.severity, "severity")
        eq("logframe", fr.params["kind"], "params.kind")
        ok(fr.message.startsWith("Champ inconnu"), "French message: ${fr.message}")
        val en = checkLogframe(doc, "en-GB").single { it.code == "document.unknown_field" }
        ok(en.message.startsWith("Unknown field"), "English message: ${en.message}")
        eq(checkLogframe(doc, "fr"), Logframe.fromJson(doc).findings("fr"), "Logframe.findings = checkLogframe")
    }
}

private fun indicators() {
    // A function, not a value: a failure to parse must fail the tests that need it, not the run.
    fun q1() = Period.parse("2026Q1")
    test("Indicator reads and gives its target as a decimal string") {
        val ind = Indicator.fromJson(INDICATOR)
        eq("IDF.I1", ind.code())
        eq("1200", ind.targetFor(q1())?.toBigDecimal()?.stripTrailingZeros()?.toPlainString(), "target")
        eq(null, ind.targetFor(Period.parse("2026Q2")), "no target")
    }
    test("malformed indicator JSON is MealException json.malformed") {
        fails("json.malformed") { Indicator.fromJson("{") }
    }
    test("actualFor sums monthly observations into the quarter") {
        val ind = Indicator.fromJson(INDICATOR)
        val actual = ind.actualFor(q1(), listOf(Observation("202601", "400"), Observation("202602", "500.5")))
        eq(0, actual?.toBigDecimal()?.compareTo("900.5".toBigDecimal()), "actual $actual")
        eq(null, ind.actualFor(q1(), emptyList()), "no observation")
    }
    test("observations with a bad period or value are MealExceptions") {
        val ind = Indicator.fromJson(INDICATOR)
        val q = q1()
        fails("period.invalid") { ind.actualFor(q, listOf(Observation("2026M13", "1"))) }
        fails("input.decimal") { ind.actualFor(q, listOf(Observation("202601", "12,5"))) }
        fails("input.decimal") { ind.actualFor(q, listOf(Observation("202601", "1", "n/a"))) }
    }
    test("assess gives target, actual, achievement and status; null actual is no_data") {
        val ind = Indicator.fromJson(INDICATOR)
        val a = ind.assess(q1(), "1020")
        eq("2026Q1", a.period, "period")
        eq(0, a.achievement?.toBigDecimal()?.compareTo("0.85".toBigDecimal()), "achievement ${a.achievement}")
        eq("on_track", a.status, "status")
        eq("no_data", ind.assess(q1(), null).status, "status without actual")
        eq("no_target", ind.assess(Period.parse("2026Q2"), "5").status, "status without target")
    }
    test("assess takes optional thresholds; defaults come from the core") {
        val ind = Indicator.fromJson(INDICATOR)
        val d = defaultThresholds()
        eq(0, d.onTrack.toBigDecimal().compareTo("0.85".toBigDecimal()), "default on_track ${d.onTrack}")
        eq(0, d.atRisk.toBigDecimal().compareTo("0.6".toBigDecimal()), "default at_risk ${d.atRisk}")
        eq("at_risk", ind.assess(q1(), "1020", Thresholds(onTrack = "0.9", atRisk = "0.5")).status)
        eq(ind.assess(q1(), "1020"), ind.assess(q1(), "1020", d), "explicit defaults = no thresholds")
    }
    test("a malformed decimal string is MealException input.decimal, not an internal error") {
        val ind = Indicator.fromJson(INDICATOR)
        val q = q1()
        eq("abc", fails("input.decimal") { ind.assess(q, "abc") }.params["value"])
        fails("input.decimal") { ind.assess(q, "1", Thresholds("high", "0.5")) }
    }
}

private fun messages() {
    test("renderMessage renders in French and English and falls back to English") {
        val params = mapOf("line" to "1", "column" to "2", "detail" to "EOF")
        eq("Le texte JSON est mal formé à la ligne 1, colonne 2 : EOF", renderMessage("json.malformed", params, "fr"))
        eq("The JSON text is malformed at line 1, column 2: EOF", renderMessage("json.malformed", params, "en"))
        eq(renderMessage("json.malformed", params, "en"), renderMessage("json.malformed", params, "ar"), "fallback")
        eq("no.such.code (x=1)", renderMessage("no.such.code", mapOf("x" to "1"), "fr"))
    }
    test("an error's reason is its English message; params re-render it in French") {
        val e = fails("json.malformed") { checkLogframe("[", "fr") }
        eq(renderMessage(e.code, e.params, "en"), e.reason, "reason")
        ok(renderMessage(e.code, e.params, "fr").startsWith("Le texte JSON"), "French")
    }
}

/** The test-side JSON reader the vector runner relies on. */
private fun jsonReader() {
    test("the JSON reader decodes escapes, keeps numbers' text and each value's raw text") {
        val doc = Json.parse(""" { "s": "a\"b\\c\/\b\f\n\r\t\u00e9\ud83d\ude00", "n": [-0.50, 1e+3, 0],
            "o": {"k": [true, false, null]} } """) as Json.Obj
        eq("a\"b\\c/\b\u000C\n\r\té\uD83D\uDE00", (doc.fields["s"] as Json.Str).value, "string")
        eq(listOf("-0.50", "1e+3", "0"), (doc.fields["n"] as Json.Arr).items.map { it.raw }, "numbers")
        eq("""{"k": [true, false, null]}""", doc.fields["o"]?.raw, "raw text")
        ok(Json.same(Json.parse("""{"a": 1.0, "b": [1]}"""), Json.parse("""{"b":[1],"a":1}""")), "same")
        ok(!Json.same(Json.parse("[1, 2]"), Json.parse("[2, 1]")), "array order matters")
    }
    test("the JSON reader rejects what RFC 8259 rejects") {
        for (bad in listOf("", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "\"\\x\"", "\"\\u12\"",
            "\"a\nb\"", "{\"a\":1,\"a\":2}", "[1] [2]", "tru", "nul", "{'a':1}", "NaN")) {
            val result = try { Json.parse(bad) } catch (e: JsonException) { null }
            ok(result == null, "accepted ${Json.quote(bad)}")
        }
    }
}

/** Forms from the mission's XLSForm workbooks (directory in MEAL_FORMS), validation, state. */
private fun forms() {
    val dir = File(System.getenv("MEAL_FORMS") ?: "examples/forms")
    val now = "2026-11-27T10:00:00+01:00"
    test("the mission's forms import clean") {
        val files = dir.listFiles { f -> f.name.endsWith(".xlsx") }?.sorted() ?: emptyList()
        eq(5, files.size, "workbooks in $dir")
        for (file in files) eq(emptyList<Any>(), Form.fromXlsform(file.readBytes()).findings("fr"), file.name)
    }
    val consultation by lazy { Form.fromXlsform(File(dir, "consultation_medicale.xlsx").readBytes()) }
    val visit = """{"date_consultation": "2026-11-26", "site": "idf_centre", "code_patient": "%s", "age": 16,
        "sexe": "f", "enceinte": "non", "poids": "60", "taille": 170, "motifs": "autre",
        "motif_autre": "douleur dentaire", "diagnostic": "carie", "orientation": "aucune"}"""
    test("a visit is validated with the author's message in French") {
        val good = consultation.validate(visit.format("KAB-0417"), "fr", now)
        ok(good.valid, "valid: ${good.findings}")
        ok(good.cleanedJson.contains("\"imc\":\"20.8\""), good.cleanedJson)
        val bad = consultation.validate(visit.format("kab-17"), "fr", now)
        eq(false, bad.valid, "valid")
        eq("form.constraint", bad.findings.first().code, "code")
        eq("/code_patient", bad.findings.first().path, "path")
        ok(bad.findings.first().message.contains("trois lettres majuscules"), bad.findings.first().message)
    }
    test("live state follows skip logic") {
        val woman = consultation.state("""{"sexe": "f", "age": 30}""", "fr", now).associateBy { it.path }
        val man = consultation.state("""{"sexe": "m", "age": 30}""", "fr", now).associateBy { it.path }
        eq(true, woman["/enceinte"]?.relevant, "relevant for a woman")
        eq(false, man["/enceinte"]?.relevant, "relevant for a man")
        eq("30", woman["/age"]?.valueJson, "value")
    }
    test("bad submissions and workbooks are MealException with a code") {
        eq("form.submission_not_object", fails("form.submission_not_object") { consultation.validate("[1]", "en", now) }.code)
        fails("xlsform.unreadable") { Form.fromXlsform(byteArrayOf(1, 2, 3)) }
        fails("input.date_time") { consultation.validate("{}", "en", "yesterday") }
    }
    test("expressions evaluate on JSON values and check types") {
        val e = Expr.parse("\${age} >= 15")
        eq(listOf("age"), e.references(), "references")
        eq("true", e.evaluate("""{"age": 16}""", "null", null, now), "evaluate")
        eq("-2", Expr.parse("round(-1.5)").evaluate("{}", "null", null, now), "round")
        eq(listOf("expr.unknown_field"), Expr.parse("\${x} + 1").check(mapOf("y" to "number"), "en").map { it.code }, "check")
        fails("expr.syntax") { Expr.parse("1 +") }
    }
}

fun main() {
    jsonReader()
    forms()
    periods()
    logframes()
    indicators()
    messages()
    checks.report()
}
