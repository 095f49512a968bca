#![cfg(not(target_arch = "wasm32"))]
//! `saveMessages` on real SQLite: a save of the AI SDK's list that writes only what changed (a
//! message stored as text and listed back as its text part included), in list order, never
//! across ownership.

mod common;

use chat_d1::core::arg::Arg;
use chat_d1::core::chat::args::MessageArgs;
use chat_d1::core::chat::parts::{PartArgs, PartsArgs};
use chat_d1::core::chat::saving::{MessageList, Saved};
use chat_d1::core::chat::{Scope, SAVE_MESSAGES};
use chat_d1::core::error::ErrorCode;
use common::args::{parts_message, text, turn};
use common::{block_on, data_layer, Sqlite, T0};

fn scope(session: &str) -> Scope {
    Scope::new(&text(session)).expect("a valid session id")
}

/// Rows changed in the database so far: SQLite's own count of every row written.
fn changes(db: &Sqlite) -> u64 {
    db.conn.total_changes()
}

fn saved(inserted: usize, updated: usize, unchanged: usize) -> Saved {
    Saved {
        inserted,
        updated,
        unchanged,
    }
}

#[test]
fn saving_the_same_list_twice_writes_only_the_first_time() {
    let layer = data_layer();
    let s = scope("s");
    block_on(layer.start_turn(&s, turn("c", "u1", true, None), T0)).unwrap();
    let list = || {
        vec![
            parts_message("u1", "user", &[("text", "content of u1")]),
            parts_message(
                "a1",
                "assistant",
                &[("reasoning", "think"), ("text", "answer")],
            ),
            parts_message("a2", "assistant", &[("text", "more")]),
        ]
    };
    let first =
        block_on(layer.save_messages(&s, &text("c"), MessageList::Messages(list()), T0 + 1))
            .unwrap();
    // u1 was stored as content alone and is listed as it reads back (one text part): unchanged.
    assert_eq!(first, saved(2, 0, 1));
    let db = layer.storage();
    let order: Vec<String> = db.ids(&chat_d1::core::statement::Statement {
        sql: "SELECT id FROM messages ORDER BY created_at, rowid",
        params: vec![],
    });
    assert_eq!(order, ["u1", "a1", "a2"]);
    assert_eq!(
        db.text("SELECT content FROM messages WHERE id = 'a1'"),
        "answer"
    );
    assert_eq!(
        db.text("SELECT updated_at FROM conversations"),
        "2025-11-14T10:30:00.124Z"
    );
    let before = changes(db);
    let again =
        block_on(layer.save_messages(&s, &text("c"), MessageList::Messages(list()), T0 + 2))
            .unwrap();
    assert_eq!(again, saved(0, 0, 3));
    assert_eq!(changes(db), before, "an unchanged list writes no row");
    // A tool result arriving later: the same message, its parts changed.
    let mut later = list();
    later[1] = parts_message(
        "a1",
        "assistant",
        &[("reasoning", "think"), ("text", "answer, with the result")],
    );
    let third = block_on(layer.save_messages(&s, &text("c"), MessageList::Messages(later), T0 + 3))
        .unwrap();
    assert_eq!(third, saved(0, 1, 2));
    assert_eq!(changes(db), before + 1);
    assert_eq!(
        db.text("SELECT content FROM messages WHERE id = 'a1'"),
        "answer, with the result"
    );
}

