// Checks of the generated Kotlin API for the MEAL plan, capitalisation, spreadsheet authoring
// and interoperability (issue 7): every export, its marshalling (objects in records, nullable
// dates and objects, bytes, enums) and its error mapping — every bad input (malformed JSON, a
// date that does not read, bytes that are not an .xlsx, an unknown code) is a
// MealException.Failed with the core's code, never an internal error. The rules themselves are
// pinned by the vectors.
//
//   java ... org.meal.mobile.test.PlanTestKt <vectors dir>      (or MEAL_VECTORS=<dir>)
//
// One line per failure, then "PlanTest: N passed, M failed"; exit status 1 on any failure.
package org.meal.mobile.test

import java.io.File
import org.meal.mobile.DueKind
import org.meal.mobile.LessonStatus
import org.meal.mobile.Loaded
import org.meal.mobile.Logframe
import org.meal.mobile.Mapping
import org.meal.mobile.MealPlan
import org.meal.mobile.LessonsRegister
import org.meal.mobile.PrivacyRules
import org.meal.mobile.Schema
import org.meal.mobile.consolidateLessons
import org.meal.mobile.hxlColumns
import org.meal.mobile.iatiExport
import org.meal.mobile.iatiImport
import org.meal.mobile.logframeFromXlsx
import org.meal.mobile.logframeToXlsx
import org.meal.mobile.mealPlanFromXlsx
import org.meal.mobile.mealPlanToXlsx
import org.meal.mobile.planCoverage
import org.meal.mobile.readManoExport
import org.meal.mobile.reportingCalendar
import org.meal.mobile.searchLessons

private val checks = Checks("PlanTest")

private fun test(name: String, body: () -> Unit) = checks.test(name, body)

private lateinit var data: File

private fun logframe(name: String) = Logframe.fromJson(File(data, name).readText(Charsets.UTF_8))

/** A small, clean plan of the IDF project: one row, one role, monthly SITREPs. */
private val PLAN = """{
  "format_version": 1,
  "project": "IDF",
  "start": "2026-01-01",
  "roles": [{"code": "meal_officer", "name": {"en": "MEAL officer", "fr": "Chargé·e SERA"}}],
  "reporting": {"sitrep": "monthly", "sitrep_due_days": 10, "annual_report_due_days": 60,
                "quality_review": "quarterly"},
  "indicators": [{
    "indicator": "IDF-IND-01",
    "source": {"kind": "external", "description": {"en": "Partner register", "fr": "Registre du partenaire"}},
    "method": "external_report",
    "tool": {"en": "Spreadsheet", "fr": "Tableur"},
    "frequency": "monthly",
    "responsible": "meal_officer",
    "reporting": ["sitrep"]
  }]
}"""

private fun register(vararg lessons: String) =
    """{"format_version": 1, "lessons": [${lessons.joinToString(",")}]}"""

private fun lesson(id: String, project: String, date: String, status: String = "validated", tags: String = "[]") = """{
  "id": "$id", "project": "$project", "discipline": "protection", "date": "$date", "status": "$status",
  "lesson": {"en": "Night outreach finds more minors", "fr": "Les maraudes de nuit trouvent plus de mineurs"},
  "context": {"en": "Winter", "fr": "Hiver"},
  "evidence": {"en": "Contact records", "fr": "Fiches de contact"},
  "recommendation": {"en": "Keep two night rounds", "fr": "Garder deux maraudes de nuit"},
  "tags": $tags}"""

private const val IATI_REQUEST = """{
  "organisation": {"ref": "FR-RNA-W751234567", "type": "21", "name": {"en": "The mission", "fr": "La mission"}},
  "activity_prefix": "FR-RNA-W751234567",
  "generated": "2026-12-31T09:00:00+01:00",
  "periods": ["2026"]}"""

private const val HXL_SCHEMA = """{"format_version": 1, "columns": [
  {"name": "id", "type": "text", "required": true},
  {"name": "women", "type": "integer", "hxl": "#affected+f+adult"},
  {"name": "girls", "type": "integer", "hxl": "#affected+f+children"},
  {"name": "men", "type": "integer", "hxl": "#affected+m+adult"}]}"""

