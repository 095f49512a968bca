#![cfg(not(target_arch = "wasm32"))]
//! The search index on real SQLite, kept in step with `messages`: through every write, edit,
//! delete, erase and purge of both APIs (FTS5's own integrity check against the messages after
//! each, and a search for what each wrote); the backfill of an existing database, chunk by chunk
//! with writes between; `disableSearch`.

mod common;

use chat_d1::core::arg::Arg;
use chat_d1::core::chat::branches::ForkArgs;
use chat_d1::core::chat::saving::MessageList;
use chat_d1::core::chat::search::SearchOptions;
use chat_d1::core::chat::search_index::SearchProgress;
use chat_d1::core::chat::{Scope, ENABLE_SEARCH};
use chat_d1::core::error::ErrorCode;
use chat_d1::core::layer::DataLayer;
use common::args::{reply, reply_body, text, turn};
use common::{block_on, data_layer, Sqlite, T0};

fn scope(id: &str) -> Scope {
    Scope::new(&text(id)).expect("a valid session id")
}

/// Every chunk of the backfill until it is done; how many calls that took.
fn enable(layer: &DataLayer<Sqlite>, batch: u32) -> (usize, SearchProgress) {
    let mut calls = 0;
    loop {
        calls += 1;
        let progress = block_on(layer.enable_search(&Arg::Number(batch.into()))).expect("a chunk");
        if progress.done {
            return (calls, progress);
        }
    }
}

/// FTS5's integrity check, comparing the index with what the view gives for every message: it
/// fails on a missing, extra or stale entry.
fn assert_in_step(layer: &DataLayer<Sqlite>) {
    let check = "INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)";
    layer
        .storage()
        .exec(check)
        .expect("the index matches the messages");
}

/// The ids of `session`'s messages matching `query`, best first (the first page of 100).
fn found(layer: &DataLayer<Sqlite>, session: &str, query: &str) -> Vec<String> {
    let limit = Arg::Number(100.0);
    let options = SearchOptions {
        limit: &limit,
        cursor: &Arg::Undefined,
    };
    let page = block_on(layer.search_messages(&scope(session), &text(query), options, T0))
        .expect("searched");
    page.hits
        .into_inner()
        .iter()
        .map(|row| common::row_text(row, "id"))
        .collect()
}

/// `startTurn` of the user message `id` saying `content` into `conversation` of `session`.
fn say(layer: &DataLayer<Sqlite>, session: &str, conversation: &str, id: &str, content: &str) {
    let mut args = turn(conversation, id, true, None);
    args.content = text(content);
    block_on(layer.start_turn(&scope(session), args, T0)).expect("the turn is stored");
}

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
fn the_backfill_indexes_an_existing_database_in_chunks_with_writes_between() {
    let layer = data_layer();
    for n in 0..50 {
        say(
            &layer,
            &format!("s{}", n % 3),
            &format!("c{n}"),
            &format!("m{n}"),
            &format!("word{n} common"),
        );
    }
    let mut calls = 0;
    loop {
        calls += 1;
        let progress = block_on(layer.enable_search(&Arg::Number(7.0))).expect("a chunk");
        // Between chunks: a message written (past the backfill), one deleted before the backfill
        // reached it, and one edited on each side of where it stands.
        let n = 100 + calls;
        say(
            &layer,
            "s0",
            &format!("c{n}"),
            &format!("m{n}"),
            &format!("word{n} common"),
        );
        let delete = format!("DELETE FROM messages WHERE id = 'm{}'", 49 - calls);
        layer.storage().exec(&delete).unwrap();
        let edit =
            |id: String| format!("UPDATE messages SET content = 'edited {id}' WHERE id = '{id}'");
        layer.storage().exec(&edit(format!("m{calls}"))).unwrap();
        layer
            .storage()
            .exec(&edit(format!("m{}", 30 + calls)))
            .unwrap();
        // Until the backfill is done the index holds only part of the messages: FTS5 can check
        // its own structure, not yet against the messages.
        let structure = "INSERT INTO message_search (message_search) VALUES ('integrity-check')";
        layer.storage().exec(structure).expect("the index is sound");
        if progress.done {
            break;
        }
        assert!(calls < 30, "the backfill ends");
    }
    assert_in_step(&layer);
    let expected = layer.storage().count("messages");
    let session_hits: usize = ["s0", "s1", "s2"]
        .iter()
        .map(|s| found(&layer, s, "common").len())
        .sum();
    let edited: usize = ["s0", "s1", "s2"]
        .iter()
        .map(|s| found(&layer, s, "edited").len())
        .sum();
    assert_eq!(
        (session_hits + edited) as i64,
        expected,
        "every message is found by its words"
    );
    // Enabling again is a call that finds nothing more to do.
    let again = block_on(layer.enable_search(&Arg::Undefined)).unwrap();
    assert!(again.done);
}

#[test]
fn a_chunk_size_out_of_range_is_refused_before_any_sql() {
    let layer = data_layer();
    for bad in [
        Arg::Number(0.0),
        Arg::Number(100_001.0),
        Arg::Number(2.5),
        text("10"),
    ] {
        let error = block_on(layer.enable_search(&bad)).unwrap_err().error;
        assert_eq!(
            error.code(ENABLE_SEARCH),
            ErrorCode::ValidationError,
            "{bad:?}"
        );
    }
    assert_eq!(layer.storage().round_trips.get(), 0);
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
