#![cfg(not(target_arch = "wasm32"))]
//! Messages (`createMessage`) on real SQLite: the batch it sends, its atomicity, its order, and
//! the constraint errors that name the argument at fault.

mod common;

use chat_d1::core::arg::Arg;
use chat_d1::core::dropin::conversations::CREATE_CONVERSATION;
use chat_d1::core::dropin::messages::{self, CREATE_MESSAGE};
use chat_d1::core::error::{ErrorCode, Failure};
use chat_d1::core::model::{Message, MessageRole};
use common::args::{echoed_message, metadata, param, scalar_message, text};
use common::decode::Decoded;
use common::{block_on, data_layer, T0};

const SESSION: &str = "6f1c2a7e-5b0d-4c8e-9a4f-1d2e3f405162";

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
    let failure = Failure::new(CREATE_MESSAGE, &rejection.error);
    assert_eq!(failure.code, ErrorCode::ConstraintError);
    assert_eq!(
        failure.message,
        "Failed to create message: conversation \"no-such-conversation\" does not exist (FOREIGN KEY constraint failed)"
    );
    assert!(
        rejection.cause.is_some(),
        "the SQLite error is kept as the cause"
    );
    assert_eq!(layer.storage().count("messages"), 0);
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
        rejection.error.code(CREATE_MESSAGE),
        ErrorCode::ConstraintError
    );
    let updated_at = layer
        .storage()
        .text("SELECT updated_at FROM conversations WHERE id = 'c1'");
    assert_eq!(updated_at, "2025-11-14T10:30:00.124Z");
    assert_eq!(layer.storage().count("messages"), 1);
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
        .storage()
        .exec("CREATE TRIGGER refuse BEFORE UPDATE ON conversations BEGIN SELECT RAISE(ABORT, 'touch refused'); END")
        .unwrap();
    let rejection =
        block_on(layer.create_message(&text("m1"), &text("c1"), &text("user"), &text("a"), T0 + 1))
            .unwrap_err();
    assert_eq!(rejection.error.to_string(), "touch refused");
    assert_eq!(layer.storage().count("messages"), 0);
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

fn message(content: &str) -> Message {
    Message {
        id: "m1".into(),
        conversation_id: "c1".into(),
        role: MessageRole::User,
        content: content.into(),
        created_at: "NOW".into(),
    }
}

#[test]
fn create_message_is_an_insert_and_a_touch_in_one_batch() {
    let [insert, touch] = messages::insert_message(&scalar_message(&message("hi")));
    assert_eq!(
        insert.sql,
        r#"INSERT INTO messages (id, conversation_id, role, content, created_at) VALUES (?, ?, ?, ?, ?)"#
    );
    assert_eq!(
        insert.params,
        [
            param("m1"),
            param("c1"),
            param("user"),
            param("hi"),
            param("NOW")
        ]
    );
    assert_eq!(
        touch.sql,
        r#"UPDATE conversations SET updated_at = MAX(updated_at, ?) WHERE id = ?"#
    );
    assert_eq!(touch.params, [param("NOW"), param("c1")]);
}

#[test]
fn a_constraint_error_says_which_argument_was_wrong() {
    let layer = data_layer();
    block_on(layer.get_or_create_session(&text("s"), metadata(None), T0)).unwrap();
    block_on(layer.create_conversation(&text("c"), &text("s"), &Arg::Undefined, T0)).unwrap();
    block_on(layer.create_message(&text("m"), &text("c"), &text("user"), &text("x"), T0)).unwrap();
    let cases = [
        (
            CREATE_CONVERSATION,
            block_on(layer.create_conversation(&text("c2"), &text("nobody"), &Arg::Undefined, T0))
                .err(),
            "Failed to create conversation: session \"nobody\" does not exist (FOREIGN KEY constraint failed)",
        ),
        (
            CREATE_CONVERSATION,
            block_on(layer.create_conversation(&text("c"), &text("s"), &Arg::Undefined, T0)).err(),
            "Failed to create conversation: a conversation with id \"c\" already exists (UNIQUE constraint failed: conversations.id)",
        ),
        (
            CREATE_MESSAGE,
            block_on(layer.create_message(&text("m2"), &text("gone"), &text("user"), &text("x"), T0))
                .err(),
            "Failed to create message: conversation \"gone\" does not exist (FOREIGN KEY constraint failed)",
        ),
        (
            CREATE_MESSAGE,
            block_on(layer.create_message(&text("m"), &text("c"), &text("user"), &text("x"), T0))
                .err(),
            "Failed to create message: a message with id \"m\" already exists (UNIQUE constraint failed: messages.id)",
        ),
        (
            CREATE_MESSAGE,
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
    assert_eq!(layer.storage().count("messages"), 1);
}
