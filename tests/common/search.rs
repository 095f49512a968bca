//! What the search tests share: enabling search to the end, FTS5's check of the index against
//! the messages, a search's ids, a turn that says something.

use chat_d1::core::arg::Arg;
use chat_d1::core::chat::search::SearchOptions;
use chat_d1::core::chat::search_index::SearchProgress;
use chat_d1::core::chat::Scope;
use chat_d1::core::layer::DataLayer;

use super::args::{text, turn};
use super::{block_on, row_text, Sqlite, T0};

pub fn scope(id: &str) -> Scope {
    Scope::new(&text(id)).expect("a valid session id")
}

/// Every chunk of the backfill until it is done; how many calls that took.
pub fn enable(layer: &DataLayer<Sqlite>, batch: u32) -> (usize, SearchProgress) {
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
pub fn assert_in_step(layer: &DataLayer<Sqlite>) {
    let check = "INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)";
    layer
        .storage()
        .exec(check)
        .expect("the index matches the messages");
}

/// The ids of `session`'s messages matching `query`, best first (the first page of 100).
pub fn found(layer: &DataLayer<Sqlite>, session: &str, query: &str) -> Vec<String> {
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
        .map(|row| row_text(row, "id"))
        .collect()
}

/// `startTurn` of the user message `id` saying `content` into `conversation` of `session`.
pub fn say(layer: &DataLayer<Sqlite>, session: &str, conversation: &str, id: &str, content: &str) {
    let mut args = turn(conversation, id, true, None);
    args.content = text(content);
    block_on(layer.start_turn(&scope(session), args, T0)).expect("the turn is stored");
}
