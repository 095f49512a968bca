#![cfg(not(target_arch = "wasm32"))]
//! `searchMessages`' pages on real SQLite: keyset pages after the cursor's message in the ranking
//! as it stands, so that other sessions writing between two pages (which moves every bm25 score)
//! repeat or skip no result whose order they leave as it was, and the last page is the one whose
//! `next_cursor` is null.

mod common;

use chat_d1::core::arg::Arg;
use chat_d1::core::chat::search::SearchOptions;
use chat_d1::core::layer::DataLayer;
use common::args::text;
use common::search::{enable, say, scope};
use common::{block_on, data_layer, Sqlite, T0};

/// One page of `session`'s results for `query`: the ids and the next cursor.
fn page(
    layer: &DataLayer<Sqlite>,
    session: &str,
    query: &str,
    cursor: Option<&str>,
) -> (Vec<String>, Option<String>) {
    let (limit, cursor) = (Arg::Number(10.0), cursor.map_or(Arg::Undefined, text));
    let options = SearchOptions {
        limit: &limit,
        cursor: &cursor,
    };
    let page = block_on(layer.search_messages(&scope(session), &text(query), options, T0))
        .expect("searched");
    let ids = page
        .hits
        .into_inner()
        .iter()
        .map(|row| common::row_text(row, "id"))
        .collect();
    (ids, page.next_cursor)
}

/// Session `a` with 40 matches of different strength (1 to 4 "walrus" among other words), all of
/// one length: bm25 weighs a message's length against the average of the whole table, which
/// other sessions' writes move, so only then is the order theirs alone.
fn forty_matches() -> DataLayer<Sqlite> {
    let layer = data_layer();
    enable(&layer, 1000);
    for n in 0..40 {
        let walrus = 1 + n % 4;
        let content = format!(
            "{}{}more words",
            "walrus ".repeat(walrus),
            "x ".repeat(4 - walrus)
        );
        say(&layer, "a", &format!("c{n}"), &format!("m{n:02}"), &content);
    }
    layer
}

#[test]
fn other_sessions_writing_between_pages_neither_repeat_nor_skip_a_result() {
    for query in ["walrus", "walrus more"] {
        let layer = forty_matches();
        let (mut seen, mut cursor) = page(&layer, "a", query, None);
        let mut pages = 1;
        while let Some(after) = cursor.filter(|_| pages < 10) {
            // Another session writes what moves every score: the word's frequency, the lengths.
            for n in 0..100 {
                let id = format!("b{pages}-{n}");
                say(
                    &layer,
                    "b",
                    &format!("c-{id}"),
                    &id,
                    &format!("walrus {}", "y ".repeat(n % 9)),
                );
            }
            let (ids, next) = page(&layer, "a", query, Some(&after));
            seen.extend(ids);
            cursor = next;
            pages += 1;
        }
        assert_eq!(
            pages, 4,
            "{query}: four pages of 10 hold 40, the last with no cursor"
        );
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!((seen.len(), unique.len()), (40, 40), "{query}: {seen:?}");
    }
}

#[test]
fn a_full_last_page_has_no_cursor_and_a_cursor_whose_message_is_gone_goes_on() {
    let layer = forty_matches();
    let (first, cursor) = page(&layer, "a", "walrus", None);
    // The cursor's message deleted: the page goes on after its score.
    let last = first.last().expect("a full page").clone();
    layer
        .storage()
        .exec(&format!("DELETE FROM messages WHERE id = '{last}'"))
        .expect("deleted");
    let (second, _) = page(&layer, "a", "walrus", cursor.as_deref());
    assert!(
        second.iter().all(|id| !first.contains(id)),
        "{second:?} after {first:?}"
    );
    assert_eq!(second.len(), 10);
    let mut cursor = None;
    let mut count = 0;
    loop {
        let (ids, next) = page(&layer, "a", "walrus", cursor.as_deref());
        count += ids.len();
        if next.is_none() {
            break;
        }
        cursor = next;
    }
    assert_eq!(
        count, 39,
        "the 39 left, the last page full, its next_cursor null"
    );
}
