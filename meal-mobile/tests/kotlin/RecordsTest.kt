// Checks of the generated Kotlin API for records, the indicator engine, data quality and
// reports: every export, its marshalling (objects, records, unsigned counts, bytes, maps,
// nulls) and its error mapping (every bad input is a MealException.Failed with the core's
// code). The rules themselves are pinned by the vectors; documents come from them.
//
//   java ... org.meal.mobile.test.RecordsTestKt <vectors dir>      (or MEAL_VECTORS=<dir>)
//
// One line per failure, then "RecordsTest: N passed, M failed"; exit status 1 on any failure.
package org.meal.mobile.test

import java.io.File
import kotlin.system.exitProcess
import org.meal.mobile.AnnualReport
import org.meal.mobile.Engine
import org.meal.mobile.Form
import org.meal.mobile.Format
import org.meal.mobile.Loaded
import org.meal.mobile.Logframe
import org.meal.mobile.Partial
import org.meal.mobile.Period
import org.meal.mobile.QualityChecks
import org.meal.mobile.QualityReport
import org.meal.mobile.Recipes
import org.meal.mobile.Results
import org.meal.mobile.Schema
import org.meal.mobile.Sitrep
import org.meal.mobile.checkQuality

private val checks = Checks("RecordsTest")

private fun test(name: String, body: () -> Unit) = checks.test(name, body)

private const val NOW = "2026-04-10T09:00:00+02:00"

private const val SMALL_SCHEMA = """{"format_version": 1, "columns": [
  {"name": "id", "type": "text", "required": true},
  {"name": "age", "type": "integer"},
  {"name": "on", "type": "date"}]}"""

/** The engine documents of one compute vector, read through the API. */
private class Mission(vectors: VectorInputs, name: String) {
    val logframes = (Json.parse(vectors.text(name, "logframes")) as Json.Arr).items.map { Logframe.fromJson(it.raw) }
    val recipes = Recipes.fromJson(vectors.text(name, "recipes"))
    val schema = Schema.fromJson(vectors.text(name, "schema"))
    val csv = (Json.parse(vectors.text(name, "csv")) as Json.Str).value

    fun engine(periods: List<String> = listOf("2026Q1"), now: String = NOW) =
        Engine(logframes, recipes, schema, periods.map { Period.parse(it) }, now)
}

private fun schemas(vectors: VectorInputs) {
    test("Schema.fromJson reads columns; findings name duplicate columns; loading refuses them") {
        val schema = Schema.fromJson(SMALL_SCHEMA)
        eq(listOf("id", "age", "on"), schema.columnNames(), "columns")
        eq(emptyList<Any>(), schema.findings("en"), "findings")
        eq(listOf("id", "age", "on"), Schema.fromJson(schema.toJson()).columnNames(), "round trip")
        val twice = Schema.fromJson("""{"format_version": 1, "columns": [{"name": "a", "type": "text"}, {"name": "a", "type": "integer"}]}""")
        eq(listOf("data.duplicate_column"), twice.findings("en").map { it.code }, "duplicate")
        eq("/columns/1/name", twice.findings("en").first().path, "path")
        fails("data.duplicate_column") { Loaded.fromCsv(twice, "a\n1\n") }
    }
    test("bad schema documents are MealException with the core's code") {
        fails("json.malformed") { Schema.fromJson("{") }
        fails("document.invalid") { Schema.fromJson("""{"format_version": 1, "columns": [{"name": "a", "type": "float"}]}""") }
        fails("document.format_version") { Schema.fromJson("""{"format_version": 99, "columns": []}""") }
    }
    test("Schema.fromForm types the columns of a form's submissions") {
        val dir = File(System.getenv("MEAL_FORMS") ?: "examples/forms")
        val schema = Schema.fromForm(Form.fromXlsform(File(dir, "consultation_medicale.xlsx").readBytes()))
        ok("sexe" in schema.columnNames() && "age" in schema.columnNames(), "columns ${schema.columnNames()}")
        val broken = Form.fromJson(vectors.text("compile-duplicate-name", "form"))
        fails("form.not_compilable") { Schema.fromForm(broken) }
    }
}

