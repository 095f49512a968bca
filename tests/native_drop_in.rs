#![cfg(not(target_arch = "wasm32"))]
//! The drop-in methods on inputs real handlers pass through unchecked, on a real SQLite: each is
//! answered as the old layer answered it (drizzle-orm handing the value to D1), never refused where
//! the old layer resolved. The differential test on real D1 (tests/worker/differential.test.ts)
//! checks the same against the old layer itself.

mod common;

use chat_d1::arg::{Arg, Scalar};
use chat_d1::data_layer::Metadata;
use chat_d1::error::{ErrorCode, Failure, Method};
use common::{block_on, data_layer, metadata, text, T0};

#[test]
fn a_new_session_with_a_number_id_answers_the_number_and_stores_text() {
    let layer = data_layer();
    let first =
        block_on(layer.get_or_create_session(&Arg::Number(5.0), metadata(None), T0)).unwrap();
    assert!(first.answers_given_id);
    assert_eq!(
        layer
            .database()
            .text("SELECT typeof(id) || ':' || id FROM client_sessions"),
        "text:5"
    );
    // The old layer found the session the second time and answered the stored text.
    let again =
        block_on(layer.get_or_create_session(&Arg::Number(5.0), metadata(None), T0 + 1)).unwrap();
    assert!(!again.answers_given_id);
    assert_eq!(layer.database().count("client_sessions"), 1);
    // A string id is answered as stored, which is what was given.
    let named = block_on(layer.get_or_create_session(&text("5"), metadata(None), T0 + 2)).unwrap();
    assert!(!named.answers_given_id);
    assert_eq!(layer.database().count("client_sessions"), 1);
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
        refused.error.code(Method::GetOrCreateSession),
        ErrorCode::ValidationError
    );
    assert!(
        refused.cause.is_some(),
        "the serializer's error is the cause"
    );
    assert_eq!(layer.database().count("client_sessions"), 0);

    block_on(layer.get_or_create_session(&text("s"), metadata(Some("{\"a\":1}")), T0)).unwrap();
    let known =
        block_on(layer.get_or_create_session(&text("s"), unserializable(), T0 + 9)).unwrap();
    let row = known.rows.into_inner();
    assert_eq!(row.len(), 1);
    assert_eq!(
        layer
            .database()
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
            .database()
            .text("SELECT group_concat(quote(metadata), ',') FROM client_sessions ORDER BY id"),
        "NULL,'[1,2]',NULL"
    );
}

#[test]
fn writes_echo_the_values_as_given_and_store_them_as_text() {
    let layer = data_layer();
    block_on(layer.get_or_create_session(&text("s"), metadata(None), T0)).unwrap();
    let conversation =
        block_on(layer.create_conversation(&Arg::Number(7.0), &text("s"), &Arg::Boolean(true), T0))
            .unwrap();
    assert_eq!(conversation.id, Scalar::Number(7.0));
    assert_eq!(conversation.title, Some(Scalar::Boolean(true)));
    let message = block_on(layer.create_message(
        &text("m"),
        &Arg::Number(7.0),
        &text("user"),
        &Arg::Number(42.0),
        T0,
    ))
    .unwrap();
    assert_eq!(message.content, Scalar::Number(42.0));
    assert_eq!(
        layer
            .database()
            .text("SELECT id || '|' || title FROM conversations"),
        "7|1"
    );
    assert_eq!(layer.database().text("SELECT content FROM messages"), "42");
}

#[test]
fn an_undefined_id_is_written_as_null_as_drizzle_wrote_it_and_reads_back() {
    let layer = data_layer();
    block_on(layer.get_or_create_session(&text("s"), metadata(None), T0)).unwrap();
    let conversation =
        block_on(layer.create_conversation(&Arg::Undefined, &text("s"), &Arg::Undefined, T0))
            .unwrap();
    assert_eq!(conversation.id, Scalar::Undefined);
    let listed = block_on(layer.list_conversations(&text("s"), &Arg::Undefined)).unwrap();
    assert_eq!(
        listed.into_inner().len(),
        1,
        "the row checks: a TEXT PRIMARY KEY may be NULL"
    );
}

