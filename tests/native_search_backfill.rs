#![cfg(not(target_arch = "wasm32"))]
//! Enabling search on an existing database, on real SQLite: the backfill chunk by chunk with
//! writes between chunks (each kind of write, on each side of where the backfill stands), chunks
//! cut by the characters of text they hold, the chunk size checked before any SQL.

mod common;

use chat_d1::core::arg::Arg;
use chat_d1::core::chat::search_index::SearchProgress;
use chat_d1::core::chat::ENABLE_SEARCH;
use chat_d1::core::error::ErrorCode;
use common::args::text;
use common::search::{assert_in_step, found, say};
use common::{block_on, data_layer};

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
fn a_chunk_stops_after_8_million_characters_of_text() {
    let layer = data_layer();
    // Messages of 1.9 million characters (a message's most is 2,000,000 bytes).
    let long = "walrus ".repeat(1_900_000 / 7);
    for n in 0..9 {
        say(&layer, "s", &format!("c{n}"), &format!("m{n}"), &long);
    }
    // 5 messages (the 5th starts before 8 million characters and passes them), then 4.
    let first = block_on(layer.enable_search(&Arg::Number(100.0))).expect("a chunk");
    assert_eq!(
        first,
        SearchProgress {
            indexed: 5,
            done: false
        }
    );
    let second = block_on(layer.enable_search(&Arg::Number(100.0))).expect("a chunk");
    assert_eq!(
        second,
        SearchProgress {
            indexed: 9,
            done: true
        }
    );
    assert_in_step(&layer);
}
