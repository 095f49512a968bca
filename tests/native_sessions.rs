#![cfg(not(target_arch = "wasm32"))]
//! Sessions (`getOrCreateSession`) on real SQLite: the statement it sends, and what it does with
//! every kind of argument the old layer answered.

mod common;

use chat_d1::core::arg::Arg;
use chat_d1::core::dropin::sessions::{self, Metadata, GET_OR_CREATE_SESSION};
use chat_d1::core::error::ErrorCode;
use chat_d1::core::value::SqlValue;
use common::args::{metadata, param, text};
use common::decode::Decoded;
use common::{block_on, data_layer, T0};

const SESSION: &str = "6f1c2a7e-5b0d-4c8e-9a4f-1d2e3f405162";

#[test]
fn a_new_session_is_created_with_its_metadata() {
    let layer = data_layer();
    let session = block_on(layer.get_or_create_session(
        &text(SESSION),
        metadata(Some(r#"{"ua":"x","n":[1,2]}"#)),
        T0,
    ))
    .unwrap()
    .decoded();
    assert_eq!(session.id, SESSION);
    assert_eq!(session.created_at, "2025-11-14T10:30:00.123Z");
    assert_eq!(session.last_activity, session.created_at);
    assert_eq!(
        session.metadata_json.as_deref(),
        Some(r#"{"ua":"x","n":[1,2]}"#)
    );
    assert_eq!(layer.storage().count("client_sessions"), 1);
}

#[test]
fn a_new_session_without_metadata_stores_null() {
    let layer = data_layer();
    let session = block_on(layer.get_or_create_session(&text(SESSION), metadata(None), T0))
        .unwrap()
        .decoded();
    assert_eq!(session.metadata_json, None);
    let stored = layer
        .storage()
        .text("SELECT typeof(metadata) FROM client_sessions");
    assert_eq!(stored, "null");
}

#[test]
fn an_existing_session_keeps_created_at_and_metadata_and_moves_last_activity() {
    let layer = data_layer();
    block_on(layer.get_or_create_session(&text(SESSION), metadata(Some(r#"{"first":true}"#)), T0))
        .unwrap()
        .decoded();
    let again = block_on(layer.get_or_create_session(
        &text(SESSION),
        metadata(Some(r#"{"second":true}"#)),
        T0 + 5_000,
    ))
    .unwrap()
    .decoded();
    assert_eq!(again.created_at, "2025-11-14T10:30:00.123Z");
    assert_eq!(again.last_activity, "2025-11-14T10:30:05.123Z");
    assert_eq!(again.metadata_json.as_deref(), Some(r#"{"first":true}"#));
    assert_eq!(layer.storage().count("client_sessions"), 1);
}

#[test]
fn last_activity_never_moves_backwards_when_a_clock_lags() {
    let layer = data_layer();
    block_on(layer.get_or_create_session(&text(SESSION), metadata(None), T0))
        .unwrap()
        .decoded();
    let lagging =
        block_on(layer.get_or_create_session(&text(SESSION), metadata(None), T0 - 60_000))
            .unwrap()
            .decoded();
    assert_eq!(lagging.last_activity, "2025-11-14T10:30:00.123Z");
}

#[test]
fn get_or_create_session_is_one_upsert_with_returning() {
    let statement = sessions::upsert_session(param("s1"), "NOW", Some("{}"));
    assert_eq!(
        statement.sql,
        r#"INSERT INTO client_sessions (id, created_at, last_activity, metadata) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET last_activity = MAX(client_sessions.last_activity, excluded.last_activity) RETURNING id, created_at, last_activity, metadata"#
    );
    assert_eq!(
        statement.params,
        [param("s1"), param("NOW"), param("NOW"), param("{}")]
    );
    let without = sessions::upsert_session(param("s1"), "NOW", None);
    assert_eq!(without.params[3], SqlValue::Null);
}

#[test]
fn a_new_session_with_a_number_id_answers_the_number_and_stores_text() {
    let layer = data_layer();
    let first =
        block_on(layer.get_or_create_session(&Arg::Number(5.0), metadata(None), T0)).unwrap();
    assert!(first.answers_given_id);
    assert_eq!(
        layer
            .storage()
            .text("SELECT typeof(id) || ':' || id FROM client_sessions"),
        "text:5"
    );
    // The old layer found the session the second time and answered the stored text.
    let again =
        block_on(layer.get_or_create_session(&Arg::Number(5.0), metadata(None), T0 + 1)).unwrap();
    assert!(!again.answers_given_id);
    assert_eq!(layer.storage().count("client_sessions"), 1);
    // A string id is answered as stored, which is what was given.
    let named = block_on(layer.get_or_create_session(&text("5"), metadata(None), T0 + 2)).unwrap();
    assert!(!named.answers_given_id);
    assert_eq!(layer.storage().count("client_sessions"), 1);
}

#[test]
fn metadata_json_cannot_hold_is_refused_for_a_new_session_and_ignored_for_a_known_one() {
    let layer = data_layer();
    let unserializable = || Metadata {
        arg: Arg::Object,
        json: Err(rusqlite::Error::InvalidQuery),
    };
    let refused = block_on(layer.get_or_create_session(&text("s"), unserializable(), T0))
        .err()
        .expect("a new session needs its metadata serialized");
    assert_eq!(
        refused.error.code(GET_OR_CREATE_SESSION),
        ErrorCode::ValidationError
    );
    assert!(
        refused.cause.is_some(),
        "the serializer's error is the cause"
    );
    assert_eq!(layer.storage().count("client_sessions"), 0);

    block_on(layer.get_or_create_session(&text("s"), metadata(Some("{\"a\":1}")), T0)).unwrap();
    let known =
        block_on(layer.get_or_create_session(&text("s"), unserializable(), T0 + 9)).unwrap();
    let row = known.rows.into_inner();
    assert_eq!(row.len(), 1);
    assert_eq!(
        layer
            .storage()
            .text("SELECT last_activity || ' ' || metadata FROM client_sessions"),
        "2025-11-14T10:30:00.132Z {\"a\":1}"
    );
}

#[test]
fn falsy_metadata_is_no_metadata_and_any_other_json_is_stored() {
    let layer = data_layer();
    let falsy = Metadata {
        arg: Arg::Number(0.0),
        json: Ok(Some("0".to_owned())),
    };
    block_on(layer.get_or_create_session(&text("a"), falsy, T0)).unwrap();
    let array = Metadata {
        arg: Arg::Array {
            only: None,
            bytes: None,
        },
        json: Ok(Some("[1,2]".to_owned())),
    };
    block_on(layer.get_or_create_session(&text("b"), array, T0)).unwrap();
    let nothing = Metadata {
        arg: Arg::Primitive("a symbol"),
        json: Ok(None),
    };
    block_on(layer.get_or_create_session(&text("c"), nothing, T0)).unwrap();
    assert_eq!(
        layer
            .storage()
            .text("SELECT group_concat(quote(metadata), ',') FROM client_sessions ORDER BY id"),
        "NULL,'[1,2]',NULL"
    );
}

#[test]
fn metadata_past_d1s_value_limit_is_sent_only_for_a_new_session() {
    let layer = data_layer();
    let trips = || layer.storage().round_trips.get();
    let huge = format!("{{\"a\":\"{}\"}}", "x".repeat(2_000_000));
    block_on(layer.get_or_create_session(&text("known"), metadata(None), T0)).unwrap();
    // A known session answers at once, as the old layer did: the metadata is never sent.
    block_on(layer.get_or_create_session(&text("known"), metadata(Some(&huge)), T0 + 1)).unwrap();
    assert_eq!(trips(), 2);
    assert_eq!(
        layer
            .storage()
            .text("SELECT quote(metadata) FROM client_sessions"),
        "NULL"
    );
    // A new one is inserted with it, and D1 decides whether it fits: one touch, then the upsert.
    block_on(layer.get_or_create_session(&text("new"), metadata(Some(&huge)), T0 + 2)).unwrap();
    assert_eq!(trips(), 4);
    assert_eq!(layer.storage().count("client_sessions"), 2);
}
