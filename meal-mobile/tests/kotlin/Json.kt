// A small, strict JSON reader for the tests (the JDK has none and Maven Central is out of
// reach). RFC 8259: objects, arrays, strings with every escape incl. \uXXXX (surrogate pairs
// kept as UTF-16), numbers (kept as their text, never rounded through a Double), true, false,
// null. Every value keeps its raw source text, so a nested document can be handed to the API as
// the JSON string it was written as. Duplicate keys and trailing content are errors.
package org.meal.mobile.test

sealed class Json {
    /** The exact source text of this value. */
    abstract val raw: String

    class Obj(val fields: Map<String, Json>, override val raw: String) : Json()
    class Arr(val items: List<Json>, override val raw: String) : Json()
    class Str(val value: String, override val raw: String) : Json()
    class Num(override val raw: String) : Json()
    class Bool(val value: Boolean, override val raw: String) : Json()
    class Null(override val raw: String) : Json()

    /** A compact, canonical rendering (for messages). */
    fun show(): String = when (this) {
        is Obj -> fields.entries.joinToString(",", "{", "}") { (k, v) -> quote(k) + ":" + v.show() }
        is Arr -> items.joinToString(",", "[", "]") { it.show() }
        is Str -> quote(value)
        is Num -> raw
        is Bool -> value.toString()
        is Null -> "null"
    }

    companion object {
        fun parse(text: String): Json = JsonReader(text).document()

        fun quote(s: String): String {
            val out = StringBuilder("\"")
            for (c in s) {
                when {
                    c == '"' -> out.append("\\\"")
                    c == '\\' -> out.append("\\\\")
                    c == '\n' -> out.append("\\n")
                    c == '\r' -> out.append("\\r")
                    c == '\t' -> out.append("\\t")
                    c < ' ' -> out.append(String.format("\\u%04x", c.code))
                    else -> out.append(c)
                }
            }
            return out.append('"').toString()
        }

        /** Structural equality: object keys in any order, numbers by value, the rest exactly. */
        fun same(a: Json, b: Json): Boolean = when {
            a is Obj && b is Obj -> a.fields.keys == b.fields.keys &&
                a.fields.all { (k, v) -> b.fields[k]?.let { same(v, it) } ?: false }
            a is Arr && b is Arr -> a.items.size == b.items.size &&
                a.items.indices.all { same(a.items[it], b.items[it]) }
            a is Str && b is Str -> a.value == b.value
            a is Num && b is Num -> java.math.BigDecimal(a.raw).compareTo(java.math.BigDecimal(b.raw)) == 0
            a is Bool && b is Bool -> a.value == b.value
            a is Null && b is Null -> true
            else -> false
        }

        fun str(value: String) = Str(value, quote(value))
        fun bool(value: Boolean) = Bool(value, value.toString())
        fun nul() = Null("null")
        fun strOrNull(value: String?): Json = if (value == null) nul() else str(value)
        fun arr(items: List<Json>) = Arr(items, items.joinToString(",", "[", "]") { it.raw })
        fun obj(vararg fields: Pair<String, Json>): Obj {
            val map = linkedMapOf(*fields)
            return Obj(map, map.entries.joinToString(",", "{", "}") { (k, v) -> quote(k) + ":" + v.raw })
        }
    }
}

class JsonException(message: String) : Exception(message)

private class JsonReader(private val text: String) {
    private var pos = 0

    fun document(): Json {
        val value = value(0)
        space()
        if (pos != text.length) fail("unexpected content after the JSON value")
        return value
    }

    private fun fail(what: String): Nothing {
        var line = 1
        var column = 1
        for (i in 0 until minOf(pos, text.length)) {
            if (text[i] == '\n') { line++; column = 1 } else column++
        }
        throw JsonException("$what at line $line, column $column")
    }

    private fun space() {
        while (pos < text.length && text[pos].let { it == ' ' || it == '\t' || it == '\n' || it == '\r' }) pos++
    }

