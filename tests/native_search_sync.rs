#![cfg(not(target_arch = "wasm32"))]
//! The search index on real SQLite, kept in step with `messages`: through every write, edit,
//! delete, erase and purge of both APIs (FTS5's own integrity check against the messages after
//! each, and a search for what each wrote), and an app's own moves of conversations and messages;
//! `disableSearch`. The backfill: native_search_backfill.rs.

mod common;

use chat_d1::core::arg::Arg;
use chat_d1::core::chat::branches::ForkArgs;
use chat_d1::core::chat::saving::MessageList;
use chat_d1::core::chat::search::SearchOptions;
use common::args::{reply, reply_body, text, turn};
use common::search::{assert_in_step, enable, found, say, scope};
use common::{block_on, data_layer, T0};

#[test]
fn every_write_of_both_apis_keeps_the_index_in_step() {
    let layer = data_layer();
    assert!(enable(&layer, 100).1.done);
    let s = scope("s");
    // Chat API turn, and a reply reserved with it, checkpointed, finished.
    let mut args = turn("c", "u1", true, None);
    args.content = text("the walrus sings");
    args.reply = Arg::PlainObject;
    args.reply_id = text("r1");
    block_on(layer.start_turn(&s, args, T0)).expect("turn");
    assert_in_step(&layer);
    assert_eq!(found(&layer, "s", "walrus"), ["u1"]);
    let ids = (&text("c"), &text("r1"));
    block_on(layer.update_reply(&s, ids, reply_body("half a pelican", None), T0 + 1)).unwrap();
    assert_in_step(&layer);
    assert_eq!(found(&layer, "s", "pelican"), ["r1"]);
    block_on(layer.finish_reply(
        &s,
        ids,
        reply_body("a whole albatross", Some("done")),
        T0 + 2,
    ))
    .unwrap();
    assert_in_step(&layer);
    assert!(
        found(&layer, "s", "pelican").is_empty(),
        "the old text is out"
    );
    assert_eq!(found(&layer, "s", "albatross"), ["r1"]);
    // addMessage, then saveMessages rewriting it (an upsert's update) and adding one.
    let added = reply("a1", "a quiet heron", None);
    block_on(layer.add_message(&s, &text("c"), (added, &Arg::Undefined), T0 + 3)).unwrap();
    let list = vec![
        reply("a1", "a loud heron", None),
        reply("a2", "an ibis", None),
    ];
    block_on(layer.save_messages(&s, &text("c"), MessageList::Messages(list), T0 + 4)).unwrap();
    assert_in_step(&layer);
    assert!(found(&layer, "s", "quiet").is_empty());
    assert_eq!(found(&layer, "s", "heron"), ["a1"]);
    // The drop-in's createMessage.
    let created = block_on(layer.create_message(
        &text("d1"),
        &text("c"),
        &text("user"),
        &text("a drop-in dodo"),
        T0 + 5,
    ));
    created.expect("created");
    assert_eq!(found(&layer, "s", "dodo"), ["d1"]);
    // A fork copies messages (inserts), then edits: a cut, a conversation deleted.
    let fork = ForkArgs {
        options: Arg::PlainObject,
        conversation_id: text("f"),
        title: Arg::Undefined,
    };
    block_on(layer.fork_conversation(&s, &text("c"), &text("a1"), fork, T0 + 6)).unwrap();
    assert_in_step(&layer);
    assert_eq!(
        found(&layer, "s", "heron").len(),
        2,
        "the fork's copy is found too"
    );
    block_on(layer.delete_messages_after(&s, &text("c"), &text("u1"))).unwrap();
    assert_in_step(&layer);
    assert_eq!(found(&layer, "s", "heron").len(), 1);
    assert!(block_on(layer.delete_conversation(&s, &text("f"))).unwrap());
    assert_in_step(&layer);
    assert!(found(&layer, "s", "heron").is_empty());
    // erase, and a purge (both cascade from the session).
    say(&layer, "t", "ct", "t1", "the walrus again");
    say(&layer, "old", "co", "o1", "an old walrus");
    assert_eq!(found(&layer, "t", "walrus"), ["t1"], "sessions are apart");
    block_on(layer.erase(&s)).unwrap();
    assert_in_step(&layer);
    assert!(found(&layer, "s", "walrus").is_empty());
    let before = text("2999-01-01T00:00:00.000Z");
    block_on(layer.purge_inactive_sessions(&before, &Arg::Number(10.0))).unwrap();
    assert_in_step(&layer);
    assert!(found(&layer, "old", "walrus").is_empty() && found(&layer, "t", "walrus").is_empty());
    assert_eq!(
        layer.storage().count("message_search_docsize"),
        0,
        "nothing left behind"
    );
}

#[test]
fn the_check_above_fails_on_an_index_out_of_step() {
    let layer = data_layer();
    enable(&layer, 100);
    say(&layer, "s", "c", "u1", "the walrus sings");
    layer
        .storage()
        .exec("DROP TRIGGER message_search_delete; DELETE FROM messages")
        .unwrap();
    let check = "INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)";
    assert!(
        layer.storage().exec(check).is_err(),
        "a stale entry is caught"
    );
}

#[test]
fn disabling_drops_the_index_and_writes_go_on() {
    let layer = data_layer();
    enable(&layer, 100);
    say(&layer, "s", "c", "u1", "the walrus sings");
    block_on(layer.disable_search()).expect("disabled");
    let objects = "SELECT count(*) FROM sqlite_master WHERE name LIKE 'message_search%'";
    let left: i64 = layer
        .storage()
        .conn
        .query_row(objects, [], |row| row.get(0))
        .unwrap();
    assert_eq!(left, 0);
    say(&layer, "s", "c2", "u2", "another walrus");
    block_on(layer.delete_conversation(&scope("s"), &text("c"))).unwrap();
    let options = SearchOptions {
        limit: &Arg::Undefined,
        cursor: &Arg::Undefined,
    };
    let refused = block_on(layer.search_messages(&scope("s"), &text("walrus"), options, T0));
    assert!(refused.is_err(), "no index, no search");
    let (calls, _) = enable(&layer, 100);
    assert_eq!(calls, 1);
    assert_in_step(&layer);
    assert_eq!(found(&layer, "s", "walrus"), ["u2"]);
}

#[test]
fn an_apps_own_moves_of_conversations_and_messages_keep_the_index_in_step() {
    let layer = data_layer();
    enable(&layer, 100);
    say(&layer, "guest", "c", "m1", "the walrus sings");
    say(&layer, "user", "c2", "m2", "a heron");
    // The guest's chats merged into the account, as an app's own SQL would.
    let merge = "UPDATE conversations SET session_id = 'user' WHERE session_id = 'guest'";
    layer.storage().exec(merge).unwrap();
    assert_in_step(&layer);
    assert_eq!(found(&layer, "user", "walrus"), ["m1"]);
    assert!(found(&layer, "guest", "walrus").is_empty());
    // A message moved to another conversation (of another session).
    say(&layer, "other", "c3", "m3", "an ibis");
    let moved = "UPDATE messages SET conversation_id = 'c' WHERE id = 'm3'";
    layer.storage().exec(moved).unwrap();
    assert_in_step(&layer);
    assert_eq!(found(&layer, "user", "ibis"), ["m3"]);
    assert!(found(&layer, "other", "ibis").is_empty());
    assert!(block_on(layer.delete_conversation(&scope("user"), &text("c"))).unwrap());
    assert_in_step(&layer);
    assert!(found(&layer, "user", "walrus").is_empty() && found(&layer, "user", "ibis").is_empty());
}
