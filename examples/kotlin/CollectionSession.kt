// A collection session on a field device, played on the JVM through the Kotlin binding: what an
// Android app for the coastal outreach team does between two syncs, offline.
//
//   examples/kotlin/run.sh [output dir]          (default: target/kotlin-example)
//
// 1. loads the coastal outreach form from its XLSForm workbook and keeps it in the local store
//    as canonical JSON (the app reloads it from there at the next start);
// 2. fills two contact reports: the first is valid at once; the second is invalid (more
//    unaccompanied minors than people met), the enumerator reads the message and fixes it;
// 3. takes a sensitive complaint: the allegation is sealed on the device to the safeguarding
//    focal point's public key, the person's name becomes a pseudonym under a device-held key,
//    and the claim code is shown once;
// 4. seals each finished submission in a sync envelope (instance id, form version, instants
//    with their offsets, content hash) and writes them to <output>/outbox/, then verifies them
//    as the server will.
//
// Every step that can fail throws MealException.Failed with a stable code.
package org.meal.mobile.example

import java.io.File
import java.security.SecureRandom
import java.time.OffsetDateTime
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.time.temporal.ChronoUnit
import java.util.UUID
import kotlin.system.exitProcess
import org.meal.mobile.Capture
import org.meal.mobile.ClaimCode
import org.meal.mobile.Envelope
import org.meal.mobile.Form
import org.meal.mobile.IntakeKeys
import org.meal.mobile.MealException
import org.meal.mobile.PseudonymKey
import org.meal.mobile.Pseudonymiser
import org.meal.mobile.Routing
import org.meal.mobile.Taxonomy
import org.meal.mobile.receiveFeedback
import org.meal.mobile.verifyEnvelope

/** Calais is at +01:00 in March: the device's clock, with the offset it runs at. */
private val CALAIS = ZoneOffset.ofHours(1)
private const val DEVICE = "tablette-maraude-03"
private const val LOCALE = "fr"
private val SHIPWRECK_QUESTIONS = setOf("/personnes_disparues", "/secours_presents")

private val random = SecureRandom()

private fun bytes(n: Int) = ByteArray(n).also { random.nextBytes(it) }

/** An instant of the session's evening, as the device's clock writes it. */
private fun at(time: String) = "2026-03-02T$time+01:00"

/** Now, RFC 3339 with seconds always written (`OffsetDateTime.toString()` drops `:00`). */
private fun now() = OffsetDateTime.now(CALAIS).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)

fun main(args: Array<String>) {
    val repo = File(System.getenv("MEAL_REPO") ?: ".")
    val out = File(args.firstOrNull() ?: "target/kotlin-example")
    val outbox = File(out, "outbox").apply { deleteRecursively(); mkdirs() }
    val store = File(out, "forms").apply { mkdirs() }
    try {
        val maraude = loadAndKeep(File(repo, "examples/forms/contact_maraude_littoral.xlsx"), store)
        val sealed = mutableListOf<Envelope>()
        sealed += contact(maraude, firstReport(), "21:40:00", "21:52:30", fix = null)
        sealed += contact(maraude, secondReport(nombreMna = 7), "22:05:00", "22:14:10", fix = secondReport(nombreMna = 2))
        sealed += complaint(File(repo, "examples/forms/feedback_plainte.xlsx"), File(repo, "examples/data"), store)
        for (envelope in sealed) {
            File(outbox, "${envelope.instanceId()}.json").writeText(envelope.toJson(), Charsets.UTF_8)
        }
        serverCheck(outbox, mapOf(maraude.id() to maraude))
        println("session: ${sealed.size} envelopes in ${outbox.path}")
    } catch (e: MealException.Failed) {
        System.err.println("session failed: ${e.code} at '${e.path}': ${e.reason}")
        exitProcess(1)
    }
}

/** Reads the XLSForm once, stores its canonical JSON, and works from the stored copy. */
private fun loadAndKeep(workbook: File, store: File): Form {
    val read = Form.fromXlsform(workbook.readBytes())
    val blocking = read.findings(LOCALE).filter { it.severity == "error" }
    check(blocking.isEmpty()) { "the form has blocking findings: ${blocking.map { it.code }}" }
    val kept = File(store, "${read.id()}-${read.version()}.json").apply { writeText(read.toJson(), Charsets.UTF_8) }
    val form = Form.fromJson(kept.readText(Charsets.UTF_8))
    println("form ${form.id()} version ${form.version()} kept in ${kept.path}")
    return form
}

private fun firstReport() = """{
  "date_maraude": "2026-03-02", "heure_contact": "21:45:00", "lieu": "dunes",
  "contexte": "attente", "nombre_personnes": 14, "nombre_mna": 3,
  "personnes": [
    {"tranche_age": "de_15_17", "sexe": "m", "mineur_seul": "oui", "besoins": "hypothermie vetements", "orientation": "centre_mna"}
  ],
  "couvertures": 14, "incident": "non"
}"""