private fun plans() {
    test("MealPlan reads, writes back identically, and a clean plan has no findings") {
        val plan = MealPlan.fromJson(PLAN)
        eq("IDF", plan.project(), "project")
        eq(emptyList<Any>(), plan.findings("en").map { it.code }, "findings")
        eq(emptyList<Any>(), plan.validate("en").map { it.code }, "validate")
        eq(plan.toJson(), MealPlan.fromJson(plan.toJson()).toJson(), "round trip")
    }
    test("MealPlan: an unknown field is a reading finding; validate does not repeat it") {
        val plan = MealPlan.fromJson(PLAN.replaceFirst("\"start\"", "\"colour\": \"red\", \"start\""))
        eq(listOf("document.unknown_field"), plan.findings("en").map { it.code }, "findings")
        eq(emptyList<Any>(), plan.validate("en").map { it.code }, "validate")
    }
    test("MealPlan: an undefined responsible role is a finding with a message in French") {
        val plan = MealPlan.fromJson(PLAN.replace("\"responsible\": \"meal_officer\"", "\"responsible\": \"nobody\""))
        val found = plan.validate("fr")
        ok(found.isNotEmpty(), "a finding for the unknown role")
        ok(found.all { it.message.isNotBlank() && it.severity in setOf("error", "warning", "info") }, "rendered")
    }
    test("MealPlan: malformed JSON, a wrong version, a wrong shape, an unknown enum code") {
        fails("json.malformed") { MealPlan.fromJson("{\"format_version\": 1,") }
        fails("document.format_version") { MealPlan.fromJson(PLAN.replace("\"format_version\": 1", "\"format_version\": 99")) }
        fails("document.invalid") { MealPlan.fromJson("""{"format_version": 1, "project": 3}""") }
        fails("document.invalid") { MealPlan.fromJson(PLAN.replace("\"method\": \"external_report\"", "\"method\": \"telepathy\"")) }
        fails("document.invalid") { MealPlan.fromJson(PLAN.replace("\"start\": \"2026-01-01\"", "\"start\": \"2026-02-30\"")) }
    }
    test("planCoverage: indicators without a plan row and an unknown form are findings; bad forms throw") {
        val idf = logframe("logframe-idf.json")
        val plan = MealPlan.fromJson(PLAN)
        val rules = PrivacyRules.fromJson(File(data, "privacy-rules.json").readText(Charsets.UTF_8))
        val found = planCoverage(listOf(plan), listOf(idf), emptyList(), rules, "en")
        ok(found.count { it.code == "plan.no_plan_row" } == idf.indicatorCodes().size - 1, "one per uncovered indicator: $found")
        ok(found.all { it.message.isNotBlank() }, "messages")
        eq(found.sortedWith(compareBy({ it.path }, { it.code })), found, "sorted by path then code")
        val toForm = MealPlan.fromJson(
            PLAN.replace(
                """{"kind": "external", "description": {"en": "Partner register", "fr": "Registre du partenaire"}}""",
                """{"kind": "form", "form": "no_such_form", "field": "age"}""",
            ),
        )
        val unknown = planCoverage(listOf(toForm), listOf(idf), emptyList(), null, "fr")
        ok(unknown.any { it.code == "plan.unknown_form" }, "unknown form: ${unknown.map { it.code }}")
        eq(emptyList<Any>(), planCoverage(emptyList(), emptyList(), emptyList(), null, "en"), "nothing to cover")
    }
    test("reportingCalendar: dates as ISO strings, periods as Period, the seminar for the mission") {
        val calendar = reportingCalendar(listOf(MealPlan.fromJson(PLAN)), "2026-01-01", "2026-12-31", "2026-11-20")
        eq("2026-01-01", calendar.from, "from")
        eq("2026-12-31", calendar.to, "to")
        val seminar = calendar.due.single { it.kind == DueKind.SEMINAR }
        eq("2026-11-20", seminar.date, "seminar date")
        eq(null, seminar.project, "the seminar is the mission's")
        val sitreps = calendar.due.filter { it.kind == DueKind.SITREP }
        ok(sitreps.isNotEmpty() && sitreps.all { it.project == "IDF" && it.period?.periodType() == "Monthly" }, "monthly SITREPs")
        eq("2026-02-10", sitreps.first().date, "January's SITREP, ten days after the month")
        eq(calendar.due.sortedBy { it.date }, calendar.due, "sorted by date")
        eq(0, reportingCalendar(emptyList(), "2026-01-01", "2026-01-31", null).due.size, "no plans")
    }
    test("reportingCalendar: an unreadable date, a reversed range") {
        val plan = MealPlan.fromJson(PLAN)
        fails("input.date") { reportingCalendar(listOf(plan), "2026-13-01", "2026-12-31", null) }
        fails("input.date") { reportingCalendar(listOf(plan), "2026-01-01", "31/12/2026", null) }
        fails("input.date") { reportingCalendar(listOf(plan), "2026-01-01", "2026-12-31", "soon") }
        fails("plan.bad_range") { reportingCalendar(listOf(plan), "2026-12-31", "2026-01-01", null) }
    }
}