private fun loading() {
    val schema = Schema.fromJson(SMALL_SCHEMA)
    test("a CSV with bad rows: every row loaded or rejected with its codes") {
        val loaded = Loaded.fromCsv(
            schema,
            "id,age,on,extra\na,12,2026-01-02,x\nb,twelve,2026-01-03,y\n,5,2026-01-04,z\nd,7,2026-13-01,w\n",
        )
        eq(4uL, loaded.rowsRead(), "rows read")
        eq(1uL, loaded.table().size(), "loaded")
        eq(listOf(1uL), loaded.table().sourceRows(), "source rows")
        val rejected = loaded.rejected("fr")
        eq(listOf(2uL, 3uL, 4uL), rejected.map { it.row }, "rejected rows")
        eq(listOf("data.not_integer", "data.required", "data.not_date"), rejected.map { it.findings.single().code }, "codes")
        ok(rejected.first().findings.single().message.isNotEmpty(), "message in French")
        eq(listOf("data.unknown_column"), loaded.findings("en").map { it.code }, "input findings")
        val summary = Json.parse(loaded.summaryJson()) as Json.Obj
        eq("4", summary.fields["rows_read"]?.raw, "summary rows_read")
    }
    test("an input that is not a table throws") {
        fails("data.no_header") { Loaded.fromCsv(schema, "") }
        fails("data.missing_column") { Loaded.fromCsv(schema, "age,on\n3,2026-01-01\n") }
    }
    test("JSON lines: a line that is not an object is rejected, strings read by the CSV rules") {
        val loaded = Loaded.fromJsonLines(schema, "{\"id\": \"a\", \"age\": 3}\n[1]\n{\"id\": \"b\", \"age\": \"x\"}\n")
        eq(3uL, loaded.rowsRead(), "rows read")
        eq(listOf("data.not_object", "data.not_integer"), loaded.rejected("en").map { it.findings.first().code }, "codes")
    }
    test("CSV bytes that are not UTF-8 reject their row") {
        val bytes = "id,age\na,1\n".toByteArray() + byteArrayOf(0xff.toByte()) + "A,2\n".toByteArray()
        val loaded = Loaded.fromCsvBytes(schema, bytes)
        eq(listOf("data.not_utf8"), loaded.rejected("en").flatMap { r -> r.findings.map { it.code } }, "codes")
    }
    test("Table.select keeps source rows and JSON lines read back to the same records") {
        val table = Loaded.fromCsv(schema, "id,age,on\na,1,2026-01-01\nb,,\nc,3,2026-01-03\nd,4,\n").table()
        eq(4uL, table.size(), "size")
        val picked = table.select(listOf(3uL, 0uL, 99uL))
        eq(listOf(4uL, 1uL), picked.sourceRows(), "selected")
        ok(table.select(emptyList()).isEmpty(), "empty selection")
        val lines = table.toJsonLines()
        eq(lines, Loaded.fromJsonLines(table.schema(), lines).table().toJsonLines(), "round trip")
        ok(lines.startsWith("{\"id\":\"a\",\"age\":1,\"on\":\"2026-01-01\"}\n"), lines)
    }
}

