//! Generated models against what Graph really sends: the documented example answers of the
//! module's actions read and written back unchanged, unknown properties and annotations kept,
//! undeclared enum members, Graph's special doubles, derived types where a base is declared,
//! input nested too deep, and answers that do not fit the type.

// The trimmed beta spec marks these actions deprecated, as Microsoft's does.
#![allow(deprecated)]

// The shared v1.0/beta suite macro lives in `common` too; this file does not expand it.
#[allow(unused_macros)]
mod common;

use common::*;
use graph_users_actions::beta::models::{
    Attendee, AttendeeBase, AttendeeType, ConvertIdResult, ExchangeIdFormat, FreeBusyStatus,
    MeetingTimeSuggestionsResult,
};
use graph_users_actions::{ErrorKind, beta};
use mg_runtime::types::{Double, Duration, GraphEnum, Model};
use serde_json::{Value, json};
use wiremock::ResponseTemplate;

const FIND_BETA: &str = "/beta/users/alice%40contoso.com/microsoft.graph.findMeetingTimes";
const TRANSLATE_BETA: &str = "/beta/users/alice%40contoso.com/microsoft.graph.translateExchangeIds";

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture")).expect("JSON")
}

/// `from_value` then `to_value` gives back the input (key order aside: `Value` maps compare
/// as maps).
fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(input: &Value) -> T {
    let typed: T = serde_json::from_value(input.clone()).expect("fits the model");
    assert_eq!(&serde_json::to_value(&typed).unwrap(), input);
    typed
}

#[test]
fn find_meeting_times_documented_answer_round_trips() {
    let answer = fixture("find_meeting_times.beta.json");
    let result: MeetingTimeSuggestionsResult = round_trip(&answer);
    assert_eq!(result.empty_suggestions_reason.as_deref(), Some(""));
    assert_eq!(
        result.additional["@odata.context"],
        "https://graph.microsoft.com/beta/$metadata#microsoft.graph.meetingTimeSuggestionsResult"
    );
    let suggestions = result.meeting_time_suggestions.unwrap();
    // The documented answer writes the double as an integer; it stays one.
    assert_eq!(
        suggestions[0].confidence.as_ref().and_then(Double::as_f64),
        Some(100.0)
    );
    assert_eq!(
        suggestions[1].organizer_availability,
        Some(FreeBusyStatus::Tentative)
    );
    let slot = suggestions[0].meeting_time_slot.as_ref().unwrap();
    assert_eq!(
        slot.start.as_ref().unwrap().date_time.as_deref(),
        Some("2019-04-18T16:00:00.0000000")
    );
    let attendee = suggestions[0].attendee_availability.as_ref().unwrap()[0]
        .attendee
        .as_ref()
        .unwrap();
    assert_eq!(
        attendee.email_address.as_ref().unwrap().address.as_deref(),
        Some("alexw@contoso.onmicrosoft.com")
    );
}

#[test]
fn translate_exchange_ids_documented_items_round_trip() {
    let answer = fixture("translate_exchange_ids.beta.json");
    for item in answer["value"].as_array().unwrap() {
        let result: ConvertIdResult = round_trip(item);
        assert!(result.source_id.unwrap().starts_with("{rest-formatted-id"));
    }
}

#[test]
fn unknown_properties_and_instance_annotations_are_kept() {
    let input = json!({
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#x",
        "@odata.type": "#microsoft.graph.meetingTimeSuggestionsResult",
        "emptySuggestionsReason@odata.type": "#String",
        "brandNewProperty": {"nested": [1, 2.5, null, "x"]},
        "meetingTimeSuggestions": [{"order": 2, "futureField": true, "locations": [{"displayName": "A", "extra": 1}]}]
    });
    let result: MeetingTimeSuggestionsResult = round_trip(&input);
    assert_eq!(
        result.odata_type(),
        Some("#microsoft.graph.meetingTimeSuggestionsResult")
    );
    assert_eq!(result.additional["brandNewProperty"]["nested"][1], 2.5);
}