private fun lessons() {
    val idf = LessonsRegister.fromJson(
        register(
            lesson("IDF-L-2026-01", "IDF", "2026-02-01", tags = "[\"outreach\", \"night\"]"),
            lesson("IDF-L-2026-02", "IDF", "2026-05-01", status = "draft"),
        ),
    )
    val calais = LessonsRegister.fromJson(register(lesson("CAL-L-2026-01", "CAL", "2026-03-15")))
    test("LessonsRegister: lessons as records, texts in both languages, status as an enum") {
        val all = idf.lessons()
        eq(listOf("IDF-L-2026-01", "IDF-L-2026-02"), all.map { it.id }, "ids")
        eq("2026-02-01", all[0].date, "date")
        eq(LessonStatus.VALIDATED, all[0].status, "status")
        eq("protection", all[0].discipline, "discipline")
        eq("Hiver", all[0].context.fr, "French text")
        eq(listOf("outreach", "night"), all[0].tags, "tags")
        eq(emptyList<Any>(), idf.findings("en"), "clean")
        eq(idf.toJson(), LessonsRegister.fromJson(idf.toJson()).toJson(), "round trip")
    }
    test("searchLessons: filters, newest first") {
        eq(listOf("IDF-L-2026-02", "IDF-L-2026-01"), searchLessons(idf, "{}").map { it.id }, "all, newest first")
        eq(listOf("IDF-L-2026-01"), searchLessons(idf, """{"tags": ["night"]}""").map { it.id }, "tag")
        eq(listOf("IDF-L-2026-02"), searchLessons(idf, """{"status": "draft"}""").map { it.id }, "status")
        eq(listOf("IDF-L-2026-01"), searchLessons(idf, """{"to": "2026-03-01"}""").map { it.id }, "date bound")
        eq(listOf("IDF-L-2026-02", "IDF-L-2026-01"), searchLessons(idf, """{"text": "maraudes NUIT"}""").map { it.id }, "words, case ignored")
    }
    test("searchLessons: malformed query, unknown status code, unknown criterion") {
        fails("json.malformed") { searchLessons(idf, "{\"text\":") }
        val unknown = try {
            searchLessons(idf, """{"status": "forgotten"}""")
            null
        } catch (e: org.meal.mobile.MealException.Failed) {
            e.code
        }
        ok(unknown == "json.malformed" || unknown == "plan.bad_query", "unknown status: $unknown")
        val criterion = try {
            searchLessons(idf, """{"colour": "red"}""")
            null
        } catch (e: org.meal.mobile.MealException.Failed) {
            e.code
        }
        ok(criterion == "json.malformed" || criterion == "plan.bad_query", "unknown criterion: $criterion")
    }
    test("consolidateLessons: one mission register; an id in two registers is a finding, both kept") {
        val mission = consolidateLessons(listOf(idf, calais), "en")
        eq(listOf("IDF-L-2026-01", "CAL-L-2026-01", "IDF-L-2026-02"), mission.register.lessons().map { it.id }, "by date")
        eq(emptyList<Any>(), mission.findings, "no duplicates")
        val twice = consolidateLessons(listOf(idf, idf), "fr")
        eq(4, twice.register.lessons().size, "both kept")
        ok(twice.findings.isNotEmpty() && twice.findings.all { it.code == "plan.duplicate_lesson" }, "duplicates: ${twice.findings}")
    }
    test("LessonsRegister: malformed JSON, wrong version, invalid date") {
        fails("json.malformed") { LessonsRegister.fromJson("[") }
        fails("document.format_version") { LessonsRegister.fromJson("""{"format_version": 7, "lessons": []}""") }
        fails("document.invalid") { LessonsRegister.fromJson(register(lesson("X", "IDF", "2026-02-31"))) }
    }
}

