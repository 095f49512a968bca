#![cfg(not(target_arch = "wasm32"))]
//! Parts on real SQLite: a message given as the AI SDK's parts is stored as given, `content` the
//! text of its text parts; bad bodies and a row over D1's limit (naming its largest part) are
//! refused before any SQL.

mod common;

use chat_d1::core::arg::Arg;
use chat_d1::core::chat::args::TurnArgs;
use chat_d1::core::chat::parts::{PartArgs, PartsArgs};
use chat_d1::core::chat::{Scope, START_TURN};
use chat_d1::core::error::ErrorCode;
use common::args::{parts_message, text, turn};
use common::{block_on, data_layer, T0};

fn scope(session: &str) -> Scope {
    Scope::new(&text(session)).expect("a valid session id")
}

#[test]
fn a_turn_given_parts_stores_them_as_given_and_its_text_as_content() {
    let layer = data_layer();
    let mut args = turn("c", "m0", true, None);
    args.content = Arg::Undefined;
    args.parts = parts_message(
        "m0",
        "user",
        &[("text", "one"), ("file", "ignored"), ("text", "two")],
    )
    .parts;
    block_on(layer.start_turn(&scope("s"), args, T0)).unwrap();
    let db = layer.storage();
    assert_eq!(db.text("SELECT content FROM messages"), "one\n\ntwo");
    assert_eq!(
        db.text("SELECT parts FROM messages"),
        r#"[{"type":"text","text":"one"},{"type":"file","text":"ignored"},{"type":"text","text":"two"}]"#
    );
    // Content alone leaves parts NULL: read back as one text part.
    block_on(layer.start_turn(&scope("s"), turn("c", "m1", false, None), T0 + 1)).unwrap();
    assert_eq!(db.count("messages WHERE parts IS NULL"), 1);
}

#[test]
fn bad_bodies_are_refused_before_any_sql() {
    let layer = data_layer();
    let refused = |args: TurnArgs<rusqlite::Error>| {
        let rejection = block_on(layer.start_turn(&scope("s"), args, T0))
            .err()
            .expect("refused");
        assert_eq!(rejection.error.code(START_TURN), ErrorCode::ValidationError);
        rejection.error.to_string()
    };
    let mut both = turn("c", "m0", true, None);
    both.parts = parts_message("m0", "user", &[("text", "x")]).parts;
    assert!(refused(both).starts_with("turn.message.parts must be given alone"));
    let mut empty = turn("c", "m0", true, None);
    (empty.content, empty.parts) = (
        Arg::Undefined,
        PartsArgs {
            arg: Arg::Object,
            items: Some(vec![]),
        },
    );
    assert_eq!(refused(empty), "turn.message.parts must be a non-empty array of plain objects, each with a string type, got an empty array");
    let mut untyped = turn("c", "m0", true, None);
    untyped.content = Arg::Undefined;
    untyped.parts = PartsArgs {
        arg: Arg::Object,
        items: Some(vec![PartArgs {
            part: Arg::PlainObject,
            kind: Arg::Number(1.0),
            text: Arg::Undefined,
            json: Ok(Some("{}".into())),
        }]),
    };
    assert!(refused(untyped).ends_with("got part 0 without a string type"));
    let mut not_an_object = turn("c", "m0", true, None);
    not_an_object.content = Arg::Undefined;
    not_an_object.parts = PartsArgs {
        arg: Arg::Object,
        items: Some(vec![PartArgs {
            part: Arg::PlainObject,
            kind: text("text"),
            text: Arg::Undefined,
            json: Ok(Some("5".into())),
        }]),
    };
    assert!(refused(not_an_object).ends_with("got part 0 whose JSON is not an object"));
    let mut not_array = turn("c", "m0", true, None);
    (not_array.content, not_array.parts) = (
        Arg::Undefined,
        PartsArgs {
            arg: Arg::Text("x".into()),
            items: None,
        },
    );
    assert!(refused(not_array).ends_with("got a string"));
    assert_eq!(layer.storage().round_trips.get(), 0);
}

#[test]
fn a_message_over_d1s_row_limit_is_refused_naming_its_largest_part() {
    let layer = data_layer();
    let big = "x".repeat(2_100_000);
    let mut args = turn("c", "m0", true, None);
    args.content = Arg::Undefined;
    args.parts = parts_message("m0", "user", &[("text", "caption"), ("file", &big)]).parts;
    let error = block_on(layer.start_turn(&scope("s"), args, T0))
        .err()
        .expect("refused")
        .error;
    assert_eq!(error.code(START_TURN), ErrorCode::ValidationError);
    let message = error.to_string();
    assert!(message.contains("R2"), "{message}");
    assert!(
        message.ends_with("got part 1 (type \"file\") of 2100025 bytes"),
        "{message}"
    );
    assert_eq!(layer.storage().round_trips.get(), 0);
}

#[test]
fn every_text_part_counts_in_content_even_an_empty_one() {
    let layer = data_layer();
    let mut args = turn("c", "m0", true, None);
    args.content = Arg::Undefined;
    args.parts = parts_message("m0", "user", &[("text", ""), ("text", "b"), ("text", "")]).parts;
    block_on(layer.start_turn(&scope("s"), args, T0)).unwrap();
    assert_eq!(
        layer.storage().text("SELECT content FROM messages"),
        "\n\nb\n\n"
    );
}
