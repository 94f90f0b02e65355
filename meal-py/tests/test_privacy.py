"""Data protection and disclosure control in a notebook: the mission's rules and forms, keys that
cannot leak, consent rules for minors, erasure that leaves nothing, k-anonymity on dicts.
Behaviour itself is pinned by the shared vectors; these tests check the Python face."""

import copy
import datetime
import io
import json
import pathlib
import pickle
import zipfile

import pytest

import meal
from meal import MealError

ROOT = pathlib.Path(__file__).resolve().parents[2]
FORMS = sorted((ROOT / "examples" / "forms").glob("*.xlsx"))
KEY = bytes(range(32))


@pytest.fixture(scope="module")
def rules():
    return meal.PrivacyRules.from_json((ROOT / "examples" / "data" / "privacy-rules.json").read_text())


@pytest.fixture(scope="module")
def forms():
    return [meal.Form.from_xlsform(path) for path in FORMS]


def test_the_mission_rules_are_clean(rules):
    assert rules.findings() == []
    assert "medical_care" in rules.purposes
    assert meal.PrivacyRules.from_json(rules.to_json()).to_json() == rules.to_json()


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.stem)
def test_every_mission_form_is_production_ready(rules, path):
    checked = meal.check_minimisation(meal.Form.from_xlsform(path), rules)
    assert checked.production_ready, [(f.code, f.path) for f in checked.findings]
    assert checked.findings == []


def test_a_personal_field_without_purpose_blocks_production(rules, forms):
    document = json.loads(forms[0].to_json())
    field = next(f for f in document["fields"] if f.get("privacy", {}).get("classification") == "special_category")
    del field["privacy"]["purposes"]
    checked = meal.check_minimisation(meal.Form.from_json(document), rules, locale="fr")
    assert not checked.production_ready
    assert [f.code for f in checked.findings] == ["privacy.no_purpose"]
    assert field["name"] in checked.findings[0].message or checked.findings[0].path.endswith("/privacy")


def test_dpia_register_and_export(rules, forms):
    screening = meal.screen_dpia(rules, forms, "medical_care")
    assert screening["required"] is True and screening["reasons"]
    register = meal.Register(rules, forms)
    assert [a["purpose"] for a in register.to_dict()["activities"]] == rules.purposes
    assert "Registre" in register.to_markdown("fr") or "registre" in register.to_markdown("fr")
    with zipfile.ZipFile(io.BytesIO(register.to_xlsx("fr"))) as workbook:
        assert "xl/workbook.xml" in workbook.namelist()
    with pytest.raises(MealError) as error:
        meal.screen_dpia(rules, forms, "no_such_purpose")
    assert error.value.code == "privacy.no_such_purpose"


def test_export_decisions_are_logged_and_the_log_detects_tampering(rules, forms):
    consultation = next(f for f in forms if "consultation" in f.to_json()[:400] or True)
    fields = [f["name"] for f in json.loads(consultation.to_json())["fields"] if "privacy" in f][:4]
    log = meal.AuditLog()
    request = {"timestamp": "2026-11-27T10:00:00+01:00", "actor": "coordinator", "recipient": "donor",
               "purpose": "meal_monitoring", "fields": fields}
    done = meal.export_records(rules, consultation, request, [{f: None for f in fields}], log)
    assert sorted(done["decision"]["allowed"] + [r["field"] for r in done["decision"]["refused"]]) == sorted(fields)
    assert len(log) == 1
    log.verify(log.head)
    entries = json.loads(log.to_json())
    entries["entries"][0]["event"]["actor"] = "someone else"
    with pytest.raises(MealError) as error:
        meal.AuditLog.from_json(entries).verify()
    assert error.value.code == "privacy.audit_tampered"


def test_a_key_never_shows_itself():
    key = meal.PseudonymKey(KEY)
    assert repr(key) == "PseudonymKey(<redacted>)"
    assert KEY.hex() not in str(key)
    with pytest.raises(TypeError):
        pickle.dumps(key)
    with pytest.raises(TypeError):
        copy.deepcopy(key)
    assert key == meal.PseudonymKey.from_hex(KEY.hex())
    assert key != meal.PseudonymKey(bytes(32))
    with pytest.raises(MealError) as error:
        meal.PseudonymKey(b"short")
    assert error.value.code == "privacy.key_too_short"


def test_pseudonyms_are_stable_per_purpose_and_batchable():
    care = meal.Pseudonymiser(meal.PseudonymKey(KEY), "medical_care")
    testimony = meal.Pseudonymiser(meal.PseudonymKey(KEY), "testimonies")
    assert care("Amadou Diallo") == care.pseudonym("  amadou   DIALLO ")
    assert care("Amadou Diallo") != testimony("Amadou Diallo")
    assert care.pseudonyms(["a", "b"]) == [care("a"), care("b")]
    assert care.verify("Amadou Diallo", care("Amadou Diallo"))
    assert not care.verify("Amadou Diallo", testimony("Amadou Diallo"))
    with pytest.raises(MealError) as error:
        care("   ")
    assert error.value.code == "privacy.empty_identifier"


def test_tokenise_replaces_direct_identifiers_only(forms):
    document = {"format_version": 1, "id": "f", "fields": [
        {"name": "nom", "type": {"kind": "text"}, "privacy": {"classification": "direct_identifier", "purposes": ["care"]}},
        {"name": "age", "type": {"kind": "integer"}, "privacy": {"classification": "quasi_identifier", "purposes": ["care"]}},
    ]}
    done = meal.tokenise(meal.Form.from_json(document), meal.PseudonymKey(KEY), "care", {"nom": "Awa", "age": 16})
    assert done["tokenised"] == ["/nom"]
    assert done["submission"]["age"] == 16
    assert done["submission"]["nom"] == meal.Pseudonymiser(meal.PseudonymKey(KEY), "care")("Awa")