private fun computing(vectors: VectorInputs) {
    val mission = Mission(vectors, "count-with-sex-cells-unknown-and-targets")
    val table = Loaded.fromCsv(mission.schema, mission.csv).table()
    val engine = mission.engine()
    test("Engine.compute gives typed figures, lookups and provenance") {
        eq(emptyList<Any>(), engine.findings("en"), "engine findings")
        eq(listOf("2026Q1"), engine.periods().map { it.id() }, "periods")
        val results = engine.compute(table)
        eq(10uL, results.rowsRead(), "rows read")
        eq(1uL, results.rowsWithoutDate(), "rows without date")
        val total = results.figure("C1", "2026Q1", emptyMap()) ?: throw AssertionError("no total")
        eq("5", total.value, "value")
        eq("4", total.target, "target")
        eq("1.25", total.achievement, "achievement")
        eq("on_track", total.status, "status")
        eq(7uL, total.rows.inWindow, "in window")
        eq(emptyMap<String, String>(), total.cell, "total cell")
        eq("2", results.figure("C1", "2026Q1", mapOf("sex" to "f"))?.value, "female cell")
        eq(null, results.figure("C1", "2026Q1", mapOf("sex" to "nobody")), "no such cell")
        eq(listOf(emptyMap(), mapOf("sex" to "f"), mapOf("sex" to "m"), mapOf("sex" to "unknown")), results.figures().map { it.cell }, "cells")
        ok(results.documents().keys.containsAll(listOf("recipes", "logframe:TST")), "documents ${results.documents()}")
        fails("period.invalid") { results.figure("C1", "first quarter", emptyMap()) }
    }
    test("Results cross as JSON and read back to the same figures") {
        val results = engine.compute(table)
        val again = Results.fromJson(results.toJson())
        eq(results.figures(), again.figures(), "figures")
        eq(results.toJson(), again.toJson(), "text")
        fails("json.malformed") { Results.fromJson("{") }
        fails("document.invalid") { Results.fromJson("{}") }
    }
    test("partitions computed apart, synced as JSON and merged equal one pass") {
        val state = engine.empty()
        for (rows in listOf(listOf(0uL, 2uL, 4uL, 6uL, 8uL), listOf(1uL, 3uL, 5uL, 7uL, 9uL))) {
            val synced = engine.partial(table.select(rows)).toJson()
            state.merge(Partial.fromJson(synced))
        }
        eq(10uL, state.rowsRead(), "rows read")
        eq(engine.fingerprint(), state.engine(), "fingerprint")
        eq(engine.compute(table).figures(), engine.finalize(state).figures(), "figures")
        eq(engine.partial(table).toJson(), state.toJson(), "same state")
    }
    test("a state merged into itself counts its rows twice and does not deadlock") {
        val state = engine.partial(table)
        state.merge(state)
        eq(20uL, state.rowsRead(), "rows read")
    }
    test("a foreign partial state is refused and leaves the state unchanged") {
        val state = engine.partial(table)
        val foreign = mission.engine(listOf("2026Q2")).partial(table)
        fails("compute.incompatible_partial") { state.merge(foreign) }
        eq(10uL, state.rowsRead(), "unchanged")
        fails("compute.incompatible_partial") { engine.finalize(foreign) }
        fails("json.malformed") { Partial.fromJson("{") }
        fails("document.invalid") { Partial.fromJson("[]") }
    }
    test("bad engine inputs are MealException with the core's code") {
        fails("compute.no_periods") { mission.engine(emptyList()) }
        fails("compute.duplicate_period") { mission.engine(listOf("2026Q1", "2026Q1")) }
        fails("input.date_time") { mission.engine(now = "yesterday") }
        val other = Loaded.fromCsv(Schema.fromJson(SMALL_SCHEMA), "id\na\n").table()
        fails("compute.schema_mismatch") { engine.compute(other) }
        fails("compute.schema_mismatch") { engine.partial(other) }
    }
    test("computeCsv streams a file: the figures of one load, every row accounted for") {
        val bad = mission.csv + "r11,2026-02-01,p9,f,old,consult,,,,\n"
        val file = File.createTempFile("records", ".csv").apply { writeText(bad); deleteOnExit() }
        for (streamed in listOf(engine.computeCsv(bad.encodeToByteArray()), engine.computeCsvFile(file.path))) {
            eq(11uL, streamed.rowsRead(), "rows read")
            eq(10uL, streamed.loaded(), "loaded")
            eq(listOf(11uL), streamed.rejected("fr").map { it.row }, "rejected rows")
            eq(engine.compute(table).figures(), streamed.results().figures(), "figures")
            eq(emptyList<Any>(), streamed.findings("en"), "file findings")
        }
        fails("data.no_header") { engine.computeCsv(ByteArray(0)) }
        fails("data.unreadable") { engine.computeCsvFile(file.path + ".missing") }
    }
    test("Recipes: reading findings, indicators, malformed text") {
        eq(listOf("C1"), mission.recipes.indicators(), "indicators")
        val extra = Recipes.fromJson("""{"format_version": 1, "recipes": [], "colour": "red"}""")
        eq(listOf("document.unknown_field"), extra.findings("en").map { it.code }, "unknown field")
        fails("json.malformed") { Recipes.fromJson("{") }
        fails("document.invalid") { Recipes.fromJson("""{"format_version": 1, "recipes": 3}""") }
    }
}

