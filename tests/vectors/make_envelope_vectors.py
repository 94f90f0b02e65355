#!/usr/bin/env python3
"""Writes tests/vectors/envelope.json: the submission envelope's conformance vectors.

The expected content hashes are computed here, independently of the library, from the bytes
that meal_core::envelope documents: the UTF-8 of the envelope object without `content_hash`,
keys sorted, compact, non-ASCII kept (Python's json.dumps below), hashed with hashlib.sha256.
Run: python3 tests/vectors/make_envelope_vectors.py
"""

import hashlib
import json
import pathlib


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def form(version="2026-03", form_id="contact_maraude"):
    return {"format_version": 1, "id": form_id, "version": version,
            "fields": [{"name": "people", "type": {"kind": "integer"}}]}


CAPTURE = {
    "instance_id": "0f8fad5b-d9cb-469f-a165-70867728950e",
    "device_id": "tablet-calais-07",
    "started_at": "2026-03-02T21:40:00+01:00",
    "completed_at": "2026-03-02T21:52:30+01:00",
    "sealed_at": "2026-03-02T21:53:00+01:00",
}
SUBMISSION = {"site": "calais_dunes", "people": 3, "note": "Café — nuit froide"}


def content_hash(env):
    """SHA-256 of the canonical bytes: every field but `content_hash`, keys sorted, compact."""
    fields = {k: v for k, v in env.items() if k != "content_hash"}
    return hashlib.sha256(canonical(fields).encode("utf-8")).hexdigest()


def envelope(submission_json, capture=CAPTURE, version="2026-03", rehash=True):
    """An envelope as the library seals it, with the hash computed here."""
    env = {"format_version": 1, "instance_id": capture["instance_id"],
           "form_id": "contact_maraude", "form_version": version,
           "device_id": capture["device_id"], "started_at": capture["started_at"],
           "completed_at": capture["completed_at"], "sealed_at": capture["sealed_at"],
           "submission_json": submission_json}
    env["content_hash"] = content_hash(env)
    return env


SEALED = envelope(canonical(SUBMISSION))


def changed(base, **fields):
    """`base` with fields replaced after sealing (the hash left as it was)."""
    out = dict(base)
    out.update(fields)
    return out


def seal(name, expect, submission=SUBMISSION, **capture):
    return {"name": name, "op": "envelope.seal",
            "input": {"form": form(), "submission": submission, "capture": {**CAPTURE, **capture}},
            "expect": expect}


def verify(name, env, findings, **extra):
    return {"name": name, "op": "envelope.verify", "input": {"envelope": env, **extra},
            "expect": {"findings": findings}}


# An envelope sealed on the JVM by examples/kotlin (CollectionSession.kt, through the Kotlin
# binding): every runner must verify what a device sealed. Its hash is checked here too.
KOTLIN_SEALED = json.loads((pathlib.Path(__file__).parents[1] / "fixtures" / "envelope-sealed-by-kotlin.json")
                           .read_text(encoding="utf-8"))
assert KOTLIN_SEALED["content_hash"] == content_hash(KOTLIN_SEALED)

ZERO_OFFSET = dict(CAPTURE, started_at="2026-03-02T20:40:00+00:00",
                   completed_at="2026-03-02T22:52:30.250+02:00")
ZERO_OFFSET_WRITTEN = dict(ZERO_OFFSET, started_at="2026-03-02T20:40:00Z")