CONSENT = {"format_version": 1, "subject": "p-kab", "scopes": ["testimony_text", "follow_up_contact"],
           "given_at": "2026-03-01", "given_by": "subject", "age_at_consent": 16,
           "information_given": ["who_we_are", "where_it_appears", "no_impact_on_aid", "how_to_withdraw", "risks_discussed"]}


def test_a_minor_cannot_consent_to_a_testimony():
    record = meal.ConsentRecord.from_json(CONSENT)
    decision = record.check("testimony_text", datetime.date(2026, 4, 1), locale="fr")
    assert not decision and "privacy.consent_minor_testimony" in [f.code for f in decision.findings]
    assert record.check("follow_up_contact", "2026-04-01")
    withdrawn = record.withdrawn(datetime.date(2026, 5, 1))
    assert [f.code for f in withdrawn.check("follow_up_contact", "2026-05-02").findings] == ["privacy.consent_withdrawn"]
    with pytest.raises(MealError) as error:
        record.check("follow_up_contact", "2026-02-30")
    assert error.value.code == "input.date"


RECORDS = [
    {"id": "c1", "form": "consultation", "purpose": "medical_care", "subject": "p-awa",
     "events": {"last_contact": "2026-01-10", "birth": "2010-05-02"}, "values": {"diagnostic": "asthme"}},
    {"id": "t1", "form": "temoignage", "purpose": "testimonies", "subject": "p-awa",
     "events": {"collected": "2026-02-01"}, "values": {"recit": "traversée en mer"}},
    {"id": "f1", "form": "feedback", "purpose": "feedback", "subject": "p-fatou",
     "events": {"closed": "2026-03-01"}, "values": {"texte": "merci"}},
]


def test_erasure_leaves_nothing_but_what_the_law_keeps(rules):
    records, outcome = meal.erase(RECORDS, rules, "p-awa", "2026-11-27")
    kept = {r["id"] for r in records}
    assert "t1" not in kept and "f1" in kept
    assert "traversée en mer" not in json.dumps(records) + json.dumps(outcome)
    assert "p-awa" not in json.dumps(outcome)
    retained = {r["record"] for r in outcome["retained"]}
    assert kept - {"f1"} == retained
    access = meal.subject_access(records, "p-fatou", datetime.date(2026, 11, 27))
    assert [r["id"] for r in access.records] == ["f1"] and "merci" in access.to_csv()


def test_retention_says_what_is_due_for_every_record(rules):
    decisions = meal.retention_due(RECORDS, rules, datetime.date(2060, 1, 1))
    assert [d["record"] for d in decisions] == ["c1", "t1", "f1"]
    assert all(d["phase"] in {"active", "intermediate", "due", "held", "undetermined"} for d in decisions)
    assert meal.records_digest(RECORDS) == meal.records_digest(json.dumps(RECORDS))
    with pytest.raises(MealError) as error:
        meal.records_digest(RECORDS + RECORDS[:1])
    assert error.value.code == "privacy.duplicate_record"


def test_k_anonymity_on_records_and_columns_agree():
    records = [{"sexe": "f", "age": 16}, {"sexe": "f", "age": 16}, {"sexe": "m", "age": None}]
    columns = {"sexe": ["f", "f", "m"], "age": [16, 16, None]}
    assert meal.frequencies(records, ["sexe", "age"]) == meal.frequencies(columns, ["sexe", "age"]) == [2, 2, 1]
    checked = meal.k_anonymity(columns, ["sexe", "age"], k=2)
    assert checked["violating_rows"] == [2] and not checked["satisfied"]
    suppressed = meal.local_suppression(records, ["sexe", "age"], k=2)
    assert len(suppressed["records"]) == 3
    risk = meal.disclosure_risk(records, ["sexe", "age"], threshold="0.5")
    assert risk["individual"] == ["0.5", "0.5", "1"]
    assert meal.recode(["2026-11-27", None], {"kind": "quarter"}) == ["2026Q4", None]
    for bad, code in [(42, "disclosure.records_not_array"), ({"sexe": ["f"], "age": "x"}, "disclosure.column_not_array")]:
        with pytest.raises(MealError) as error:
            meal.frequencies(bad, ["sexe", "age"])
        assert error.value.code == code
    with pytest.raises(MealError) as error:
        meal.k_anonymity(records, ["sexe"], k=0)
    assert error.value.code == "disclosure.bad_k"


def test_a_small_cell_and_its_complement_are_suppressed_and_margins_stay_published():
    records = [{"site": "calais", "sexe": "f"}] * 2 + [{"site": "calais", "sexe": "m"}] * 9 + \
        [{"site": "dunkerque", "sexe": "f"}] * 7 + [{"site": "dunkerque", "sexe": "m"}] * 8
    done = meal.suppress_table(records, columns=["site", "sexe"])
    status = {tuple(c["coords"]): c["status"] for c in done["cells"]}
    assert status[("calais", "f")] == "primary"
    # a lone suppressed cell in a row would be its margin minus its neighbour
    assert sum(1 for (site, _), s in status.items() if site == "calais" and s != "published") >= 2
    assert status[("Total", "Total")] == "published"
    assert all("value" not in c for c in done["cells"] if c["status"] != "published")
    assert meal.tabulate(records, ["site"])[-1] == {"coords": ["Total"], "count": 26}
    with pytest.raises(MealError) as error:
        meal.suppress_table(records, zeros="maybe", columns=["site"])
    assert error.value.code == "disclosure.zero_rule"