/** The quality inputs of one quality vector, read through the API. */
private class Quality(vectors: VectorInputs, name: String) {
    val schema = Schema.fromJson(vectors.text(name, "schema"))
    val loaded = Loaded.fromCsv(schema, (Json.parse(vectors.text(name, "csv")) as Json.Str).value)
    val checks = QualityChecks.fromJson(vectors.text(name, "checks"))
    val now = (Json.parse(vectors.text(name, "now")) as Json.Str).value
}

private fun quality(vectors: VectorInputs) {
    test("checkQuality counts rejected rows, gives the report and its summary as JSON") {
        val q = Quality(vectors, "invalid-numerics-text-and-rejected-rows")
        eq(emptyList<Any>(), q.checks.findings("en"), "reading findings")
        eq(emptyList<Any>(), q.checks.checkAgainst(q.schema, "en"), "checks against the schema")
        val report = checkQuality(q.loaded, q.checks, q.now)
        eq(q.loaded.rowsRead(), report.rowsChecked(), "rows checked")
        eq(2uL, report.rowsRejected(), "rows rejected")
        eq(0uL, report.rowsUnplaced(), "rows unplaced")
        eq(3uL, report.failureCount(), "failures")
        val again = QualityReport.fromJson(report.toJson())
        eq(report.toJson(), again.toJson(), "round trip")
        val summary = Json.parse(report.summaryJson()) as Json.Obj
        eq("2", summary.fields["invalid_numerics"]?.raw, "summary")
    }
    test("QualityReport.within keeps one period and project") {
        val q = Quality(vectors, "completeness-expected-reports-open-and-closed-sites")
        val report = checkQuality(q.loaded, q.checks, q.now)
        val scorecard = (Json.parse(report.toJson()) as Json.Obj).fields["scorecard"] as Json.Arr
        val first = (scorecard.items.first() as Json.Obj).fields["period"] as Json.Str
        val within = report.within(Period.parse(first.value), null)
        ok(within.failureCount() <= report.failureCount(), "fewer failures")
        eq(0uL, report.within(Period.parse("1999"), null).rowsChecked(), "an empty year")
    }
    test("bad quality inputs are MealException with the core's code") {
        val unknown = Quality(vectors, "error-unknown-column")
        eq(
            listOf("quality.unknown_column"),
            unknown.checks.checkAgainst(unknown.schema, "en").filter { it.severity == "error" }.map { it.code }.distinct(),
            "checkAgainst",
        )
        fails("quality.unknown_column") { checkQuality(unknown.loaded, unknown.checks, unknown.now) }
        val q = Quality(vectors, "completeness-required-cells")
        fails("input.date_time") { checkQuality(q.loaded, q.checks, "now") }
        fails("json.malformed") { QualityChecks.fromJson("{") }
        fails("document.format_version") { QualityChecks.fromJson(vectors.text("error-format-version", "checks")) }
        eq(listOf("document.unknown_field"), QualityChecks.fromJson(vectors.text("checks-unknown-field-is-a-finding", "checks")).findings("en").map { it.code }, "unknown field")
        fails("json.malformed") { QualityReport.fromJson("{") }
        fails("document.invalid") { QualityReport.fromJson("{}") }
    }
}