#[test]
fn an_id_of_another_conversation_or_a_foreign_conversation_writes_nothing() {
    let layer = data_layer();
    block_on(layer.start_turn(&scope("other"), turn("theirs", "taken", true, None), T0)).unwrap();
    let s = scope("s");
    block_on(layer.start_turn(&s, turn("c", "u1", true, None), T0)).unwrap();
    let db = layer.storage();
    // Everything stored, to compare after each refusal (a rolled-back write still counts in
    // SQLite's change counter, so the rows themselves are compared).
    let snapshot = || {
        db.text("SELECT group_concat(id || conversation_id || content || ifnull(parts, '') || created_at, ';') FROM messages")
            + &db.text("SELECT group_concat(id || updated_at) FROM conversations")
    };
    let before = snapshot();
    let list = vec![
        parts_message("new", "assistant", &[("text", "x")]),
        parts_message("taken", "assistant", &[("text", "y")]),
    ];
    let rejection =
        block_on(layer.save_messages(&s, &text("c"), MessageList::Messages(list), T0 + 1))
            .expect_err("refused");
    assert_eq!(
        rejection.error.code(SAVE_MESSAGES),
        ErrorCode::ConstraintError
    );
    assert!(rejection
        .error
        .to_string()
        .starts_with("a listed message id is stored in another conversation"));
    assert_eq!(snapshot(), before);
    assert_eq!(
        db.text("SELECT conversation_id FROM messages WHERE id = 'taken'"),
        "theirs"
    );
    let list = vec![parts_message("new", "assistant", &[("text", "x")])];
    let rejection =
        block_on(layer.save_messages(&s, &text("theirs"), MessageList::Messages(list), T0 + 1))
            .expect_err("not found");
    assert_eq!(rejection.error.code(SAVE_MESSAGES), ErrorCode::NotFound);
    assert_eq!(snapshot(), before);
}

#[test]
fn a_repeated_id_or_a_bad_message_is_refused_naming_its_index() {
    let layer = data_layer();
    let s = scope("s");
    let list = vec![
        parts_message("a", "assistant", &[("text", "x")]),
        parts_message("a", "user", &[("text", "y")]),
    ];
    let error = block_on(layer.save_messages(&s, &text("c"), MessageList::Messages(list), T0))
        .expect_err("refused")
        .error;
    assert_eq!(
        error.to_string(),
        "messages[].id must be an id no other listed message has, got a repeated id, at index 1"
    );
    let list = vec![
        parts_message("a", "assistant", &[("text", "x")]),
        parts_message("b", "system", &[("text", "y")]),
    ];
    let error = block_on(layer.save_messages(&s, &text("c"), MessageList::Messages(list), T0))
        .expect_err("refused")
        .error;
    assert_eq!(
        error.to_string(),
        "messages[].role must be \"user\" or \"assistant\", got a string, at index 1"
    );
    let error =
        block_on(layer.save_messages(&s, &text("c"), MessageList::NotAnArray(Arg::Null), T0))
            .expect_err("refused")
            .error;
    assert_eq!(
        error.to_string(),
        "messages must be an array of at most 1000 messages, got null"
    );
    let error = block_on(layer.save_messages(&s, &text("c"), MessageList::TooLong, T0))
        .expect_err("refused")
        .error;
    assert_eq!(
        error.to_string(),
        "messages must be an array of at most 1000 messages, got an array of more"
    );
    assert_eq!(layer.storage().round_trips.get(), 0);
}

#[test]
fn a_text_message_listed_back_as_its_one_text_part_is_unchanged() {
    let layer = data_layer();
    let s = scope("s");
    let mut args = turn("c", "m0", true, None);
    args.content = text("two\nlines \"quoted\" \\ tab\t é 🐱");
    block_on(layer.start_turn(&s, args, T0)).unwrap();
    let db = layer.storage();
    let content = db.text("SELECT content FROM messages");
    // What JSON.stringify writes for that part: the escapes SQLite's json_object writes too.
    let json = format!(
        "{{\"type\":\"text\",\"text\":\"{}\"}}",
        content
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
            .replace('\t', "\\t")
    );
    let listed = MessageArgs {
        parts: PartsArgs {
            arg: Arg::Object,
            items: Some(vec![PartArgs {
                part: Arg::PlainObject,
                kind: text("text"),
                text: text(&content),
                json: Ok(Some(json)),
            }]),
        },
        ..parts_message("m0", "user", &[])
    };
    let before = changes(db);
    let again =
        block_on(layer.save_messages(&s, &text("c"), MessageList::Messages(vec![listed]), T0 + 1))
            .unwrap();
    assert_eq!(again, saved(0, 0, 1));
    assert_eq!(changes(db), before);
    assert_eq!(db.count("messages WHERE parts IS NULL"), 1);
}