#[test]
fn enums_keep_undeclared_members_and_the_empty_string() {
    for text in ["free", "workingElsewhere", "notYetInvented", ""] {
        let status: FreeBusyStatus = round_trip(&json!(text));
        assert_eq!(status.as_str(), text);
    }
    assert_eq!(
        serde_json::from_value::<FreeBusyStatus>(json!("notYetInvented")).unwrap(),
        FreeBusyStatus::Undeclared("notYetInvented".into())
    );
    assert_eq!(FreeBusyStatus::from("oof"), FreeBusyStatus::Oof);
    assert!(serde_json::from_value::<FreeBusyStatus>(json!(3)).is_err());
}

#[test]
fn doubles_keep_numbers_and_graphs_special_texts() {
    for (sent, value) in [
        (json!("INF"), f64::INFINITY),
        (json!("-INF"), f64::NEG_INFINITY),
        (json!(100), 100.0),
        (json!(0.75), 0.75),
        (json!("12.5"), 12.5),
    ] {
        let input = json!({"confidence": sent});
        let suggestion: beta::models::MeetingTimeSuggestion = round_trip(&input);
        assert_eq!(
            suggestion.confidence.unwrap().as_f64(),
            Some(value),
            "{sent}"
        );
    }
    let nan: beta::models::MeetingTimeSuggestion = round_trip(&json!({"confidence": "NaN"}));
    assert!(nan.confidence.unwrap().as_f64().unwrap().is_nan());
    assert_eq!(
        serde_json::to_value(Double::from(f64::NEG_INFINITY)).unwrap(),
        "-INF"
    );
    assert!(serde_json::from_value::<Double>(json!(true)).is_err());
}