private fun templates() {
    val notXlsx = "project,objective\nIDF,1\n".toByteArray()
    test("logframe workbook: written in French and English, read back identically") {
        val idf = logframe("logframe-idf.json")
        for (locale in listOf("fr", "en")) {
            val bytes = logframeToXlsx(idf, locale)
            eq("PK", String(bytes.copyOfRange(0, 2), Charsets.US_ASCII), "a zip ($locale)")
            val read = logframeFromXlsx(bytes, locale)
            eq(emptyList<Any>(), read.findings.map { it.code }, "findings ($locale)")
            eq(idf.toJson(), read.logframe?.toJson(), "round trip ($locale)")
        }
    }
    test("MEAL plan workbook: read back identically") {
        val plan = MealPlan.fromJson(PLAN)
        val read = mealPlanFromXlsx(mealPlanToXlsx(plan, "fr"), "fr")
        eq(emptyList<Any>(), read.findings.map { it.code }, "findings")
        eq(plan.toJson(), read.plan?.toJson(), "round trip")
    }
    test("workbooks: bytes that are not an .xlsx, an .xlsx that is not the template") {
        fails("template.unreadable") { logframeFromXlsx(notXlsx, "en") }
        fails("template.unreadable") { mealPlanFromXlsx(ByteArray(0), "en") }
        val xlsform = File(data, "../forms/consultation_medicale.xlsx").readBytes()
        fails("template.missing_sheet") { logframeFromXlsx(xlsform, "en") }
        fails("template.missing_sheet") { mealPlanFromXlsx(xlsform, "fr") }
    }
}

private fun interop() {
    test("iatiExport: IATI 2.03 XML; iatiImport reads it back as JSON") {
        val xml = iatiExport(listOf(logframe("logframe-idf.json")), null, IATI_REQUEST)
        ok(xml.contains("<iati-activities") && xml.contains("version=\"2.03\""), "an IATI 2.03 file")
        ok(xml.contains("FR-RNA-W751234567-IDF"), "the activity identifier")
        val back = Json.parse(iatiImport(xml)) as Json.Obj
        val activities = back.fields["activities"] as Json.Arr
        eq(1, activities.items.size, "one activity per logframe")
        eq(xml, iatiExport(listOf(logframe("logframe-idf.json")), null, IATI_REQUEST), "reproducible")
    }
    test("iatiExport / iatiImport: malformed request, wrong request shape, unknown period, not XML") {
        val idf = logframe("logframe-idf.json")
        fails("json.malformed") { iatiExport(listOf(idf), null, "{") }
        fails("document.invalid") { iatiExport(listOf(idf), null, """{"organisation": 1}""") }
        fails("document.invalid") { iatiExport(listOf(idf), null, IATI_REQUEST.replace("\"2026\"", "\"2026Q9\"")) }
        fails("iati.malformed") { iatiImport("this is not XML") }
        fails("iati.malformed") { iatiImport("<iati-activities><iati-activity>") }
    }
    test("hxlColumns: the columns whose hashtag matches, in column order; Table.toCsv writes the hashtag row") {
        val schema = Schema.fromJson(HXL_SCHEMA)
        eq(listOf("women", "girls"), hxlColumns(schema, "#affected+f"), "+f")
        eq(listOf("women"), hxlColumns(schema, "#affected+f-children"), "-children")
        eq(emptyList<String>(), hxlColumns(schema, "#population"), "no match")
        val csv = Loaded.fromCsv(schema, "id,women,girls,men\nA,1,2,3\n").table().toCsv()
        val lines = csv.trimEnd().lines()
        eq("id,women,girls,men", lines[0], "header")
        eq(",#affected+f+adult,#affected+f+children,#affected+m+adult", lines[1], "hashtag row")
        eq("A,1,2,3", lines[2], "row")
    }
    test("hxlColumns: a pattern that is not one") {
        val schema = Schema.fromJson(HXL_SCHEMA)
        fails("hxl.invalid_pattern") { hxlColumns(schema, "affected") }
        fails("hxl.invalid_pattern") { hxlColumns(schema, "") }
    }
    test("readManoExport: bytes that are not an .xlsx") {
        fails("mano.unreadable") { readManoExport("nom;prenom\n".toByteArray(), null, "en") }
        fails("mano.unreadable") { readManoExport(ByteArray(3), "{}", "fr") }
    }
    test("Mapping: malformed JSON, wrong version") {
        fails("json.malformed") { Mapping.fromJson("{\"format_version\": 1") }
        fails("document.format_version") { Mapping.fromJson("""{"format_version": 5, "target": {}, "columns": []}""") }
    }
}

fun main(args: Array<String>) {
    val vectors = File(args.firstOrNull() ?: System.getenv("MEAL_VECTORS") ?: "tests/vectors")
    data = File(vectors, "../../examples/data")
    plans()
    lessons()
    templates()
    interop()
    checks.report()
}
