"""Complaints and feedback in Python: the mission's taxonomy and routing, intake that leaves
nothing sensitive in clear, keys that cannot leak, the case workflow, deadlines and testimonies.
Behaviour itself is pinned by the shared vectors; these tests check the Python face and that
bad input raises MealError with the core's code."""

import copy
import datetime
import json
import pathlib
import pickle

import pytest

import meal
from meal import MealError

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
# The safeguarding focal point's key pair of the mission's routing (route referent_protection).
ALICE_SECRET = "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo="
ALICE_PUBLIC = "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo="
CET = datetime.timezone(datetime.timedelta(hours=1))
RECEIVED = datetime.datetime(2026, 3, 9, 14, 12, tzinfo=CET)
SEA_TEXT = "Un membre du personnel m'a demandé de l'argent contre un rendez-vous."


@pytest.fixture(scope="module")
def taxonomy():
    return meal.Taxonomy.from_json((DATA / "feedback-taxonomy.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def routing():
    return meal.Routing.from_json(json.loads((DATA / "feedback-routing.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def pseudonymiser():
    return meal.Pseudonymiser(meal.PseudonymKey(bytes(range(32))), "feedback")


def intake_of(**changes):
    base = {"channel": "face_to_face", "received_at": "2026-03-09T14:12:00+01:00", "project": "dunkerque",
            "site": "dunkerque_femmes", "code": "attente", "text": "Trois heures d'attente mardi."}
    return {**base, **changes}


def raises(code, call, *args, **kwargs):
    with pytest.raises(MealError) as error:
        call(*args, **kwargs)
    assert error.value.code == code, error.value
    return error.value


# ---- documents


def test_the_mission_documents_are_clean_and_round_trip(taxonomy, routing):
    assert taxonomy.findings(routing) == [] and routing.findings() == []
    assert (taxonomy.id, taxonomy.version) == ("mission-feedback", "2026.1")
    assert "exploitation_abus_sexuels" in taxonomy.codes
    assert "safeguarding_focal_point" in routing.roles and "referent_protection" in routing.routes
    assert routing.version == "2026.1" and routing.id == "mission-feedback-routing"
    assert meal.Taxonomy.from_json(taxonomy.to_json()).to_json() == taxonomy.to_json()
    assert meal.Routing.from_json(routing.to_json()).to_json() == routing.to_json()
    assert repr(taxonomy).startswith("Taxonomy(") and repr(routing).startswith("Routing(")


def test_taxonomy_findings_check_routes_only_with_a_routing(taxonomy):
    document = json.loads(taxonomy.to_json())
    document["types"][0]["route"] = "nowhere"
    changed = meal.Taxonomy.from_json(document)
    assert changed.findings() == []
    routing = meal.Routing.from_json((DATA / "feedback-routing.json").read_text(encoding="utf-8"))
    found = changed.findings(routing, locale="fr")
    assert [(f.code, f.path) for f in found] == [("feedback.unknown_route", "/types/0/route")]
    assert "nowhere" in found[0].message


@pytest.mark.parametrize("reader", [meal.Taxonomy.from_json, meal.Routing.from_json, meal.Deadlines.from_json,
                                    meal.Case.from_json, meal.Testimony.from_json])
def test_documents_refuse_malformed_and_misshapen_input(reader):
    raises("json.malformed", reader, "{not json")
    raises("document.invalid", reader, {"format_version": 1})
    raises("document.format_version", reader, {"format_version": 99})


def test_a_routing_with_a_bad_recipient_key_is_refused(routing):
    document = json.loads(routing.to_json())
    document["routes"][2]["recipient_key"] = "c2hvcnQ="
    raises("document.invalid", meal.Routing.from_json, document)


# ---- keys and sealing


def test_a_secret_key_never_shows_itself():
    secret = meal.SafeguardingSecretKey.from_base64(ALICE_SECRET)
    assert repr(secret) == "SafeguardingSecretKey(<redacted>)"
    assert ALICE_SECRET not in str(secret)
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    with pytest.raises(TypeError):
        copy.deepcopy(secret)
    assert secret.public_key == meal.RecipientKey.from_base64(ALICE_PUBLIC)
    raises("feedback.seal_bad_secret_key", meal.SafeguardingSecretKey, b"short")
    error = raises("feedback.seal_bad_secret_key", meal.SafeguardingSecretKey.from_base64, "not base64 at all!")
    assert "not base64" not in str(error) + error.message_fr
    with pytest.raises(TypeError):
        meal.SafeguardingSecretKey("32 characters of text, not bytes")


def test_a_public_key_is_printable_and_picklable():
    key = meal.RecipientKey.from_base64(ALICE_PUBLIC)
    assert str(key) == key.to_base64() == ALICE_PUBLIC and ALICE_PUBLIC in repr(key)
    assert pickle.loads(pickle.dumps(key)) == key and {key: 1}[meal.RecipientKey.from_base64(ALICE_PUBLIC)] == 1
    assert meal.RecipientKey(bytes(32)) != key
    raises("feedback.seal_bad_public_key", meal.RecipientKey, bytes(31))
    raises("feedback.seal_bad_public_key", meal.RecipientKey.from_base64, "c2hvcnQ=")


def test_seal_open_and_reseal_with_fresh_randomness():
    secret = meal.SafeguardingSecretKey.generate()
    first, second = secret.public_key.seal(SEA_TEXT), secret.public_key.seal(SEA_TEXT)
    assert first["kind"] == "sealed" and first["recipient"] == secret.public_key.to_base64()
    assert first["sealed"] != second["sealed"], "every seal draws fresh bytes from os.urandom"
    assert SEA_TEXT not in json.dumps(first)
    assert secret.open(first) == secret.open(json.dumps(second)) == SEA_TEXT
    unit = meal.SafeguardingSecretKey.generate()
    moved = secret.reseal(first, unit.public_key)
    assert moved["recipient"] == unit.public_key.to_base64() and unit.open(moved) == SEA_TEXT
    raises("feedback.seal_wrong_key", unit.open, first)
    raises("feedback.seal_not_sealed", secret.open, {"kind": "plain", "text": "x"})
    raises("feedback.seal_corrupt", secret.open, {**first, "sealed": first["sealed"][:-8] + "AAAAAAA="})
    raises("json.malformed", secret.open, "{")
    raises("document.invalid", secret.open, {"kind": "sealed"})


# ---- claim codes


def test_claim_codes_are_reproducible_forgiving_and_never_printed():
    code = meal.ClaimCode.from_random(bytes.fromhex("394e2a731f"))
    assert code.text == "7572-MWRZ"
    assert code.sha256 == "c272f511dbbe44ba0ffc772722116925fa98c9801d054680f438f9a7415532bc"
    assert meal.ClaimCode.parse(" 7572 mwrz ").sha256 == code.sha256
    assert repr(code) == "ClaimCode(<redacted>)" and "7572" not in repr(code)
    with pytest.raises(TypeError):
        pickle.dumps(code)
    assert len(meal.ClaimCode.generate().text) == 9 and len(meal.ClaimCode.generate(groups=2).text) == 19
    assert meal.ClaimCode.generate().text != meal.ClaimCode.generate().text
    raises("feedback.claim_random_length", meal.ClaimCode.generate, groups=0)
    raises("feedback.claim_random_length", meal.ClaimCode.from_random, b"1234")
    raises("feedback.bad_claim_code", meal.ClaimCode.parse, "7572-MWRU")
    raises("feedback.bad_claim_code", meal.ClaimCode.parse, "")


# ---- intake, routes, views, referrals


def test_a_complaint_is_kept_in_clear_with_a_pseudonym_only(taxonomy, routing, pseudonymiser):
    done = meal.intake(taxonomy, routing, intake_of(subject="Amina Diallo"), "fb-20", pseudonymiser=pseudonymiser)
    item = done["item"]
    assert item["subject"] == pseudonymiser("Amina Diallo") and "Amina" not in json.dumps(item)
    assert item["content"] == {"kind": "plain", "text": "Trois heures d'attente mardi."}
    assert done["route"] == {"route": "coordination", "reason": "type"} and done["claim_code"] is None
    assert meal.route(taxonomy, routing, item) == done["route"]
    assert meal.view(taxonomy, routing, json.dumps(item), "programme")["view"] == "full"


def test_an_sea_allegation_is_sealed_claimed_and_seen_by_its_focal_point_only(taxonomy, routing, pseudonymiser):
    intake = intake_of(code="exploitation_abus_sexuels", text=SEA_TEXT, received_at=RECEIVED, subject="Awa K.")
    done = meal.intake(taxonomy, routing, intake, "fb-12", pseudonymiser=pseudonymiser, claim_code=True)
    item, code = done["item"], done["claim_code"]
    assert item["sensitive"] is True and item["received_at"] == "2026-03-09T14:12:00+01:00"
    assert SEA_TEXT not in json.dumps(item) and item["content"]["recipient"] == ALICE_PUBLIC
    assert isinstance(code, meal.ClaimCode) and item["claim_code_sha256"] == code.sha256
    assert meal.claim(item, code.text.lower()) and not meal.claim(item, "0000-0000")
    assert not meal.claim(item, "not a code")
    assert meal.SafeguardingSecretKey.from_base64(ALICE_SECRET).open(item["content"]) == SEA_TEXT
    assert meal.route(taxonomy, routing, item)["reason"] == "sensitive_family"
    assert meal.view(taxonomy, routing, item, "programme") == {
        "view": "stub", "id": "fb-12", "received_on": "2026-03-09", "status": "referred"}
    assert meal.view(taxonomy, routing, item, "safeguarding_focal_point") == {"view": "full", "item": item}
    consent = {"refer_allegation": True, "share_identity": False}
    packet = meal.refer(taxonomy, routing, item, "safeguarding_focal_point", "siege", consent)
    assert packet["to"] == "siege" and "subject" not in packet and packet["content"] == item["content"]
    with_identity = meal.refer(taxonomy, routing, item, "safeguarding_focal_point", "siege",
                               json.dumps({"refer_allegation": True, "share_identity": True}))
    assert with_identity["subject"] == item["subject"]
    anonymous = {**intake, "anonymous": True, "subject": None}
    given = meal.intake(taxonomy, routing, anonymous, "fb-13", claim_code=meal.ClaimCode.parse("7572-MWRZ"))
    assert given["claim_code"].text == "7572-MWRZ" and given["item"]["anonymous"] is True
    assert "subject" not in given["item"] and meal.claim(given["item"], "7572-mwrz")


def test_intake_refuses_what_would_break_a_promise(taxonomy, routing, pseudonymiser):
    raises("feedback.unknown_code", meal.intake, taxonomy, routing, intake_of(code="nope"), "fb-1")
    raises("feedback.blank_field", meal.intake, taxonomy, routing, intake_of(text="  "), "fb-1")
    raises("feedback.blank_field", meal.intake, taxonomy, routing, intake_of(), "")
    raises("feedback.anonymous_with_subject", meal.intake, taxonomy, routing,
           intake_of(anonymous=True, subject="Awa"), "fb-1", pseudonymiser=pseudonymiser)
    raises("feedback.no_pseudonymiser", meal.intake, taxonomy, routing, intake_of(subject="Awa"), "fb-1")
    raises("document.invalid", meal.intake, taxonomy, routing, intake_of(channel="pigeon"), "fb-1")
    raises("document.invalid", meal.intake, taxonomy, routing, intake_of(received_at=RECEIVED.replace(tzinfo=None)), "fb-1")
    raises("json.malformed", meal.intake, taxonomy, routing, "{", "fb-1")
    with pytest.raises(TypeError):
        meal.intake(taxonomy, routing, intake_of(), "fb-1", claim_code="7572-MWRZ")
    document = json.loads(routing.to_json())
    del document["routes"][2]["recipient_key"]
    keyless = meal.Routing.from_json(document)
    assert [f.code for f in keyless.findings()] == ["feedback.sensitive_route_without_key"]
    raises("feedback.no_recipient_key", meal.intake, taxonomy, keyless,
           intake_of(code="exploitation_abus_sexuels"), "fb-1")


def test_routes_views_and_referrals_refuse_bad_input(taxonomy, routing):
    item = meal.intake(taxonomy, routing, intake_of(code="exploitation_abus_sexuels"), "fb-12")["item"]
    yes = {"refer_allegation": True, "share_identity": True}
    raises("feedback.unknown_role", meal.view, taxonomy, routing, item, "visitor")
    raises("feedback.referral_refused", meal.refer, taxonomy, routing, item, "safeguarding_focal_point", "siege",
           {"refer_allegation": False, "share_identity": True})
    raises("feedback.not_permitted", meal.refer, taxonomy, routing, item, "programme", "siege", yes)
    raises("feedback.not_a_referral", meal.refer, taxonomy, routing, item, "safeguarding_focal_point", "crip", yes)
    raises("document.invalid", meal.refer, taxonomy, routing, item, "safeguarding_focal_point", "siege",
           {"refer_allegation": True})
    raises("document.invalid", meal.refer, taxonomy, routing, item, "safeguarding_focal_point", "siege",
           {**yes, "share_site": True})
    raises("feedback.unknown_code", meal.route, taxonomy, routing, {**item, "code": "nope"})
    raises("document.invalid", meal.route, taxonomy, routing, {**item, "extra": 1})
    raises("json.malformed", meal.claim, "{", "7572-MWRZ")


# ---- the case workflow


def test_a_case_follows_its_item_to_the_closed_loop(taxonomy, routing):
    item = meal.intake(taxonomy, routing, intake_of(received_at=RECEIVED), "fb-20")["item"]
    case = meal.Case.for_item(item)
    assert (case.item_id, case.state, len(case), case.received_at) == ("fb-20", "received", 0, RECEIVED)
    assert case.allowed_actions == ["acknowledge", "refer", "withdraw"] and not case.is_final
    case.apply("acknowledge", "cea_focal", RECEIVED + datetime.timedelta(hours=1))
    case.apply("respond", "cea_focal", "2026-03-10T09:00:00+01:00")
    case.apply_event({"action": "close_loop", "actor": "cea_focal", "at": "2026-03-11T09:00:00+01:00"})
    assert case.state == "loop_closed" and case.is_final and case.allowed_actions == []
    assert [t["to"] for t in case.history] == ["acknowledged", "responded", "loop_closed"]
    assert case.last_at == datetime.datetime(2026, 3, 11, 9, tzinfo=CET)
    again = meal.Case.from_json(case.to_json())
    assert again == case and again.findings() == [] and "loop_closed" in repr(again)
    now = meal.Case("fb-21", datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1))
    now.apply("acknowledge", "cea_focal")
    assert now.state == "acknowledged"


def test_a_case_refuses_illegal_steps_and_changes_nothing():
    case = meal.Case("fb-1", "2026-03-02T09:00:00+01:00")
    error = raises("feedback.illegal_transition", case.apply, "respond", "cea_focal", "2026-03-02T10:00:00+01:00")
    assert error.params["allowed"] == "acknowledge, refer, withdraw"
    assert case.state == "received" and len(case) == 0
    raises("document.invalid", case.apply, "escalate", "cea_focal", "2026-03-02T10:00:00+01:00")
    raises("feedback.event_without_actor", case.apply, "acknowledge", " ", "2026-03-02T10:00:00+01:00")
    raises("feedback.time_reversed", case.apply, "acknowledge", "cea_focal", "2026-03-02T08:00:00+01:00")
    raises("input.date_time", case.apply, "acknowledge", "cea_focal", datetime.datetime(2026, 3, 2, 10))
    raises("input.date_time", case.apply, "acknowledge", "cea_focal", "2026-03-02 10:00")
    raises("input.date_time", meal.Case, "fb-1", datetime.date(2026, 3, 2))
    raises("document.invalid", case.apply_event, {"action": "acknowledge", "actor": "x"})
    assert len(case) == 0
    with pytest.raises(TypeError):
        case.apply("acknowledge", 42, "2026-03-02T10:00:00+01:00")


def test_cases_from_events_and_doctored_documents():
    events = [{"action": "acknowledge", "actor": "cea_focal", "at": "2026-03-02T10:00:00+01:00"},
              json.dumps({"action": "respond", "actor": "cea_focal", "at": "2026-03-02T11:00:00+01:00"})]
    case = meal.Case.from_events("fb-1", "2026-03-02T09:00:00+01:00", events)
    assert case.state == "responded"
    error = raises("document.invalid", meal.Case.from_events, "fb-1", "2026-03-02T09:00:00+01:00",
                   [events[0], {"action": "escalate"}])
    assert error.path.startswith("/events/1")
    error = raises("feedback.illegal_transition", meal.Case.from_events, "fb-1", "2026-03-02T09:00:00+01:00",
                   [events[0], events[0]])
    assert error.path == "/events/1"
    document = json.loads(case.to_json())
    document["state"] = "loop_closed"
    raises("feedback.case_history_mismatch", meal.Case.from_json, document)
    document = json.loads(case.to_json())
    document["note"] = "x"
    assert [f.code for f in meal.Case.from_json(document).findings()] == ["document.unknown_field"]


# ---- deadlines


QUESTION = {"id": "q1", "received_at": "2026-03-02T09:00:00+01:00", "channel": "hotline", "project": "calais",
            "code": "question.services", "sensitive": False, "content": {"kind": "plain", "text": "..."}}


def test_deadlines_and_the_overdue_list():
    deadlines = meal.Deadlines.proposed()
    assert deadlines.findings() == [] and repr(deadlines).startswith("Deadlines(")
    assert meal.Deadlines.from_json(deadlines.to_json()).to_json() == deadlines.to_json()
    due = deadlines.due(QUESTION)
    assert due["rule"] == "/rules/1" and due["acknowledge"]["by"] == "2026-03-04T23:59:59+01:00"
    case = meal.Case.for_item(QUESTION)
    case.apply("acknowledge", "cea_focal", "2026-03-03T09:00:00+01:00")
    assert deadlines.due(json.dumps(QUESTION), case)["acknowledge"]["on_time"] is True
    at = datetime.datetime(2026, 3, 20, tzinfo=datetime.timezone.utc)
    late = deadlines.overdue([QUESTION], [case], at)
    assert [(o["item"], o["step"]) for o in late] == [("q1", "respond"), ("q1", "close_loop")]
    assert all(o["late_by_seconds"] > 0 for o in late)
    assert [o["step"] for o in deadlines.overdue([QUESTION], at="2026-03-20T00:00:00Z")] == [
        "acknowledge", "respond", "close_loop"]
    assert len(deadlines.overdue([QUESTION])) == 3  # now, long after the deadlines


def test_deadlines_refuse_bad_input():
    deadlines = meal.Deadlines.proposed()
    other = meal.Case("q2", "2026-03-02T09:00:00+01:00")
    raises("feedback.case_item_mismatch", deadlines.due, QUESTION, other)
    raises("feedback.duplicate_item", deadlines.overdue, [QUESTION, QUESTION])
    raises("feedback.case_without_item", deadlines.overdue, [QUESTION], [other])
    error = raises("document.invalid", deadlines.overdue, [QUESTION, {"id": "x"}])
    assert error.path.startswith("/items/1")
    raises("input.date_time", deadlines.overdue, [QUESTION], None, "yesterday")
    raises("json.malformed", deadlines.due, "{")
    duplicate = meal.Deadlines.from_json({"format_version": 1, "default": {},
                                          "rules": [{"code_prefix": "a", "steps": {}}] * 2})
    assert [f.code for f in duplicate.findings()] == ["feedback.deadline_duplicate_rule"]
    raises("document.invalid", meal.Deadlines.from_json, {"format_version": 1, "default": {"respond": {"weeks": 2}}})


# ---- testimonies


TESTIMONY = {"format_version": 1, "id": "t1", "identification": "identified", "masking": ["place"],
             "consent": {"format_version": 1, "subject": "a3f9c2", "given_at": "2026-03-01", "given_by": "subject",
                         "age_at_consent": 34,
                         "scopes": ["testimony_press", "testimony_internal_learning", "testimony_advocacy_report"],
                         "information_given": ["who_we_are", "where_it_appears", "no_impact_on_aid",
                                               "how_to_withdraw", "risks_discussed"]}}


def test_a_testimony_is_published_only_as_consented_and_taken_down_on_withdrawal():
    testimony = meal.Testimony.from_json(TESTIMONY)
    assert testimony.id == "t1" and testimony.findings() == [] and testimony.takedown is None
    allowed = testimony.can_publish("press", datetime.date(2026, 4, 1), identified=True, shows=["face"])
    assert allowed and allowed.allowed and allowed.reasons == []
    refused = testimony.can_publish("press", "2026-04-01", shows=["place"], locale="fr")
    assert not refused and [f.code for f in refused.reasons] == ["feedback.testimony_unmasked"]
    assert "testimony_unmasked" in repr(refused)
    assert not testimony.publish("afp", "social_media", "2026-04-02") and testimony.publications == []
    assert testimony.publish("afp-2026-04", "press", "2026-04-02")
    assert testimony.publications == [{"target": "afp-2026-04", "scope": "press", "published_on": "2026-04-02"}]
    takedown = testimony.withdraw(datetime.date(2026, 6, 1))
    assert takedown == testimony.takedown == {"testimony": "t1", "withdrawn_at": "2026-06-01",
                                              "publications": testimony.publications}
    assert [f.code for f in testimony.can_publish("press", "2026-06-02").reasons] == ["privacy.consent_withdrawn"]
    assert meal.Testimony.from_json(testimony.to_json()).takedown == takedown
    assert "withdrawn=true" in repr(testimony)
    raises("privacy.consent_already_withdrawn", testimony.withdraw, "2026-06-02")


def test_a_testimony_refuses_bad_input():
    testimony = meal.Testimony.from_json(json.dumps(TESTIMONY))
    raises("document.invalid", testimony.can_publish, "television", "2026-04-01")
    raises("document.invalid", testimony.can_publish, "press", "2026-04-01", shows=["smell"])
    raises("input.date", testimony.can_publish, "press", "1/4/2026")
    raises("input.date", testimony.withdraw, "2026-02-30")
    raises("privacy.consent_withdrawal_before_given", testimony.withdraw, "2026-02-01")
    with pytest.raises(TypeError):
        testimony.can_publish("press", "2026-04-01", identified="yes")
    nested = {**TESTIMONY, "consent": {**TESTIMONY["consent"], "format_version": 2}}
    raises("document.format_version", meal.Testimony.from_json, nested)


def feedback_item(n, code, site, at="2026-11-02T10:00:00+01:00"):
    return {"id": f"fb-{n}", "received_at": at, "channel": "hotline", "project": "calais",
            "site": site, "code": code, "sensitive": False, "content": {"kind": "plain", "text": "…"}}


def test_aggregates_count_every_item_and_hide_small_cells(taxonomy):
    items = [feedback_item(n, "attente", "accueil_jour") for n in range(7)]
    items += [feedback_item(10 + n, "info_droits", "accueil_jour") for n in range(6)]
    items += [feedback_item(20, "qualite_soins", None, "2026-12-01T00:30:00+01:00")]
    table = taxonomy.aggregate(items, ["type", "site"])
    cells = {tuple(c["coords"]): c for c in table["cells"]}
    assert cells[("Total", "Total")]["value"] == 14
    assert cells[("plainte", "unknown")]["status"] == "primary" and "value" not in cells[("plainte", "unknown")]
    months = taxonomy.aggregate(items, ["period:Monthly"], threshold=1)
    assert [(c["coords"][0], c.get("value")) for c in months["cells"]] == [("202611", 13), ("202612", 1), ("Total", 14)]
    raises("feedback.unknown_dimension", taxonomy.aggregate, items, ["colour"])
    raises("feedback.no_items", taxonomy.aggregate, [], ["site"])


def test_indicators_share_of_acknowledgements_on_time_and_loops_closed():
    items = [feedback_item(n, "attente", "accueil_jour") for n in range(4)]
    case = meal.Case.for_item(items[0])
    for action, at in [("acknowledge", "2026-11-02T11:00:00+01:00"), ("respond", "2026-11-03T11:00:00+01:00"),
                       ("close_loop", "2026-11-04T11:00:00+01:00")]:
        case.apply(action, "cea", at)
    found = meal.Deadlines.proposed().indicators(items, [case], "2026-11-20T00:00:00+01:00", consultations=800)
    assert (found["items"], found["acknowledgements_due"], found["acknowledged_on_time"]) == (4, 4, 1)
    assert (found["acknowledged_on_time_share"], found["loops_closed_share"], found["per_1000_consultations"]) == ("0.25", "0.25", "5")
