// The small test harness shared by ApiTest and PrivacyTest (plain functions, no framework: the
// JVM tests run from a jar with only the Kotlin stdlib and JNA on the classpath).
package org.meal.mobile.test

import java.io.File
import kotlin.system.exitProcess
import org.meal.mobile.MealException

/** Counts passing and failing checks of one test program and reports them. */
class Checks(private val program: String) {
    private var passed = 0
    private var failed = 0

    /** Runs one named check; a throw is a failure, printed with its message. */
    fun test(name: String, body: () -> Unit) {
        try {
            body()
            passed++
        } catch (e: Throwable) {
            failed++
            println("FAIL $name: ${e.javaClass.simpleName}: ${e.message}")
        }
    }

    /** Prints "<program>: N passed, M failed" and exits with 1 on any failure. */
    fun report(): Nothing {
        println("$program: $passed passed, $failed failed")
        exitProcess(if (failed == 0) 0 else 1)
    }
}

fun <T> eq(expected: T, actual: T, what: String = "value") {
    if (expected != actual) throw AssertionError("$what: expected <$expected>, got <$actual>")
}

fun ok(condition: Boolean, what: String) {
    if (!condition) throw AssertionError(what)
}

/** Runs [body], which must throw MealException.Failed with [code]; returns it. */
fun fails(code: String, body: () -> Any?): MealException.Failed {
    val result = try {
        body()
    } catch (e: MealException.Failed) {
        if (e.code != code) throw AssertionError("expected MealException code $code, got ${e.code} (${e.reason})")
        return e
    }
    throw AssertionError("expected MealException code $code, got success: $result")
}

/** The inputs of the shared vectors in [files] of the vectors directory [dir], by vector name. */
class VectorInputs(dir: File, files: List<String>) {
    private val byName: Map<String, Json.Obj> = files.flatMap { file ->
        val doc = Json.parse(File(dir, file).readText(Charsets.UTF_8)) as Json.Obj
        (doc.fields["vectors"] as Json.Arr).items.map { v ->
            val vector = v as Json.Obj
            (vector.fields["name"] as Json.Str).value to (vector.fields["input"] as Json.Obj)
        }
    }.toMap()

    /** The raw JSON text of `input.[field]` of vector [name]. */
    fun text(name: String, field: String): String {
        val input = byName[name] ?: throw AssertionError("no vector $name")
        return input.fields[field]?.raw ?: throw AssertionError("vector $name has no input.$field")
    }
}
