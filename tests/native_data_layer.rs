#![cfg(not(target_arch = "wasm32"))]
//! Each method's contract, run end to end on a real SQLite through the same `DataLayer` the
//! exported `DatabaseClient` uses.

mod common;

use chat_d1::arg::Arg;
use chat_d1::error::{ErrorCode, Failure, Method};
use chat_d1::model::MessageRole;
use common::{
    block_on, data_layer, echoed_conversation, echoed_message, metadata, text, Decoded, T0,
};

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
    assert_eq!(layer.database().count("client_sessions"), 1);
}

#[test]
fn a_new_session_without_metadata_stores_null() {
    let layer = data_layer();
    let session = block_on(layer.get_or_create_session(&text(SESSION), metadata(None), T0))
        .unwrap()
        .decoded();
    assert_eq!(session.metadata_json, None);
    let stored = layer
        .database()
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
    assert_eq!(layer.database().count("client_sessions"), 1);
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
fn each_method_makes_exactly_one_round_trip() {
    let layer = data_layer();
    let trips = || layer.database().round_trips.get();
    block_on(layer.get_or_create_session(&text(SESSION), metadata(None), T0))
        .unwrap()
        .decoded();
    assert_eq!(trips(), 1);
    block_on(layer.create_conversation(&text("c1"), &text(SESSION), &Arg::Undefined, T0)).unwrap();
    assert_eq!(trips(), 2);
    block_on(layer.create_message(&text("m1"), &text("c1"), &text("user"), &text("hi"), T0))
        .unwrap();
    assert_eq!(trips(), 3);
    block_on(layer.list_conversations(&text(SESSION), &Arg::Undefined))
        .unwrap()
        .decoded();
    assert_eq!(trips(), 4);
    block_on(layer.get_conversation_with_messages(&text("c1")))
        .unwrap()
        .decoded();
    assert_eq!(trips(), 5);
}

#[test]
fn a_conversation_with_a_falsy_title_has_none() {
    let layer = data_layer();
    block_on(layer.get_or_create_session(&text(SESSION), metadata(None), T0))
        .unwrap()
        .decoded();
    let untitled =
        block_on(layer.create_conversation(&text("c1"), &text(SESSION), &Arg::Undefined, T0))
            .unwrap();
    let empty =
        block_on(layer.create_conversation(&text("c2"), &text(SESSION), &text(""), T0)).unwrap();
    let titled =
        block_on(layer.create_conversation(&text("c3"), &text(SESSION), &text("Hi"), T0)).unwrap();
    assert_eq!((untitled.title, empty.title), (None, None));
    assert_eq!(echoed_conversation(&titled).title.as_deref(), Some("Hi"));
    assert_eq!(titled.created_at, titled.updated_at);
    let nulls = layer
        .database()
        .text("SELECT group_concat(quote(title), ',') FROM conversations ORDER BY id");
    assert_eq!(nulls, "NULL,NULL,'Hi'");
}

#[test]
fn a_message_touches_its_conversation_at_the_same_instant() {
    let layer = data_layer();
    block_on(layer.get_or_create_session(&text(SESSION), metadata(None), T0))
        .unwrap()
        .decoded();
    block_on(layer.create_conversation(&text("c1"), &text(SESSION), &Arg::Undefined, T0)).unwrap();
    let message = block_on(layer.create_message(
        &text("m1"),
        &text("c1"),
        &text("assistant"),
        &text("Hello"),
        T0 + 42,
    ))
    .unwrap();
    assert_eq!(message.role, MessageRole::Assistant);
    assert_eq!(message.created_at, "2025-11-14T10:30:00.165Z");
    let found = block_on(layer.get_conversation_with_messages(&text("c1")))
        .unwrap()
        .decoded()
        .expect("conversation exists");
    assert_eq!(found.conversation.updated_at, message.created_at);
    assert_eq!(found.messages, vec![echoed_message(&message)]);
}

#[test]
fn a_message_for_a_missing_conversation_leaves_nothing_behind() {
    let layer = data_layer();
    let rejection = block_on(layer.create_message(
        &text("m1"),
        &text("no-such-conversation"),
        &text("user"),
        &text("x"),
        T0,
    ))
    .unwrap_err();
    let failure = Failure::new(Method::CreateMessage, &rejection.error);
    assert_eq!(failure.code, ErrorCode::ConstraintError);
    assert_eq!(
        failure.message,
        "Failed to create message: conversation \"no-such-conversation\" does not exist (FOREIGN KEY constraint failed)"
    );
    assert!(
        rejection.cause.is_some(),
        "the SQLite error is kept as the cause"
    );
    assert_eq!(layer.database().count("messages"), 0);
}

#[test]
fn a_duplicate_message_id_leaves_updated_at_unchanged() {
    let layer = data_layer();
    block_on(layer.get_or_create_session(&text(SESSION), metadata(None), T0))
        .unwrap()
        .decoded();
    block_on(layer.create_conversation(&text("c1"), &text(SESSION), &Arg::Undefined, T0)).unwrap();
    block_on(layer.create_message(&text("m1"), &text("c1"), &text("user"), &text("a"), T0 + 1))
        .unwrap();
    let rejection = block_on(layer.create_message(
        &text("m1"),
        &text("c1"),
        &text("user"),
        &text("b"),
        T0 + 9_000,
    ))
    .unwrap_err();
    assert_eq!(
        rejection.error.code(Method::CreateMessage),
        ErrorCode::ConstraintError
    );
    let updated_at = layer
        .database()
        .text("SELECT updated_at FROM conversations WHERE id = 'c1'");
    assert_eq!(updated_at, "2025-11-14T10:30:00.124Z");
    assert_eq!(layer.database().count("messages"), 1);
}

#[test]
fn when_the_updated_at_touch_fails_the_message_insert_is_rolled_back() {
    let layer = data_layer();
    block_on(layer.get_or_create_session(&text(SESSION), metadata(None), T0))
        .unwrap()
        .decoded();
    block_on(layer.create_conversation(&text("c1"), &text(SESSION), &Arg::Undefined, T0)).unwrap();
    // The second statement of the batch fails after the first has inserted its row.
    layer
        .database()
        .exec("CREATE TRIGGER refuse BEFORE UPDATE ON conversations BEGIN SELECT RAISE(ABORT, 'touch refused'); END")
        .unwrap();
    let rejection =
        block_on(layer.create_message(&text("m1"), &text("c1"), &text("user"), &text("a"), T0 + 1))
            .unwrap_err();
    assert_eq!(rejection.error.to_string(), "touch refused");
    assert_eq!(layer.database().count("messages"), 0);
}

#[test]
fn listing_returns_newest_first_up_to_the_limit() {
    let layer = data_layer();
    block_on(layer.get_or_create_session(&text(SESSION), metadata(None), T0))
        .unwrap()
        .decoded();
    for (i, id) in ["a", "b", "c"].iter().enumerate() {
        block_on(layer.create_conversation(
            &text(id),
            &text(SESSION),
            &Arg::Undefined,
            T0 + i as i64,
        ))
        .unwrap();
    }
    // A message makes the oldest conversation the most recently updated.
    block_on(layer.create_message(
        &text("m"),
        &text("a"),
        &text("user"),
        &text("bump"),
        T0 + 100,
    ))
    .unwrap();
    let ids = |limit: &Arg| {
        block_on(layer.list_conversations(&text(SESSION), limit))
            .unwrap()
            .decoded()
            .into_iter()
            .map(|c| c.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&Arg::Undefined), ["a", "c", "b"]);
    assert_eq!(ids(&Arg::Number(2.0)), ["a", "c"]);
    // As in the old layer (drizzle's rule): a negative number, NaN or a string lists them all.
    for all in [Arg::Number(-1.0), Arg::Number(f64::NAN), text("2")] {
        assert_eq!(ids(&all), ["a", "c", "b"]);
    }
    assert!(ids(&Arg::Number(0.0)).is_empty());
    assert!(
        block_on(layer.list_conversations(&text("unknown"), &Arg::Undefined))
            .unwrap()
            .decoded()
            .is_empty()
    );
}

#[test]
fn the_default_limit_is_ten() {
    let layer = data_layer();
    block_on(layer.get_or_create_session(&text(SESSION), metadata(None), T0))
        .unwrap()
        .decoded();
    for i in 0..12 {
        block_on(layer.create_conversation(
            &text(format!("c{i}")),
            &text(SESSION),
            &Arg::Undefined,
            T0 + i,
        ))
        .unwrap();
    }
    assert_eq!(
        block_on(layer.list_conversations(&text(SESSION), &Arg::Undefined))
            .unwrap()
            .decoded()
            .len(),
        10
    );
    assert_eq!(
        block_on(layer.list_conversations(&text(SESSION), &Arg::Number(11.0)))
            .unwrap()
            .decoded()
            .len(),
        11
    );
}

#[test]
fn a_missing_conversation_is_none_and_an_empty_one_has_no_messages() {
    let layer = data_layer();
    assert_eq!(
        block_on(layer.get_conversation_with_messages(&text("nope")))
            .unwrap()
            .decoded(),
        None
    );
    block_on(layer.get_or_create_session(&text(SESSION), metadata(None), T0))
        .unwrap()
        .decoded();
    block_on(layer.create_conversation(&text("c1"), &text(SESSION), &Arg::Undefined, T0)).unwrap();
    let found = block_on(layer.get_conversation_with_messages(&text("c1")))
        .unwrap()
        .decoded()
        .unwrap();
    assert!(found.messages.is_empty());
}

#[test]
fn messages_written_in_one_millisecond_keep_insertion_order() {
    let layer = data_layer();
    block_on(layer.get_or_create_session(&text(SESSION), metadata(None), T0))
        .unwrap()
        .decoded();
    block_on(layer.create_conversation(&text("c1"), &text(SESSION), &Arg::Undefined, T0)).unwrap();
    // Ids sort in the opposite order to insertion, so only the rowid can explain the result.
    let ids = ["m9", "m5", "m7", "m1", "m3"];
    for id in ids {
        block_on(layer.create_message(&text(id), &text("c1"), &text("user"), &text(id), T0))
            .unwrap();
    }
    block_on(layer.create_message(
        &text("m0"),
        &text("c1"),
        &text("user"),
        &text("earlier"),
        T0 - 1,
    ))
    .unwrap();
    let found = block_on(layer.get_conversation_with_messages(&text("c1")))
        .unwrap()
        .decoded()
        .unwrap();
    let order: Vec<_> = found.messages.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(order, ["m0", "m9", "m5", "m7", "m1", "m3"]);
}

#[test]
fn deleting_a_session_cascades_to_conversations_and_messages() {
    let layer = data_layer();
    block_on(layer.get_or_create_session(&text(SESSION), metadata(None), T0))
        .unwrap()
        .decoded();
    block_on(layer.get_or_create_session(&text("other"), metadata(None), T0))
        .unwrap()
        .decoded();
    block_on(layer.create_conversation(&text("c1"), &text(SESSION), &Arg::Undefined, T0)).unwrap();
    block_on(layer.create_conversation(&text("c2"), &text("other"), &Arg::Undefined, T0)).unwrap();
    block_on(layer.create_message(&text("m1"), &text("c1"), &text("user"), &text("x"), T0))
        .unwrap();
    block_on(layer.create_message(&text("m2"), &text("c2"), &text("user"), &text("y"), T0))
        .unwrap();
    let db = layer.database();
    db.exec(&format!(
        "DELETE FROM client_sessions WHERE id = '{SESSION}'"
    ))
    .unwrap();
    assert_eq!(db.count("conversations"), 1);
    assert_eq!(db.count("messages"), 1);
    assert_eq!(db.text("SELECT id FROM messages"), "m2");
}

#[test]
fn duplicate_ids_and_missing_parents_are_constraint_errors() {
    let layer = data_layer();
    block_on(layer.get_or_create_session(&text(SESSION), metadata(None), T0))
        .unwrap()
        .decoded();
    block_on(layer.create_conversation(&text("c1"), &text(SESSION), &Arg::Undefined, T0)).unwrap();
    let duplicate =
        block_on(layer.create_conversation(&text("c1"), &text(SESSION), &Arg::Undefined, T0))
            .unwrap_err();
    let orphan =
        block_on(layer.create_conversation(&text("c2"), &text("no-session"), &Arg::Undefined, T0))
            .unwrap_err();
    for rejection in [duplicate, orphan] {
        let failure = Failure::new(Method::CreateConversation, &rejection.error);
        assert_eq!(
            failure.code,
            ErrorCode::ConstraintError,
            "{}",
            failure.message
        );
        assert!(failure
            .message
            .starts_with("Failed to create conversation: "));
    }
    assert_eq!(layer.database().count("conversations"), 1);
}

#[test]
fn invalid_input_is_rejected_before_any_sql() {
    let layer = data_layer();
    let trips = || layer.database().round_trips.get();
    let role =
        block_on(layer.create_message(&text("m"), &text("c"), &text("system"), &text("x"), T0))
            .unwrap_err();
    assert_eq!(
        role.error.to_string(),
        r#"role must be "user" or "assistant", got "system""#
    );
    // What D1 cannot bind: the old layer's call threw too.
    let unbindable = [
        Arg::Undefined,
        Arg::Object,
        Arg::Array {
            only: None,
            bytes: None,
        },
        Arg::BigInt { zero: false },
    ];
    for bad in &unbindable {
        let rejection = block_on(layer.get_conversation_with_messages(bad)).err();
        let error = rejection.expect("refused").error;
        assert_eq!(
            error.code(Method::GetConversationWithMessages),
            ErrorCode::ValidationError
        );
        assert!(error
            .to_string()
            .starts_with("conversationId must be a string, number, boolean or null"));
    }
    assert_eq!(trips(), 0);
}
