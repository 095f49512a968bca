#![cfg(not(target_arch = "wasm32"))]
//! Conversations (`createConversation`, `listConversations`, `getConversationWithMessages`) on real
//! SQLite: the statements they send, and what they do with every kind of argument.

mod common;

use chat_d1::core::arg::{Arg, Scalar};
use chat_d1::core::dropin::conversations::{
    self, CREATE_CONVERSATION, GET_CONVERSATION_WITH_MESSAGES,
};
use chat_d1::core::error::{ErrorCode, Failure};
use chat_d1::core::model::Conversation;
use chat_d1::core::value::SqlValue;
use common::args::{echoed_conversation, metadata, param, scalar_conversation, text};
use common::decode::Decoded;
use common::{block_on, data_layer, T0};

const SESSION: &str = "6f1c2a7e-5b0d-4c8e-9a4f-1d2e3f405162";

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
        .storage()
        .text("SELECT group_concat(quote(title), ',') FROM conversations ORDER BY id");
    assert_eq!(nulls, "NULL,NULL,'Hi'");
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
        let failure = Failure::new(CREATE_CONVERSATION, &rejection.error);
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
    assert_eq!(layer.storage().count("conversations"), 1);
}

#[test]
fn invalid_input_is_rejected_before_any_sql() {
    let layer = data_layer();
    let trips = || layer.storage().round_trips.get();
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
            error.code(GET_CONVERSATION_WITH_MESSAGES),
            ErrorCode::ValidationError
        );
        assert!(error
            .to_string()
            .starts_with("conversationId must be a string, number, boolean or null"));
    }
    assert_eq!(trips(), 0);
}

fn conversation(title: Option<&str>) -> Conversation {
    Conversation {
        id: "c1".into(),
        session_id: "s1".into(),
        title: title.map(str::to_owned),
        created_at: "NOW".into(),
        updated_at: "NOW".into(),
    }
}

#[test]
fn create_conversation_is_one_insert() {
    let statement = conversations::insert_conversation(&scalar_conversation(&conversation(None)));
    assert_eq!(
        statement.sql,
        r#"INSERT INTO conversations (id, session_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"#
    );
    assert_eq!(
        statement.params,
        [
            param("c1"),
            param("s1"),
            SqlValue::Null,
            param("NOW"),
            param("NOW")
        ]
    );
}

#[test]
fn list_conversations_is_one_indexed_select() {
    let statement = conversations::select_conversations(param("s1"), SqlValue::Integer(10));
    assert_eq!(
        statement.sql,
        r#"SELECT id, session_id, title, created_at, updated_at FROM conversations WHERE session_id = ? ORDER BY updated_at DESC LIMIT ?"#
    );
    assert_eq!(statement.params, [param("s1"), SqlValue::Integer(10)]);
}

#[test]
fn get_conversation_with_messages_is_two_selects_in_one_batch() {
    let [conversation, messages] = conversations::select_conversation_with_messages(param("c1"));
    assert_eq!(
        conversation.sql,
        r#"SELECT id, session_id, title, created_at, updated_at FROM conversations WHERE id = ?"#
    );
    assert_eq!(
        messages.sql,
        r#"SELECT id, conversation_id, role, content, created_at FROM messages WHERE conversation_id = ? ORDER BY created_at ASC, rowid ASC"#
    );
    assert_eq!(conversation.params, [param("c1")]);
    assert_eq!(messages.params, [param("c1")]);
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
            .storage()
            .text("SELECT id || '|' || title FROM conversations"),
        "7|1"
    );
    assert_eq!(layer.storage().text("SELECT content FROM messages"), "42");
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