VECTORS = [
    seal("seal-coastal-contact", {"ok": SEALED}),
    # The submission is re-written canonically: spacing and key order do not change the hash.
    seal("seal-is-independent-of-spacing-and-key-order", {"ok": SEALED},
         submission='{ "people" : 3,\n "site": "calais_dunes", "note": "Café — nuit froide" }'),
    # A zero offset is written Z; other offsets and fractions of a second are kept.
    seal("seal-keeps-offsets", {"ok": envelope("{}", ZERO_OFFSET_WRITTEN)}, submission={},
         **{k: v for k, v in ZERO_OFFSET.items() if k.endswith("_at")}),
    seal("seal-uppercase-uuid", {"error": "envelope.instance_id"},
         instance_id="0F8FAD5B-D9CB-469F-A165-70867728950E"),
    seal("seal-uuid-v1", {"error": "envelope.instance_id"},
         instance_id="c232ab00-9414-11ec-b3c8-9f6bdeced846"),
    seal("seal-completed-before-started", {"error": "envelope.completed_before_started"},
         completed_at="2026-03-02T21:39:59+01:00"),
    # 21:55 at +02:00 is 19:55 UTC, before the 20:52:30 UTC completion.
    seal("seal-sealed-before-completed-across-offsets", {"error": "envelope.sealed_before_completed"},
         sealed_at="2026-03-02T21:55:00+02:00"),
    seal("seal-empty-device", {"error": "envelope.missing_field"}, device_id=""),
    seal("seal-submission-not-object", {"error": "envelope.submission_not_object"}, submission=[1]),
    seal("seal-submission-malformed", {"error": "json.malformed"}, submission='{"people": 3'),
    seal("seal-timestamp-without-offset", {"error": "input.date_time"},
         started_at="2026-03-02T21:40:00"),
    verify("verify-clean", SEALED, []),
    verify("verify-sealed-by-kotlin", KOTLIN_SEALED, []),
    verify("verify-sealed-by-kotlin-tampered",
           changed(KOTLIN_SEALED, submission_json=KOTLIN_SEALED["submission_json"].replace('"nombre_mna":2', '"nombre_mna":1')),
           ["envelope.hash_mismatch"]),
    verify("verify-clean-against-its-form", SEALED, [], form=form()),
    verify("verify-raw-text", json.dumps(SEALED, ensure_ascii=False, indent=2), []),
    verify("verify-tampered-count", changed(SEALED, submission_json=SEALED["submission_json"].replace("3", "4")),
           ["envelope.hash_mismatch"]),
    verify("verify-tampered-completion", changed(SEALED, completed_at="2026-03-02T21:50:00+01:00"),
           ["envelope.hash_mismatch"]),
    verify("verify-tampered-hash", changed(SEALED, content_hash="0" * 64), ["envelope.hash_mismatch"]),
    # Hash recomputed over a pretty-printed submission: intact, but not what a seal writes.
    verify("verify-non-canonical-submission", envelope(json.dumps(SUBMISSION, indent=1)),
           ["envelope.submission_not_canonical"]),
    verify("verify-submission-not-object", envelope("[3]"), ["envelope.submission_not_object"]),
    verify("verify-submission-malformed", envelope("{"), ["envelope.submission_malformed"]),
    verify("verify-out-of-order", envelope("{}", dict(CAPTURE, completed_at="2026-03-02T21:30:00+01:00")),
           ["envelope.completed_before_started"]),
    verify("verify-bad-timestamp-and-uuid",
           envelope("{}", dict(CAPTURE, instance_id="uuid:0f8fad5b", started_at="yesterday")),
           ["envelope.instance_id", "envelope.timestamp"]),
    verify("verify-other-form-version", SEALED, ["envelope.form_version_mismatch"], form=form("2026-04")),
    verify("verify-other-form", SEALED, ["envelope.form_mismatch"], form=form(form_id="consultation")),
    verify("verify-unknown-field", changed(SEALED, note="added on the server"), ["document.unknown_field"]),
    {"name": "verify-malformed", "op": "envelope.verify", "input": {"envelope": '{"format_version": 1,'},
     "expect": {"error": "json.malformed"}},
    {"name": "verify-future-version", "op": "envelope.verify",
     "input": {"envelope": changed(SEALED, format_version=2)}, "expect": {"error": "document.format_version"}},
]

DOC = {
    "description": "submission envelopes for sync: seal (canonical submission, offsets kept, content "
                   "hash over the documented canonical bytes; expected hashes from Python hashlib) and "
                   "verify (tampering, order of instants, instance id, form and version)",
    "vectors": VECTORS,
}

path = pathlib.Path(__file__).with_name("envelope.json")
path.write_text(json.dumps(DOC, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
