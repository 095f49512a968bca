#![cfg(not(target_arch = "wasm32"))]
//! Whole flows across capabilities on real SQLite: one round trip per method, cascades, and text
//! of every kind stored and read back exactly.

mod common;

use chat_d1::core::arg::Arg;
use common::args::{metadata, text, text as arg};
use common::decode::Decoded;
use common::{block_on, data_layer, T0};

const SESSION: &str = "6f1c2a7e-5b0d-4c8e-9a4f-1d2e3f405162";

#[test]
fn each_method_makes_exactly_one_round_trip() {
    let layer = data_layer();
    let trips = || layer.storage().round_trips.get();
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
    let db = layer.storage();
    db.exec(&format!(
        "DELETE FROM client_sessions WHERE id = '{SESSION}'"
    ))
    .unwrap();
    assert_eq!(db.count("conversations"), 1);
    assert_eq!(db.count("messages"), 1);
    assert_eq!(db.text("SELECT id FROM messages"), "m2");
}

const HOSTILE: [&str; 6] = [
    "it's \"quoted\"",
    "x'); DROP TABLE messages; --",
    "-- comment\n/* block */",
    "nul\0inside",
    "emoji 👋🏽 and 漢字 and \u{200d}",
    "",
];

#[test]
fn hostile_strings_round_trip_exactly_through_every_column() {
    let layer = data_layer();
    for (i, value) in HOSTILE.iter().enumerate() {
        let session = format!("{value}-s{i}");
        let conversation = format!("{value}-c{i}");
        let title = format!("{value}-t");
        let json = serde_like_json_object(value);
        let stored =
            block_on(layer.get_or_create_session(&arg(&session), metadata(Some(&json)), T0))
                .unwrap()
                .decoded();
        assert_eq!(
            (stored.id.as_str(), stored.metadata_json.as_deref()),
            (session.as_str(), Some(json.as_str()))
        );
        block_on(layer.create_conversation(&arg(&conversation), &arg(&session), &arg(&title), T0))
            .unwrap();
        block_on(layer.create_message(
            &arg(format!("{value}-m")),
            &arg(&conversation),
            &arg("user"),
            &arg(value),
            T0,
        ))
        .unwrap();
        let found = block_on(layer.get_conversation_with_messages(&arg(&conversation)))
            .unwrap()
            .decoded()
            .unwrap();
        assert_eq!(found.conversation.title.as_deref(), Some(title.as_str()));
        assert_eq!(found.messages[0].content, *value);
        assert_eq!(found.messages[0].id, format!("{value}-m"));
        let listed = block_on(layer.list_conversations(&arg(&session), &Arg::Undefined))
            .unwrap()
            .decoded();
        assert_eq!(listed[0].id, conversation);
    }
    assert_eq!(layer.storage().count("messages"), HOSTILE.len() as i64);
}

/// A JSON object holding `value`, escaped as JSON.stringify would.
fn serde_like_json_object(value: &str) -> String {
    let escaped: String = value
        .chars()
        .map(|c| match c {
            '"' => "\\\"".to_owned(),
            '\\' => "\\\\".to_owned(),
            '\n' => "\\n".to_owned(),
            c if (c as u32) < 0x20 => format!("\\u{:04x}", c as u32),
            c => c.to_string(),
        })
        .collect();
    format!(r#"{{"v":"{escaped}"}}"#)
}

#[test]
fn a_megabyte_of_text_round_trips_exactly() {
    let layer = data_layer();
    block_on(layer.get_or_create_session(&arg("s"), metadata(None), T0))
        .unwrap()
        .decoded();
    block_on(layer.create_conversation(&arg("c"), &arg("s"), &Arg::Undefined, T0)).unwrap();
    let content: String = "ab\0c👋'\"--".chars().cycle().take(1 << 20).collect();
    block_on(layer.create_message(&arg("m"), &arg("c"), &arg("assistant"), &arg(&content), T0))
        .unwrap();
    let found = block_on(layer.get_conversation_with_messages(&arg("c")))
        .unwrap()
        .decoded()
        .unwrap();
    assert_eq!(found.messages[0].content.len(), content.len());
    assert!(found.messages[0].content == content);
}
