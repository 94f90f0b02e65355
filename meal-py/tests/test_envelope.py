"""Submission envelopes in Python: what a server does with an upload (verify), and a seal for
testing a sync pipeline. The rules are pinned by tests/vectors/envelope.json."""

import datetime
import json
import pathlib

import pytest

import meal

ROOT = pathlib.Path(__file__).resolve().parents[2]
FORM = {"format_version": 1, "id": "contact_maraude", "version": "2026-03",
        "fields": [{"name": "people", "type": {"kind": "integer"}}]}
CALAIS = datetime.timezone(datetime.timedelta(hours=1))


def at(hour, minute, second=0, tz=CALAIS):
    return datetime.datetime(2026, 3, 2, hour, minute, second, tzinfo=tz)


def sealed(**overrides):
    capture = dict(instance_id="0f8fad5b-d9cb-469f-a165-70867728950e", device_id="tablet-calais-07",
                   started_at=at(21, 40), completed_at=at(21, 52, 30), sealed_at=at(21, 53))
    capture.update(overrides)
    return meal.seal_envelope(meal.Form.from_json(FORM), {"site": "calais_dunes", "people": 3,
                                                           "note": "Café — nuit froide"}, **capture)


def test_aware_datetimes_seal_to_the_vector_hash():
    envelope = json.loads(sealed())
    assert envelope["content_hash"] == "a8746afcc4d1584e2b8881be64ae53425f47f756301c31d3c6fd10dae2357f76"
    assert envelope["started_at"] == "2026-03-02T21:40:00+01:00"
    assert meal.verify_envelope(envelope) == []
    assert meal.verify_envelope(sealed(), meal.Form.from_json(FORM)) == []


def test_a_utc_instant_is_written_z_and_a_naive_one_is_refused():
    envelope = json.loads(sealed(started_at=at(20, 40, tz=datetime.timezone.utc)))
    assert envelope["started_at"] == "2026-03-02T20:40:00Z"
    with pytest.raises(meal.MealError) as naive:
        sealed(started_at=datetime.datetime(2026, 3, 2, 21, 40))
    assert naive.value.code == "input.date_time"


def test_the_server_sees_tampering_and_a_foreign_form_version():
    text = sealed().replace('\\"people\\":3', '\\"people\\":30')
    findings = meal.verify_envelope(text, locale="fr")
    assert [f.code for f in findings] == ["envelope.hash_mismatch"]
    assert findings[0].message.startswith("L'empreinte")
    other = meal.Form.from_json({**FORM, "version": "2026-04"})
    assert [f.code for f in meal.verify_envelope(sealed(), other)] == ["envelope.form_version_mismatch"]
    with pytest.raises(meal.MealError) as malformed:
        meal.verify_envelope("{")
    assert malformed.value.code == "json.malformed"


def test_an_envelope_sealed_on_the_jvm_verifies():
    text = (ROOT / "tests" / "fixtures" / "envelope-sealed-by-kotlin.json").read_text(encoding="utf-8")
    assert meal.verify_envelope(text) == []
