#![cfg(not(target_arch = "wasm32"))]
//! Turns (`startTurn`, `addMessage`) on real SQLite: one batch each, ownership in SQL, the history
//! window, and the history read served by an index without a sort.

mod common;

use chat_d1::core::arg::Arg;
use chat_d1::core::chat::turns::{self, START_TURN};
use chat_d1::core::chat::Scope;
use chat_d1::core::error::ErrorCode;
use common::args::{reply, text, turn};
use common::decode::Decoded;
use common::{block_on, data_layer, T0};

fn scope(session: &str) -> Scope {
    Scope::new(&text(session)).expect("a valid session id")
}

#[test]
fn a_turn_is_one_batch_and_its_history_is_the_newest_messages_oldest_first() {
    let layer = data_layer();
    let s = scope("s");
    block_on(layer.start_turn(&s, turn("c", "m0", true, None), T0)).unwrap();
    for i in 1..5 {
        block_on(layer.start_turn(&s, turn("c", &format!("m{i}"), false, None), T0 + i)).unwrap();
    }
    assert_eq!(layer.storage().round_trips.get(), 5);
    let last = block_on(layer.start_turn(&s, turn("c", "m5", false, Some(3.0)), T0 + 5)).unwrap();
    assert!(last.history_truncated);
    let history: Vec<String> = last
        .history
        .decoded()
        .into_iter()
        .map(|(m, _)| m.id)
        .collect();
    assert_eq!(history, ["m3", "m4", "m5"]);
    let conversation = last.conversation.decoded();
    assert_eq!(conversation[0].updated_at, "2025-11-14T10:30:00.128Z");
}

#[test]
fn another_sessions_conversation_is_neither_read_nor_written() {
    let layer = data_layer();
    block_on(layer.start_turn(&scope("owner"), turn("c", "m0", true, None), T0)).unwrap();
    let stranger = scope("stranger");
    let rejection = block_on(layer.start_turn(&stranger, turn("c", "m1", false, None), T0))
        .err()
        .expect("not found");
    assert_eq!(rejection.error.code(START_TURN), ErrorCode::NotFound);
    assert_eq!(rejection.error.to_string(), "conversation \"c\" not found");
    let rejection = block_on(layer.add_message(
        &stranger,
        &text("c"),
        (reply("r", "x", None), &Arg::Undefined),
        T0,
    ))
    .expect_err("not found");
    assert_eq!(
        rejection.error.code(turns::ADD_MESSAGE),
        ErrorCode::NotFound
    );
    assert_eq!(layer.storage().count("messages"), 1);
    assert_eq!(
        layer.storage().text("SELECT updated_at FROM conversations"),
        "2025-11-14T10:30:00.123Z"
    );
}

#[test]
fn a_reply_keeps_its_metadata_and_the_history_hands_it_back() {
    let layer = data_layer();
    let s = scope("s");
    block_on(layer.start_turn(&s, turn("c", "m0", true, None), T0)).unwrap();
    let json = r#"{"model":"m-1","usage":{"output_tokens":12}}"#;
    let stored = block_on(layer.add_message(
        &s,
        &text("c"),
        (reply("r0", "hi", Some(json)), &Arg::Undefined),
        T0 + 1,
    ))
    .unwrap()
    .decoded();
    assert_eq!(stored[0].1.as_deref(), Some(json));
    let next = block_on(layer.start_turn(&s, turn("c", "m1", false, None), T0 + 2)).unwrap();
    let metadata: Vec<Option<String>> =
        next.history.decoded().into_iter().map(|(_, m)| m).collect();
    assert_eq!(metadata, [None, Some(json.to_owned()), None]);
}

#[test]
fn reply_metadata_that_is_not_a_plain_object_is_refused_before_any_sql() {
    let layer = data_layer();
    let s = scope("s");
    block_on(layer.start_turn(&s, turn("c", "m0", true, None), T0)).unwrap();
    let trips = layer.storage().round_trips.get();
    for arg in [
        Arg::Text("{}".into()),
        Arg::Array {
            only: None,
            bytes: None,
        },
        Arg::Number(1.0),
        Arg::Object,
    ] {
        let mut message = reply("r", "x", None);
        message.metadata.arg = arg;
        let rejection = block_on(layer.add_message(&s, &text("c"), (message, &Arg::Undefined), T0))
            .expect_err("refused");
        assert_eq!(
            rejection.error.code(turns::ADD_MESSAGE),
            ErrorCode::ValidationError
        );
        assert!(
            rejection.error.to_string().contains("message.metadata"),
            "{}",
            rejection.error
        );
    }
    assert_eq!(layer.storage().round_trips.get(), trips);
    assert_eq!(layer.storage().count("messages"), 1);
}