#[test]
fn a_derived_type_where_its_base_is_declared_loses_nothing_and_downcasts() {
    let input = json!({
        "@odata.type": "#microsoft.graph.attendee",
        "type": "required",
        "emailAddress": {"address": "alexw@contoso.onmicrosoft.com", "name": "Alex"},
        "proposedNewTime": {
            "start": {"dateTime": "2026-03-01T09:00:00.0000000", "timeZone": "UTC"},
            "end": {"dateTime": "2026-03-01T10:00:00.0000000", "timeZone": "UTC"}
        }
    });
    let base: AttendeeBase = round_trip(&input);
    assert_eq!(base.r#type, Some(AttendeeType::Required));
    assert!(base.additional.contains_key("proposedNewTime"));
    assert!(base.is::<Attendee>());
    assert!(base.is::<AttendeeBase>(), "an attendee is an attendeeBase");
    let attendee: Attendee = base.downcast().unwrap().expect("an attendee");
    assert_eq!(
        attendee
            .proposed_new_time
            .unwrap()
            .end
            .unwrap()
            .time_zone
            .as_deref(),
        Some("UTC")
    );
    assert_eq!(
        attendee.email_address.unwrap().name.as_deref(),
        Some("Alex")
    );
    // Without the annotation it is just the base.
    let plain: AttendeeBase = serde_json::from_value(json!({"type": "optional"})).unwrap();
    assert!(plain.downcast::<Attendee>().unwrap().is_none());
    assert_eq!(AttendeeBase::DERIVED, ["#microsoft.graph.attendee"]);
}

#[test]
fn input_nested_too_deep_is_an_error_not_a_crash() {
    let depth = 100_000;
    let deep = format!(
        r#"{{"meetingTimeSuggestions": [{{"locations": [{{"unknown": {}{}}}]}}]}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let error = serde_json::from_str::<MeetingTimeSuggestionsResult>(&deep).unwrap_err();
    assert!(error.to_string().contains("recursion limit"), "{error}");
}

#[test]
fn a_property_that_does_not_fit_is_named_with_its_path() {
    let sent = json!({"meetingTimeSuggestions": [{"order": 1}, {"confidence": true}]});
    let error = serde_json::from_value::<MeetingTimeSuggestionsResult>(sent).unwrap_err();
    assert_eq!(
        error.to_string(),
        "meetingTimeSuggestions[1].confidence: expected a number or a string, found true"
    );
    let error =
        serde_json::from_str::<MeetingTimeSuggestionsResult>(r#"{"emptySuggestionsReason": 7}"#)
            .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("emptySuggestionsReason: expected a string, found the number 7"),
        "{error}"
    );
}

#[tokio::test]
async fn find_meeting_times_sends_the_typed_body_and_answers_with_the_model() {
    let answer = fixture("find_meeting_times.beta.json");
    let graph =
        Graph::expecting(FIND_BETA, ResponseTemplate::new(200).set_body_json(&answer)).await;
    let body = beta::FindMgBetaUserMeetingTimeBody {
        attendees: Some(vec![AttendeeBase {
            r#type: Some(AttendeeType::Required),
            email_address: Some(beta::models::EmailAddress {
                address: Some("alexw@contoso.onmicrosoft.com".into()),
                ..Default::default()
            }),
            ..Default::default()
        }]),
        meeting_duration: Some(Duration::from("PT1H")),
        max_candidates: Some(5),
        ..Default::default()
    };
    let result = graph
        .find_mg_beta_user_meeting_time()
        .user_id("alice@contoso.com")
        .body_parameter(body)
        .send()
        .await
        .expect("typed answer")
        .expect("a body");
    assert_eq!(serde_json::to_value(&result).unwrap(), answer);
    assert_json_body(
        &graph.only_request().await,
        &json!({
            "attendees": [{"type": "required", "emailAddress": {"address": "alexw@contoso.onmicrosoft.com"}}],
            "meetingDuration": "PT1H",
            "maxCandidates": 5
        }),
    );
}

#[tokio::test]
async fn expanded_parameters_take_their_property_types() {
    let answer = fixture("translate_exchange_ids.beta.json");
    let graph = Graph::expecting(
        TRANSLATE_BETA,
        ResponseTemplate::new(200).set_body_json(&answer),
    )
    .await;
    let results = graph
        .invoke_mg_beta_translate_user_exchange_id()
        .user_id("alice@contoso.com")
        .input_ids(["{rest-formatted-id-1}", "{rest-formatted-id-2}"])
        .source_id_type(ExchangeIdFormat::RestId)
        .target_id_type(ExchangeIdFormat::RestImmutableEntryId)
        .send()
        .await
        .expect("typed items");
    assert_eq!(results.len(), 2);
    assert_eq!(
        results[1].target_id.as_deref(),
        Some("{rest-immutable-formatted-id-2}")
    );
    assert_json_body(
        &graph.only_request().await,
        &json!({
            "InputIds": ["{rest-formatted-id-1}", "{rest-formatted-id-2}"],
            "SourceIdType": "restId",
            "TargetIdType": "restImmutableEntryId"
        }),
    );
}

#[tokio::test]
async fn an_answer_that_does_not_fit_the_model_is_unexpected_with_the_body_kept() {
    for body in [
        r#"{"meetingTimeSuggestions": "not a list"}"#.to_owned(),
        format!(r#"{{"x": {}{}}}"#, "[".repeat(50_000), "]".repeat(50_000)),
    ] {
        let graph = Graph::expecting(
            FIND_BETA,
            ResponseTemplate::new(200).set_body_raw(body.clone(), "application/json"),
        )
        .await;
        let error = graph
            .find_mg_beta_user_meeting_time()
            .user_id("alice@contoso.com")
            .body_json(json!({}))
            .send()
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::UnexpectedResponse);
        assert_eq!(error.raw_body(), Some(body.as_bytes()));
        if body.len() < 100 {
            assert!(
                error
                    .to_string()
                    .contains("meetingTimeSuggestions: expected an array"),
                "{error}"
            );
        }
    }
}
