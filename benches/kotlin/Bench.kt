// Form validation through the Kotlin binding on the JVM (issue 10), run by `bash benches/run
// kotlin`: the household-survey form and the 100 000 submissions of meal-core/benches/forms.rs
// (emitted by it, FORMS_EMIT), validated one call per submission (`validate`, `check`) and in
// batches (`checkMany`), and the cost of one trivial call across the FFI boundary.
//
//   java ... org.meal.mobile.bench.BenchKt <dir with form.json and submissions.json>
//
// Each figure is the best of three full passes. It reports; it asserts nothing but that every
// way of asking gives the same number of valid submissions.
package org.meal.mobile.bench

import java.io.File
import org.meal.mobile.Form
import org.meal.mobile.test.Json

private const val NOW = "2026-11-27T10:00:00+01:00"

/** The best wall time of three passes of [pass], in nanoseconds, and the pass's result. */
private fun <T> bestOf3(pass: () -> T): Pair<Long, T> {
    var best = Long.MAX_VALUE
    var result: T? = null
    repeat(3) {
        val start = System.nanoTime()
        result = pass()
        best = minOf(best, System.nanoTime() - start)
    }
    @Suppress("UNCHECKED_CAST")
    return best to (result as T)
}

private fun line(label: String, nanos: Long, count: Int, extra: String = "") {
    val perItem = nanos.toDouble() / count
    val unit = if (perItem < 10_000) "%.0f ns".format(perItem) else "%.1f µs".format(perItem / 1000)
    println("%-44s %10s / item %12.0f / s%s".format(label, unit, count * 1e9 / nanos, extra))
}

/** A JVM-only peer of `form.id()`: a method call on an object returning its string field. */
private class JvmForm(private val id: String) {
    fun id(): String = id
}

fun main(args: Array<String>) {
    val dir = File(args.firstOrNull() ?: error("usage: Bench <dir with form.json and submissions.json>"))
    val form = Form.fromJson(File(dir, "form.json").readText(Charsets.UTF_8))
    val arrayText = File(dir, "submissions.json").readText(Charsets.UTF_8)
    val submissions = (Json.parse(arrayText) as Json.Arr).items.map { it.raw }
    val n = submissions.size
    println("kotlin (JVM ${System.getProperty("java.version")}): ${form.id()} ${form.version()}, $n submissions")

    val calls = 200_000
    val jvm = JvmForm(form.id())
    val (jvmNanos, _) = bestOf3 { var length = 0; repeat(calls) { length += jvm.id().length }; length }
    val (ffiNanos, _) = bestOf3 { var length = 0; repeat(calls) { length += form.id().length }; length }
    line("trivial call: form.id() across the FFI", ffiNanos, calls, "   (%.0f× a JVM method call)".format(ffiNanos.toDouble() / jvmNanos))
    line("peer: the same call on a JVM object", jvmNanos, calls)

    val (validateNanos, validateValid) = bestOf3 { submissions.count { form.validate(it, "en", NOW).valid } }
    val (checkNanos, checkValid) = bestOf3 { submissions.count { form.check(it, "en", NOW).valid } }
    line("validate, one call per submission", validateNanos, n)
    line("check, one call per submission", checkNanos, n)
    var valid = listOf(validateValid, checkValid)
    for (size in listOf(100, 1000)) {
        val batches = submissions.chunked(size).map { it.joinToString(",", "[", "]") }
        val (nanos, count) = bestOf3 { batches.sumOf { batch -> form.checkMany(batch, "en", NOW).count { it.valid } } }
        line("checkMany, batches of $size", nanos, n, "   (check one by one: %.2f× the time)".format(checkNanos.toDouble() / nanos))
        valid = valid + count
    }
    check(valid.toSet().size == 1) { "the ways of asking disagree on the valid count: $valid" }
    println("valid submissions: ${valid.first()} of $n, the same whichever way they are asked")
}