/** The report inputs of one report vector, read through the API. */
private class Reporting(vectors: VectorInputs, val name: String) {
    val logframes = (Json.parse(vectors.text(name, "logframes")) as Json.Arr).items.map { Logframe.fromJson(it.raw) }
    val results = Results.fromJson(vectors.text(name, "results"))
    val quality = vectors.text(name, "quality").let { if (it == "null") null else QualityReport.fromJson(it) }
    val request = vectors.text(name, "request")
}

private fun reporting(vectors: VectorInputs) {
    test("a SITREP renders to every format: bytes, media type and extension") {
        val r = Reporting(vectors, "sitrep-internal-markdown")
        val sitrep = Sitrep.build(r.logframes, r.results, r.quality, r.request)
        ok(sitrep.title().isNotEmpty(), "title")
        val markdown = sitrep.render(Format.MARKDOWN)
        eq("md", markdown.extension, "extension")
        ok(markdown.mediaType.startsWith("text/markdown"), markdown.mediaType)
        ok(markdown.bytes.decodeToString().contains(sitrep.title()), "title in the text")
        for (format in Format.entries) {
            val rendered = sitrep.render(format)
            ok(rendered.bytes.isNotEmpty(), "$format bytes")
            ok(rendered.extension.isNotEmpty() && rendered.mediaType.isNotEmpty(), "$format kind")
        }
        val xlsx = sitrep.render(Format.XLSX)
        eq("xlsx", xlsx.extension, "xlsx extension")
        eq(listOf<Byte>(0x50, 0x4b), xlsx.bytes.take(2), "a zip container")
        Json.parse(sitrep.render(Format.JSON).bytes.decodeToString())
    }
    test("an annual report builds from the year and its quarters") {
        val r = Reporting(vectors, "annual-internal-csv")
        val annual = AnnualReport.build(r.logframes, r.results, r.quality, r.request)
        ok(annual.title().contains("2026"), annual.title())
        eq("csv", annual.render(Format.CSV).extension, "extension")
        eq(listOf<Byte>(0x50, 0x4b), annual.render(Format.XLSX).bytes.take(2), "xlsx")
    }
    test("bad report inputs are MealException with the core's code") {
        val r = Reporting(vectors, "sitrep-internal-csv")
        fails("json.malformed") { Sitrep.build(r.logframes, r.results, null, "{") }
        fails("document.invalid") { Sitrep.build(r.logframes, r.results, null, """{"scope": "mission"}""") }
        fails("report.unknown_project") { Sitrep.build(r.logframes, r.results, null, vectors.text("sitrep-unknown-project", "request")) }
        fails("disclosure.bad_threshold") { Sitrep.build(r.logframes, r.results, null, vectors.text("sitrep-zero-threshold", "request")) }
        fails("json.malformed") { AnnualReport.build(r.logframes, r.results, null, "") }
        fails("document.invalid") { AnnualReport.build(r.logframes, r.results, null, """{"year": "2026"}""") }
        fails("report.bad_year") { AnnualReport.build(r.logframes, r.results, null, vectors.text("annual-bad-year", "request")) }
    }
}

fun main(args: Array<String>) {
    val dirName = args.firstOrNull() ?: System.getenv("MEAL_VECTORS")
    if (dirName == null) {
        System.err.println("usage: RecordsTestKt <vectors dir>   (or set MEAL_VECTORS)")
        exitProcess(2)
    }
    val vectors = try {
        VectorInputs(File(dirName), listOf("compute.json", "form.json", "quality.json", "report.json"))
    } catch (e: Exception) {
        println("FAIL reading the vectors in $dirName: ${e.message}")
        exitProcess(1)
    }
    schemas(vectors)
    loading()
    computing(vectors)
    quality(vectors)
    reporting(vectors)
    checks.report()
}
