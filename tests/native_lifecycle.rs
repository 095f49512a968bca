#![cfg(not(target_arch = "wasm32"))]
//! Editing and lifecycle on real SQLite: "after a message" in the conversation's own order (ties
//! within a millisecond in insertion order), and every count, delete and purge served by an index
//! without a scan of the table or a sort.

mod common;

use chat_d1::core::arg::Arg;
use chat_d1::core::chat::Scope;
use chat_d1::core::chat::{branches, retention};
use common::args::{text, turn};
use common::{block_on, data_layer, Sqlite, T0};

fn scope(session: &str) -> Scope {
    Scope::new(&text(session)).expect("a valid session id")
}

#[test]
fn messages_after_one_are_those_after_it_in_order_ties_included() {
    let layer = data_layer();
    let s = scope("s");
    // Five messages in one millisecond: only insertion order tells them apart.
    block_on(layer.start_turn(&s, turn("c", "m0", true, None), T0)).unwrap();
    for i in 1..5 {
        block_on(layer.start_turn(&s, turn("c", &format!("m{i}"), false, None), T0)).unwrap();
    }
    let deleted = block_on(layer.delete_messages_after(&s, &text("c"), &text("m2"))).unwrap();
    assert_eq!(deleted, 2);
    assert_eq!(
        layer
            .storage()
            .text("SELECT group_concat(id, ',') FROM messages ORDER BY rowid"),
        "m0,m1,m2"
    );
    let foreign = block_on(layer.delete_messages_after(&scope("t"), &text("c"), &text("m0")));
    assert!(foreign.is_err());
    assert_eq!(layer.storage().count("messages"), 3);
}

#[test]
fn erase_counts_what_it_deletes_and_purge_takes_the_oldest_first() {
    let layer = data_layer();
    for (session, at) in [("old", 0), ("older", -5_000), ("new", 60_000)] {
        let conversation = format!("{session}-c");
        block_on(layer.start_turn(
            &scope(session),
            turn(&conversation, &format!("{session}-m"), true, None),
            T0 + at,
        ))
        .unwrap();
    }
    let erased = block_on(layer.erase(&scope("new"))).unwrap();
    assert_eq!((erased.conversations, erased.messages), (1, 1));
    let before = text("2025-11-14T10:30:30.000Z");
    let first = block_on(layer.purge_inactive_sessions(&before, &Arg::Number(1.0))).unwrap();
    assert_eq!((first.sessions, first.done), (1, false));
    assert_eq!(
        layer
            .storage()
            .text("SELECT group_concat(id, ',') FROM client_sessions"),
        "old"
    );
    let last = block_on(layer.purge_inactive_sessions(&before, &Arg::Number(1.0))).unwrap();
    assert_eq!((last.sessions, last.done), (1, false));
    let done = block_on(layer.purge_inactive_sessions(&before, &Arg::Number(1.0))).unwrap();
    assert_eq!((done.sessions, done.done), (0, true));
    assert_eq!(layer.storage().count("messages"), 0);
}

#[test]
fn counts_deletes_and_purges_are_served_by_indexes_without_a_sort() {
    let db = Sqlite::migrated();
    let s = scope("s");
    let plans = [
        db.plan(&retention::count_user_messages_since(
            &s,
            "2025-01-01T00:00:00.000Z",
        )),
        db.plan(&retention::count_session_messages(&s)),
        db.plan(&branches::delete_below(&s, "c", "m")),
        db.plan(&retention::purge_sessions("2025-01-01T00:00:00.000Z", 100)),
    ];
    for plan in &plans {
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
        assert!(
            !plan.contains("SCAN messages") && !plan.contains("SCAN client_sessions"),
            "{plan}"
        );
    }
    assert!(
        plans[0].contains("idx_msg_conversation (conversation_id=? AND created_at>?)"),
        "{}",
        plans[0]
    );
    assert!(
        plans[0].contains("idx_conv_session_updated (session_id=?)"),
        "{}",
        plans[0]
    );
    assert!(
        plans[3].contains("idx_session_activity (last_activity<?)"),
        "{}",
        plans[3]
    );
}
