use proptest::prelude::*;

use super::*;

const FORM: &str = r#"{"format_version": 1, "id": "contact_maraude", "version": "2026-03",
    "fields": [{"name": "people", "type": {"kind": "integer"}}]}"#;

fn form() -> Form {
    Form::from_json(FORM).unwrap().value
}

fn at(text: &str) -> DateTime<FixedOffset> {
    parse_date_time(text).unwrap()
}

fn capture() -> Capture {
    Capture {
        instance_id: "0f8fad5b-d9cb-469f-a165-70867728950e".to_owned(),
        device_id: "tablet-calais-07".to_owned(),
        started_at: at("2026-03-02T21:40:00+01:00"),
        completed_at: at("2026-03-02T21:52:30+01:00"),
        sealed_at: at("2026-03-02T21:53:00+01:00"),
    }
}

const SUBMISSION: &str = r#"{"site": "calais_dunes", "people": 3, "note": "Café — nuit froide"}"#;

fn sealed() -> Envelope {
    Envelope::seal(&form(), SUBMISSION, &capture()).unwrap()
}

fn codes(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn the_hash_is_sha256_of_the_documented_canonical_bytes() {
    let envelope = sealed();
    // Worked out with Python: json.dumps(fields, sort_keys=True, separators=(",", ":"),
    // ensure_ascii=False).encode(), then hashlib.sha256(...).hexdigest().
    let expected_bytes = concat!(
        r#"{"completed_at":"2026-03-02T21:52:30+01:00","device_id":"tablet-calais-07","#,
        r#""form_id":"contact_maraude","form_version":"2026-03","format_version":1,"#,
        r#""instance_id":"0f8fad5b-d9cb-469f-a165-70867728950e","#,
        r#""sealed_at":"2026-03-02T21:53:00+01:00","started_at":"2026-03-02T21:40:00+01:00","#,
        r#""submission_json":"{\"note\":\"Café — nuit froide\",\"people\":3,\"site\":\"calais_dunes\"}"}"#
    );
    assert_eq!(
        String::from_utf8(envelope.canonical_bytes()).unwrap(),
        expected_bytes
    );
    assert_eq!(
        envelope.content_hash,
        "a8746afcc4d1584e2b8881be64ae53425f47f756301c31d3c6fd10dae2357f76"
    );
    assert_eq!(envelope.verify(Some(&form())), []);
}

#[test]
fn offsets_are_kept_and_a_zero_offset_is_written_z() {
    let mut capture = capture();
    capture.started_at = at("2026-03-02T20:40:00+00:00");
    capture.completed_at = at("2026-03-02T22:52:30.250+02:00");
    let envelope = Envelope::seal(&form(), "{}", &capture).unwrap();
    assert_eq!(envelope.started_at, "2026-03-02T20:40:00Z");
    assert_eq!(envelope.completed_at, "2026-03-02T22:52:30.250+02:00");
    assert_eq!(envelope.submission_json, "{}");
}

#[test]
fn sealing_refuses_what_verification_would_flag() {
    let refused = |change: fn(&mut Capture), submission: &str| {
        let mut capture = capture();
        change(&mut capture);
        Envelope::seal(&form(), submission, &capture)
            .unwrap_err()
            .code
    };
    assert_eq!(refused(|_| {}, "[1]"), "envelope.submission_not_object");
    assert_eq!(refused(|_| {}, "{"), "json.malformed");
    assert_eq!(
        refused(
            |c| c.instance_id = "0F8FAD5B-D9CB-469F-A165-70867728950E".into(),
            "{}"
        ),
        "envelope.instance_id"
    );
    assert_eq!(
        refused(|c| c.device_id = " ".into(), "{}"),
        "envelope.missing_field"
    );
    assert_eq!(
        refused(|c| c.completed_at = at("2026-03-02T21:39:59+01:00"), "{}"),
        "envelope.completed_before_started"
    );
    // 21:55 at +02:00 is 19:55 UTC: before the 20:52:30 UTC completion although the digits
    // read later. Instants are compared, not texts.
    assert_eq!(
        refused(|c| c.sealed_at = at("2026-03-02T21:55:00+02:00"), "{}"),
        "envelope.sealed_before_completed"
    );
}

#[test]
fn verification_names_each_problem() {
    let mut envelope = sealed();
    envelope.instance_id = "not-a-uuid".into();
    envelope.started_at = "2026-03-02 21:40".into();
    envelope.submission_json = r#"{"people": 4}"#.into();
    let other = Form::from_json(&FORM.replace("2026-03", "2026-04"))
        .unwrap()
        .value;
    assert_eq!(
        codes(&envelope.verify(Some(&other))),
        [
            "envelope.hash_mismatch",
            "envelope.form_version_mismatch",
            "envelope.instance_id",
            "envelope.timestamp",
            "envelope.submission_not_canonical",
        ]
    );
    let unrelated = Form::from_json(&FORM.replace("contact_maraude", "consultation")).unwrap();
    assert_eq!(
        codes(&sealed().verify(Some(&unrelated.value))),
        ["envelope.form_mismatch"]
    );
}

#[test]
fn reading_keeps_unknown_fields_as_findings_and_checks_the_version() {
    let mut value: serde_json::Value = serde_json::from_str(&sealed().to_json()).unwrap();
    value["colour"] = "red".into();
    let parsed = Envelope::from_json(&value.to_string()).unwrap();
    assert_eq!(codes(&parsed.findings), ["document.unknown_field"]);
    assert_eq!(parsed.value.verify(None), []);
    value["format_version"] = 2.into();
    assert_eq!(
        Envelope::from_json(&value.to_string()).unwrap_err().code,
        "document.format_version"
    );
}

#[test]
fn uuid_v4_text_is_checked_digit_by_digit() {
    assert!(is_uuid_v4("0f8fad5b-d9cb-469f-a165-70867728950e"));
    assert!(!is_uuid_v4("0f8fad5b-d9cb-369f-a165-70867728950e")); // version 3
    assert!(!is_uuid_v4("0f8fad5b-d9cb-469f-c165-70867728950e")); // variant 110
    assert!(!is_uuid_v4("0f8fad5bd9cb469fa16570867728950e"));
    assert!(!is_uuid_v4("0f8fad5b-d9cb-469f-a165-70867728950é"));
}

proptest! {
    #[test]
    fn sealed_envelopes_survive_the_round_trip(
        text in "\\PC{0,40}",
        number in any::<i64>(),
        flag in any::<bool>(),
        minutes in 0i64..600,
    ) {
        let submission = serde_json::json!({"text": text, "n": number, "nested": {"b": flag, "a": [number]}});
        let mut capture = capture();
        capture.completed_at = capture.started_at + chrono::Duration::minutes(minutes);
        capture.sealed_at = capture.completed_at;
        let envelope = Envelope::seal(&form(), &submission.to_string(), &capture).unwrap();
        let read = Envelope::from_json(&envelope.to_json()).unwrap();
        prop_assert!(read.findings.is_empty());
        prop_assert_eq!(&read.value, &envelope);
        prop_assert!(read.value.verify(Some(&form())).is_empty());
    }

    #[test]
    fn any_single_byte_change_of_the_submission_is_detected(
        index in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let envelope = sealed();
        let mut bytes = envelope.submission_json.clone().into_bytes();
        let position = index.index(bytes.len());
        prop_assume!(bytes[position] != byte);
        bytes[position] = byte;
        // A change that is no longer UTF-8 cannot even be held as the envelope's text.
        if let Ok(changed) = String::from_utf8(bytes) {
            let mut tampered = envelope.clone();
            tampered.submission_json = changed;
            prop_assert!(codes(&tampered.verify(None)).contains(&"envelope.hash_mismatch"));
        }
    }
}
