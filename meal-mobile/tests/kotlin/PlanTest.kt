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
import org.meal.mobile.Form
import org.meal.mobile.LessonStatus
import org.meal.mobile.Loaded
import org.meal.mobile.Logframe
import org.meal.mobile.Mapping
import org.meal.mobile.MealPlan
import org.meal.mobile.LessonsRegister
import org.meal.mobile.PrivacyRules
import org.meal.mobile.Schema
import org.meal.mobile.checkMealPlan
import org.meal.mobile.checkPlanCoverage
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
    test("checkMealPlan: the list MealPlan.findings gives; unreadable text throws") {
        val text = PLAN.replace("\"responsible\": \"meal_officer\"", "\"responsible\": \"nobody\"")
        eq(MealPlan.fromJson(text).findings("en"), checkMealPlan(text, "en"), "same findings")
        fails("json.malformed") { checkMealPlan("{", "en") }
        fails("document.format_version") { checkMealPlan("{\"format_version\": 2}", "en") }
    }
    test("checkPlanCoverage: the mission's plans against their logframes, from one JSON text") {
        val names = listOf("idf", "calais", "dunkerque", "marseille")
        fun doc(name: String) = File(data, name).readText(Charsets.UTF_8)
        val input = """{"plans": [${names.joinToString(",") { doc("plan-$it.json") }}],
            "logframes": [${names.joinToString(",") { doc("logframe-$it.json") }}],
            "forms": [], "rules": ${doc("privacy-rules.json")}}"""
        val found = checkPlanCoverage(input, "fr")
        ok(found.none { it.code == "plan.no_plan_row" }, "every indicator has a plan row: ${found.map { it.code }}")
        ok(found.all { it.message.isNotBlank() }, "messages")
        val withUnknown = checkPlanCoverage(input.replaceFirst("\"format_version\"", "\"colour\": 1, \"format_version\""), "en")
        ok(withUnknown.any { it.code == "document.unknown_field" && it.path.startsWith("/plans/0") }, "reading findings under the plan's place")
        fails("json.malformed") { checkPlanCoverage("{\"plans\": [", "en") }
        fails("document.invalid") { checkPlanCoverage("""{"plans": 3, "logframes": [], "forms": [], "rules": null}""", "en") }
    }
    test("planCoverage: the IDF plan's sources are fields of the mission's forms") {
        val forms = File(data, "../forms").listFiles { f -> f.name.endsWith(".xlsx") }.orEmpty().sortedBy { it.name }
            .map { Form.fromXlsform(it.readBytes()) }
        ok(forms.isNotEmpty(), "the mission's forms")
        val plan = MealPlan.fromJson(File(data, "plan-idf.json").readText(Charsets.UTF_8))
        val rules = PrivacyRules.fromJson(File(data, "privacy-rules.json").readText(Charsets.UTF_8))
        val found = planCoverage(listOf(plan), listOf(logframe("logframe-idf.json")), forms, rules, "en")
        ok(found.none { it.code in setOf("plan.unknown_form", "plan.unknown_field", "plan.no_plan_row") }, "covered: ${found.map { it.code }}")
    }
    test("the mission's plans read cleanly; the 2026 calendar has every kind of due item") {
        val plans = listOf("idf", "calais", "dunkerque", "marseille").map { MealPlan.fromJson(File(data, "plan-$it.json").readText(Charsets.UTF_8)) }
        ok(plans.all { p -> p.findings("en").none { it.severity == "error" } }, "no errors")
        val calendar = reportingCalendar(plans, "2026-01-01", "2026-12-31", "2026-12-04")
        val kinds = calendar.due.map { it.kind }.toSet()
        ok(DueKind.SITREP in kinds && DueKind.QUALITY_REVIEW in kinds && DueKind.SEMINAR in kinds, "kinds: $kinds")
        eq(setOf("IDF", "CAL", "DKQ", "MRS", null), calendar.due.map { it.project }.toSet(), "projects")
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
    test("searchLessons: malformed query, unknown status code, unknown criterion, invalid date") {
        fails("json.malformed") { searchLessons(idf, "{\"text\":") }
        fails("plan.bad_query") { searchLessons(idf, """{"status": "forgotten"}""") }
        fails("plan.bad_query") { searchLessons(idf, """{"discipline": "astrology"}""") }
        fails("plan.bad_query") { searchLessons(idf, """{"colour": "red"}""") }
        fails("plan.bad_query") { searchLessons(idf, """{"from": "2026-02-30"}""") }
    }
    test("consolidateLessons: one mission register; an id in two registers is a finding, both kept") {
        val mission = consolidateLessons(listOf(idf, calais), "en")
        eq(listOf("IDF-L-2026-01", "CAL-L-2026-01", "IDF-L-2026-02"), mission.register.lessons().map { it.id }, "by date")
        eq(emptyList<Any>(), mission.findings, "no duplicates")
        val twice = consolidateLessons(listOf(idf, idf), "fr")
        eq(4, twice.register.lessons().size, "both kept")
        ok(twice.findings.isNotEmpty() && twice.findings.all { it.code == "plan.duplicate_lesson" }, "duplicates: ${twice.findings}")
    }
    test("the mission's starter register: clean, searchable") {
        val mission = LessonsRegister.fromJson(File(data, "lessons.json").readText(Charsets.UTF_8))
        eq(emptyList<Any>(), mission.findings("en").map { it.code }, "clean")
        val idfOnly = searchLessons(mission, """{"project": "IDF"}""")
        ok(idfOnly.isNotEmpty() && idfOnly.all { it.project == "IDF" }, "project filter")
        fails("plan.bad_query") { searchLessons(mission, """{"from": "2026-12-31", "to": "2026-01-01"}""") }
        fails("plan.bad_query") { searchLessons(mission, "[]") }
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
    test("blank templates: read with findings that name sheet, row and column") {
        val templates = File(data, "../templates")
        val logframe = logframeFromXlsx(File(templates, "logframe-template.fr.xlsx").readBytes(), "fr")
        val plan = mealPlanFromXlsx(File(templates, "meal-plan-template.en.xlsx").readBytes(), "en")
        for ((what, found) in listOf("logframe" to logframe.findings, "plan" to plan.findings)) {
            ok(found.isNotEmpty(), "$what: a blank template is not a document")
            ok(found.all { it.message.isNotBlank() }, "$what: messages")
            ok(found.any { "sheet" in it.params && "row" in it.params && "column" in it.params }, "$what: located: ${found.map { it.params }}")
        }
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
        eq(",#affected+adult+f,#affected+children+f,#affected+adult+m", lines[1], "hashtag row, attributes sorted")
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
    test("readManoExport: an .xlsx that is not a MANO export is read as text with warnings") {
        val workbook = File(data, "../templates/logframe-template.en.xlsx").readBytes()
        val export = readManoExport(workbook, null, "fr")
        ok(export.sheets.isNotEmpty(), "every sheet read")
        ok(export.sheets.all { it.loaded.rowsRead() == it.loaded.table().size() + it.loaded.rejected("en").size.toULong() }, "rows accounted for")
        ok(export.findings.any { it.code == "mano.unknown_sheet" } && export.findings.all { it.message.isNotBlank() }, "warnings: ${export.findings.map { it.code }}")
        fails("mano.bad_config") { readManoExport(workbook, "[1, 2]", "en") }
        fails("mano.bad_config") { readManoExport(workbook, "{", "en") }
    }
    test("Mapping: a legacy export migrated to MANO's schema, every record accounted for") {
        val source = Schema.fromJson(File(data, "migration-voozanoo-schema.json").readText(Charsets.UTF_8))
        val mapping = Mapping.fromJson(File(data, "migration-voozanoo-mano.json").readText(Charsets.UTF_8))
        eq(emptyList<Any>(), mapping.findings("en"), "reading")
        eq(emptyList<Any>(), mapping.check(source, "en").map { it.code }, "check")
        ok("followedSince" in mapping.target().columnNames(), "target schema")
        eq(mapping.toJson(), Mapping.fromJson(mapping.toJson()).toJson(), "round trip")
        val header = source.columnNames().joinToString(",") { if (it.contains(',') || it.contains('"')) "\"$it\"" else it }
        val csv = header + "\n" +
            "V-001,Martin,Ali,H,02/03/1990,15/01/2026,CMU,Douche;Repas,\"12,5\",Oui,\"12 rue X, 75010, Paris\"\n" +
            "V-002,Durand,Zoé,F,31/02/1990,16/01/2026,AME,Douche,0,Non,\"1 av Y, 93200, Saint-Denis\"\n" +
            "V-001,Martin,Ali,H,02/03/1990,15/01/2026,CMU,Douche,0,Oui,\"12 rue X, 75010, Paris\"\n"
        val migration = mapping.migrateCsv(source, csv)
        eq(3uL, migration.rowsRead(), "rows read")
        eq(migration.rowsRead(), migration.migrated() + migration.rejected("en").size.toULong(), "counts in equal counts out")
        eq(1uL, migration.migrated(), "one clean record")
        eq(listOf(2uL, 3uL), migration.rejected("fr").map { it.row }, "the bad date and the duplicate key, by source row")
        ok(migration.rejected("fr").all { r -> r.findings.isNotEmpty() && r.findings.all { it.message.isNotBlank() } }, "why")
        val summary = Json.parse(migration.summaryJson()) as Json.Obj
        eq(1, (summary.fields["rows"] as Json.Arr).items.size, "summary rows")
        ok(Json.same(Json.parse(migration.reconciliationJson()), summary.fields["reconciliation"]!!), "summary reconciliation")
        eq(migration.table().toJsonLines(), mapping.migrate(Loaded.fromCsv(source, csv)).table().toJsonLines(), "migrate = migrateCsv")
    }
    test("Mapping: a rule on an unknown source column is a finding and migrating refuses") {
        val source = Schema.fromJson("""{"format_version": 1, "columns": [{"name": "a", "type": "text"}]}""")
        val mapping = Mapping.fromJson(
            """{"format_version": 1, "target": {"format_version": 1, "columns": [{"name": "b", "type": "text"}]},
                "columns": [{"target": "b", "from": "nope"}]}""",
        )
        ok(mapping.check(source, "en").any { it.severity == "error" }, "an error finding")
        fails("migration.invalid_mapping") { mapping.migrateCsv(source, "a\nx\n") }
        fails("data.no_header") { mapping.migrateCsv(source, "") }
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