private fun secondReport(nombreMna: Int) = """{
  "date_maraude": "2026-03-02", "heure_contact": "22:08:00", "lieu": "plage",
  "contexte": "naufrage",
  "personnes_disparues": "nsp", "secours_presents": "cross pompiers",
  "nombre_personnes": 5, "nombre_mna": $nombreMna,
  "personnes": [],
  "couvertures": 5, "incident": "non"
}"""

/**
 * One contact report: live state while filling, validation on "finish", the enumerator's fix
 * when it is refused, then the seal.
 */
private fun contact(form: Form, filled: String, opened: String, finished: String, fix: String?): Envelope {
    val now = at(finished)
    // The shipwreck group's questions (groups are flat in a submission) show only after one.
    val shipwreck = form.state(filled, LOCALE, now).filter { it.path in SHIPWRECK_QUESTIONS }
    println("  shipwreck questions shown: ${shipwreck.count { it.relevant }} of ${shipwreck.size}")
    var submission = filled
    var report = form.validate(submission, LOCALE, now)
    if (!report.valid) {
        report.findings.filter { it.severity == "error" }.forEach { println("  refused: ${it.path}: ${it.message}") }
        submission = fix ?: error("no fix for an invalid report")
        report = form.validate(submission, LOCALE, now)
        check(report.valid) { "the fix is still invalid: ${report.findings.map { it.code }}" }
        println("  fixed by the enumerator")
    }
    report.findings.forEach { println("  note (${it.severity}): ${it.path}: ${it.message}") }
    val capture = Capture(UUID.randomUUID().toString(), DEVICE, at(opened), now, now())
    return Envelope.seal(form, report.cleanedJson, capture).also {
        println("contact report sealed: ${it.instanceId()} sha256 ${it.contentHash().take(16)}…")
    }
}

/**
 * A complaint of sexual exploitation told to the outreach team: the text is sealed to the
 * safeguarding focal point before it is stored, the name is pseudonymised with the device-held
 * key, and the claim code is shown to the person once.
 */
private fun complaint(workbook: File, mission: File, store: File): Envelope {
    val form = loadAndKeep(workbook, store)
    val taxonomy = Taxonomy.fromJson(File(mission, "feedback-taxonomy.json").readText(Charsets.UTF_8))
    val routing = Routing.fromJson(File(mission, "feedback-routing.json").readText(Charsets.UTF_8))
    // On a phone this key lives in the Android Keystore / iOS Keychain, never in the app's files.
    val deviceKey = PseudonymKey(bytes(32))
    val claim = ClaimCode.fromRandom(bytes(10))
    val intake = """{"channel": "face_to_face", "received_at": "${at("22:20:00")}", "project": "calais",
        "site": "calais_dunes", "code": "exploitation_abus_sexuels", "subject": "Amina Diallo",
        "text": "Un distributeur m'a demandé de l'argent contre une place dans le bus."}"""
    val received = receiveFeedback(
        taxonomy, routing, intake, UUID.randomUUID().toString(),
        IntakeKeys(sealRandom = bytes(32), pseudonymiser = Pseudonymiser(deviceKey, "feedback"), claimCode = claim),
    )
    check("argent" !in received.itemJson && "Amina" !in received.itemJson) { "clear text left the intake" }
    println("complaint routed to ${received.route.route} (${received.route.reason}); claim code shown once: ${received.claimCode}")
    val capture = Capture(UUID.randomUUID().toString(), DEVICE, at("22:18:00"), at("22:24:00"), now())
    return Envelope.seal(form, received.itemJson, capture).also {
        println("complaint sealed: ${it.instanceId()} sha256 ${it.contentHash().take(16)}…")
    }
}

/** What the server does on upload: read each envelope back and verify it. */
private fun serverCheck(outbox: File, forms: Map<String, Form>) {
    for (file in outbox.listFiles().orEmpty().sortedBy { it.name }) {
        val text = file.readText(Charsets.UTF_8)
        val envelope = Envelope.fromJson(text)
        val findings = verifyEnvelope(text, forms[envelope.formId()], LOCALE)
        check(findings.isEmpty()) { "${file.name}: ${findings.map { it.code }}" }
        // A byte changed on the way is caught.
        val tampered = verifyEnvelope(text.replaceFirst("\"device_id\":\"$DEVICE\"", "\"device_id\":\"autre\""), null, LOCALE)
        check(tampered.map { it.code } == listOf("envelope.hash_mismatch")) { "tampering not caught: $tampered" }
    }
    println("server check: every envelope verifies, a tampered copy does not")
}