#[test]
fn reads_with_odd_ids_find_what_sqlite_compares_equal() {
    let layer = data_layer();
    block_on(layer.get_or_create_session(&text("1"), metadata(None), T0)).unwrap();
    block_on(layer.create_conversation(&text("1"), &text("1"), &Arg::Undefined, T0)).unwrap();
    // TEXT affinity turns the bound 1 (or true) into '1' before comparing, as it did for the old layer.
    for id in [Arg::Number(1.0), Arg::Boolean(true)] {
        let found = block_on(layer.get_conversation_with_messages(&id)).unwrap();
        assert!(found.is_some(), "{id:?}");
    }
    for id in [Arg::Number(2.5), Arg::Null, Arg::Number(f64::NAN)] {
        let found = block_on(layer.get_conversation_with_messages(&id)).unwrap();
        assert!(found.is_none(), "{id:?}");
    }
    let listed = block_on(layer.list_conversations(&Arg::Null, &Arg::Undefined)).unwrap();
    assert_eq!(listed.into_inner().len(), 0);
}

#[test]
fn a_constraint_error_says_which_argument_was_wrong() {
    let layer = data_layer();
    block_on(layer.get_or_create_session(&text("s"), metadata(None), T0)).unwrap();
    block_on(layer.create_conversation(&text("c"), &text("s"), &Arg::Undefined, T0)).unwrap();
    block_on(layer.create_message(&text("m"), &text("c"), &text("user"), &text("x"), T0)).unwrap();
    let cases = [
        (
            Method::CreateConversation,
            block_on(layer.create_conversation(&text("c2"), &text("nobody"), &Arg::Undefined, T0))
                .err(),
            "Failed to create conversation: session \"nobody\" does not exist (FOREIGN KEY constraint failed)",
        ),
        (
            Method::CreateConversation,
            block_on(layer.create_conversation(&text("c"), &text("s"), &Arg::Undefined, T0)).err(),
            "Failed to create conversation: a conversation with id \"c\" already exists (UNIQUE constraint failed: conversations.id)",
        ),
        (
            Method::CreateMessage,
            block_on(layer.create_message(&text("m2"), &text("gone"), &text("user"), &text("x"), T0))
                .err(),
            "Failed to create message: conversation \"gone\" does not exist (FOREIGN KEY constraint failed)",
        ),
        (
            Method::CreateMessage,
            block_on(layer.create_message(&text("m"), &text("c"), &text("user"), &text("x"), T0))
                .err(),
            "Failed to create message: a message with id \"m\" already exists (UNIQUE constraint failed: messages.id)",
        ),
        (
            Method::CreateMessage,
            block_on(layer.create_message(&text("m3"), &text("c"), &text("user"), &Arg::Null, T0))
                .err(),
            "Failed to create message: content is null: a message needs content (NOT NULL constraint failed: messages.content)",
        ),
    ];
    for (method, rejection, message) in cases {
        let failure = Failure::new(method, &rejection.expect("refused").error);
        assert_eq!(failure.code, ErrorCode::ConstraintError);
        assert_eq!(failure.message, message);
    }
    assert_eq!(layer.database().count("messages"), 1);
}

#[test]
fn metadata_past_d1s_value_limit_is_sent_only_for_a_new_session() {
    let layer = data_layer();
    let trips = || layer.database().round_trips.get();
    let huge = format!("{{\"a\":\"{}\"}}", "x".repeat(2_000_000));
    block_on(layer.get_or_create_session(&text("known"), metadata(None), T0)).unwrap();
    // A known session answers at once, as the old layer did: the metadata is never sent.
    block_on(layer.get_or_create_session(&text("known"), metadata(Some(&huge)), T0 + 1)).unwrap();
    assert_eq!(trips(), 2);
    assert_eq!(
        layer
            .database()
            .text("SELECT quote(metadata) FROM client_sessions"),
        "NULL"
    );
    // A new one is inserted with it, and D1 decides whether it fits: one touch, then the upsert.
    block_on(layer.get_or_create_session(&text("new"), metadata(Some(&huge)), T0 + 2)).unwrap();
    assert_eq!(trips(), 4);
    assert_eq!(layer.database().count("client_sessions"), 2);
}