    private fun peek(): Char = if (pos < text.length) text[pos] else fail("unexpected end of input")

    private fun value(depth: Int): Json {
        if (depth > 512) fail("nesting too deep")
        space()
        val start = pos
        return when (val c = peek()) {
            '{' -> obj(start, depth)
            '[' -> arr(start, depth)
            '"' -> { val s = string(); Json.Str(s, text.substring(start, pos)) }
            't' -> { literal("true"); Json.Bool(true, "true") }
            'f' -> { literal("false"); Json.Bool(false, "false") }
            'n' -> { literal("null"); Json.Null("null") }
            else -> if (c == '-' || c in '0'..'9') number(start) else fail("unexpected character '$c'")
        }
    }

    private fun literal(word: String) {
        if (!text.startsWith(word, pos)) fail("invalid literal")
        pos += word.length
    }

    private fun obj(start: Int, depth: Int): Json {
        pos++ // {
        val fields = LinkedHashMap<String, Json>()
        space()
        if (peek() == '}') { pos++; return Json.Obj(fields, text.substring(start, pos)) }
        while (true) {
            space()
            if (peek() != '"') fail("expected a string key")
            val key = string()
            if (fields.containsKey(key)) fail("duplicate key \"$key\"")
            space()
            if (peek() != ':') fail("expected ':'")
            pos++
            fields[key] = value(depth + 1)
            space()
            when (peek()) {
                ',' -> pos++
                '}' -> { pos++; return Json.Obj(fields, text.substring(start, pos)) }
                else -> fail("expected ',' or '}'")
            }
        }
    }

    private fun arr(start: Int, depth: Int): Json {
        pos++ // [
        val items = ArrayList<Json>()
        space()
        if (peek() == ']') { pos++; return Json.Arr(items, text.substring(start, pos)) }
        while (true) {
            items += value(depth + 1)
            space()
            when (peek()) {
                ',' -> pos++
                ']' -> { pos++; return Json.Arr(items, text.substring(start, pos)) }
                else -> fail("expected ',' or ']'")
            }
        }
    }

    private fun string(): String {
        pos++ // opening quote
        val out = StringBuilder()
        while (true) {
            val c = peek()
            pos++
            when {
                c == '"' -> return out.toString()
                c == '\\' -> {
                    val e = peek()
                    pos++
                    when (e) {
                        '"' -> out.append('"')
                        '\\' -> out.append('\\')
                        '/' -> out.append('/')
                        'b' -> out.append('\b')
                        'f' -> out.append('\u000C')
                        'n' -> out.append('\n')
                        'r' -> out.append('\r')
                        't' -> out.append('\t')
                        'u' -> {
                            if (pos + 4 > text.length) fail("truncated \\u escape")
                            val hex = text.substring(pos, pos + 4)
                            if (!hex.all { it in '0'..'9' || it in 'a'..'f' || it in 'A'..'F' }) fail("invalid \\u escape")
                            out.append(hex.toInt(16).toChar())
                            pos += 4
                        }
                        else -> { pos--; fail("invalid escape '\\$e'") }
                    }
                }
                c < ' ' -> { pos--; fail("unescaped control character in a string") }
                else -> out.append(c)
            }
        }
    }

    private fun number(start: Int): Json {
        if (peek() == '-') pos++
        fun digits(): Int {
            val from = pos
            while (pos < text.length && text[pos] in '0'..'9') pos++
            return pos - from
        }
        if (pos < text.length && text[pos] == '0') pos++ else if (digits() == 0) fail("invalid number")
        if (pos < text.length && text[pos] == '.') { pos++; if (digits() == 0) fail("invalid number: digits expected after '.'") }
        if (pos < text.length && (text[pos] == 'e' || text[pos] == 'E')) {
            pos++
            if (pos < text.length && (text[pos] == '+' || text[pos] == '-')) pos++
            if (digits() == 0) fail("invalid number: digits expected in the exponent")
        }
        return Json.Num(text.substring(start, pos))
    }
}
