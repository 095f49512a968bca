#![cfg(not(target_arch = "wasm32"))]
//! `searchMessages` on real SQLite: the session's own messages only (even when session ids share
//! their token), best first, every word matched and the last as a prefix, snippets, pages, the
//! chat API's message columns, and any text a user types answered or refused before any SQL,
//! never an FTS5 error.

mod common;

use chat_d1::core::arg::Arg;
use chat_d1::core::chat::search::SearchOptions;
use chat_d1::core::chat::search_hits::snippet_html;
use chat_d1::core::chat::{Scope, SEARCH_MESSAGES};
use chat_d1::core::error::ErrorCode;
use chat_d1::core::layer::DataLayer;
use common::args::{text, turn};
use common::{block_on, data_layer, Sqlite, SqliteRow, T0};
use proptest::prelude::*;

fn scope(id: &str) -> Scope {
    Scope::new(&text(id)).expect("a valid session id")
}

/// A database with search enabled, and `messages` (session, conversation, id, content) written
/// through the chat API, a turn each.
fn with_messages(messages: &[(&str, &str, &str, &str)]) -> DataLayer<Sqlite> {
    let layer = data_layer();
    assert!(block_on(layer.enable_search(&Arg::Undefined)).unwrap().done);
    for (n, (session, conversation, id, content)) in messages.iter().enumerate() {
        let mut args = turn(conversation, id, true, None);
        args.content = text(content);
        block_on(layer.start_turn(&scope(session), args, T0 + n as i64)).expect("stored");
    }
    layer
}

/// One page of `session`'s results for `query`: the rows and the next cursor.
fn search(
    layer: &DataLayer<Sqlite>,
    session: &str,
    query: &str,
    limit: Option<f64>,
    cursor: Option<&str>,
) -> (Vec<SqliteRow>, Option<String>) {
    let (limit, cursor) = (
        limit.map_or(Arg::Undefined, Arg::Number),
        cursor.map_or(Arg::Undefined, text),
    );
    let options = SearchOptions {
        limit: &limit,
        cursor: &cursor,
    };
    let page = block_on(layer.search_messages(&scope(session), &text(query), options, T0))
        .expect("searched");
    (page.hits.into_inner(), page.next_cursor)
}

fn ids(rows: &[SqliteRow]) -> Vec<String> {
    rows.iter().map(|row| common::row_text(row, "id")).collect()
}

#[test]
fn only_the_sessions_own_messages_are_found() {
    // Two ids alike in their first 64 characters share a token: SQL still tells them apart.
    let long = |end: &str| format!("{}{end}", "x".repeat(64));
    let (a, b) = (long("a"), long("b"));
    let layer = with_messages(&[
        (&a, "ca", "ma", "the secret walrus"),
        (&b, "cb", "mb", "the secret walrus"),
        ("s", "c", "m", "the secret walrus"),
    ]);
    assert_eq!(ids(&search(&layer, &a, "walrus", None, None).0), ["ma"]);
    assert_eq!(
        ids(&search(&layer, &b, "secret walrus", None, None).0),
        ["mb"]
    );
    assert_eq!(ids(&search(&layer, "s", "walrus", None, None).0), ["m"]);
    assert!(search(&layer, "nobody", "walrus", None, None).0.is_empty());
}

#[test]
fn every_word_matches_the_last_as_a_prefix_case_and_accents_folded() {
    let layer = with_messages(&[
        ("s", "c1", "m1", "Café au lait, s'il vous plaît"),
        ("s", "c2", "m2", "Привет, ёжик в тумане"),
        ("s", "c3", "m3", "cafeteria lunch"),
        ("s", "c4", "m4", "the lait of the café"),
    ]);
    let found = |query: &str| {
        let mut found = ids(&search(&layer, "s", query, None, None).0);
        found.sort();
        found
    };
    assert_eq!(
        found("cafe"),
        ["m1", "m3", "m4"],
        "cafe* finds café and cafeteria"
    );
    assert_eq!(found("LAIT cafe"), ["m1", "m4"]);
    assert_eq!(
        found("lait cafet"),
        Vec::<String>::new(),
        "every word must match"
    );
    assert_eq!(found("ЁЖИК"), ["m2"], "Cyrillic case folds");
    assert_eq!(found("привет"), ["m2"]);
    assert_eq!(found("ait"), Vec::<String>::new(), "no infix");
    assert_eq!(found("plait"), ["m1"], "plaît");
}

#[test]
fn results_come_best_first_with_their_conversation_and_the_chat_columns() {
    let layer = with_messages(&[
        (
            "s",
            "c1",
            "once",
            "a walrus in a long sentence about many other things entirely",
        ),
        ("s", "c2", "thrice", "walrus walrus walrus"),
    ]);
    let (rows, cursor) = search(&layer, "s", "walrus", None, None);
    assert_eq!(
        ids(&rows),
        ["thrice", "once"],
        "bm25: the denser match first"
    );
    assert!(cursor.is_none());
    let row = &rows[1];
    assert_eq!(common::row_text(row, "conversation_id"), "c1");
    assert_eq!(common::row_text(row, "conversation_session_id"), "s");
    assert_eq!(common::row_text(row, "status"), "done");
    assert_eq!(common::row_text(row, "role"), "user");
    let snippet = common::row_text(row, "snippet");
    assert_eq!(
        snippet_html(&snippet),
        "a <mark>walrus</mark> in a long sentence about many other things entirely"
    );
    use chat_d1::core::value::Row;
    assert!(row.get("sibling_count").is_ok() && row.get("conversation_updated_at").is_ok());
}

#[test]
fn pages_cover_every_result_once_and_cursors_belong_to_their_query() {
    let messages: Vec<(String, String, String)> = (0..23)
        .map(|n| {
            (
                format!("c{n}"),
                format!("m{n:02}"),
                format!("walrus number {n}"),
            )
        })
        .collect();
    let listed: Vec<(&str, &str, &str, &str)> = messages
        .iter()
        .map(|(c, m, t)| ("s", c.as_str(), m.as_str(), t.as_str()))
        .collect();
    let layer = with_messages(&listed);
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..3 {
        let (rows, next) = search(&layer, "s", "walrus", Some(10.0), cursor.as_deref());
        seen.extend(ids(&rows));
        cursor = next;
    }
    assert!(cursor.is_none(), "three pages of 10 hold 23");
    seen.sort();
    let mut expected: Vec<String> = messages.iter().map(|(_, m, _)| m.clone()).collect();
    expected.sort();
    assert_eq!(seen, expected);
    let (_, first) = search(&layer, "s", "walrus", Some(10.0), None);
    let other = SearchOptions {
        limit: &Arg::Undefined,
        cursor: &text(first.clone().unwrap()),
    };
    let refused = block_on(layer.search_messages(&scope("s"), &text("number"), other, T0));
    assert_eq!(
        refused.err().expect("refused").error.code(SEARCH_MESSAGES),
        ErrorCode::ValidationError
    );
    let elsewhere = SearchOptions {
        limit: &Arg::Undefined,
        cursor: &text(first.unwrap()),
    };
    let refused = block_on(layer.search_messages(&scope("t"), &text("walrus"), elsewhere, T0));
    assert_eq!(
        refused.err().expect("refused").error.code(SEARCH_MESSAGES),
        ErrorCode::ValidationError
    );
}

#[test]
fn a_reply_is_found_as_its_text_parts_not_its_json() {
    let layer = with_messages(&[("s", "c", "u", "hello")]);
    let parts = common::args::parts_message(
        "r",
        "assistant",
        &[("reasoning", "pondering"), ("text", "the answer")],
    );
    block_on(layer.add_message(&scope("s"), &text("c"), (parts, &Arg::Undefined), T0 + 5)).unwrap();
    assert_eq!(ids(&search(&layer, "s", "answer", None, None).0), ["r"]);
    for json_only in ["type", "reasoning", "pondering"] {
        assert!(
            search(&layer, "s", json_only, None, None).0.is_empty(),
            "{json_only}"
        );
    }
}

#[test]
fn bad_arguments_are_refused_before_any_sql() {
    let layer = with_messages(&[("s", "c", "m", "hello")]);
    let sent = layer.storage().round_trips.get();
    let long = "a ".repeat(600);
    let many = "a ".repeat(33);
    for (query, limit) in [
        (text(""), Arg::Undefined),
        (text(" \t\n "), Arg::Undefined),
        (text(&long), Arg::Undefined),
        (text(&many), Arg::Undefined),
        (Arg::Number(1.0), Arg::Undefined),
        (Arg::Null, Arg::Undefined),
        (text("hello"), Arg::Number(0.0)),
        (text("hello"), Arg::Number(101.0)),
    ] {
        let options = SearchOptions {
            limit: &limit,
            cursor: &Arg::Undefined,
        };
        let error = block_on(layer.search_messages(&scope("s"), &query, options, T0))
            .err()
            .expect("refused");
        assert_eq!(
            error.error.code(SEARCH_MESSAGES),
            ErrorCode::ValidationError,
            "{query:?}"
        );
    }
    assert_eq!(layer.storage().round_trips.get(), sent);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever is typed (FTS5 operators, quotes, column filters, NUL, any Unicode): a result or a
    /// `VALIDATION_ERROR`, never an error from the engine.
    #[test]
    fn any_text_is_answered_or_refused_never_an_fts_error(
        words in "\\PC{0,40}|[\"*:^(){}\\-+ NEARORANDNOTcontentsid\u{0}]{0,40}"
    ) {
        let layer = with_messages(&[("s", "c", "m", "content: sid NEAR AND OR NOT \"quoted\" (x) a*b")]);
        let options = SearchOptions { limit: &Arg::Undefined, cursor: &Arg::Undefined };
        match block_on(layer.search_messages(&scope("s"), &text(&words), options, T0)) {
            Ok(_) => {}
            Err(rejection) => {
                prop_assert_eq!(rejection.error.code(SEARCH_MESSAGES), ErrorCode::ValidationError, "{:?}", rejection.error);
            }
        }
    }
}

#[test]
fn the_index_is_probed_first_and_no_table_is_scanned() {
    let layer = with_messages(&[("s", "c", "m", "hello")]);
    let statement = chat_d1::core::chat::search::search_messages(
        &scope("s"),
        "\"hello\"*",
        None,
        21,
        "2000-01-01T00:00:00.000Z",
    );
    let plan = layer.storage().plan(&statement);
    assert!(
        plan.contains("SCAN message_search VIRTUAL TABLE INDEX"),
        "{plan}"
    );
    // Only the index and the statement's own small tables (a page of hits, its walk) are scanned.
    let scans: Vec<&str> = plan
        .split(" | ")
        .filter(|step| step.starts_with("SCAN "))
        .collect();
    for scan in scans {
        let table = scan
            .trim_start_matches("SCAN ")
            .split(' ')
            .next()
            .unwrap_or_default();
        assert!(
            [
                "message_search",
                "matched",
                "ranked",
                "hits",
                "path",
                "walked"
            ]
            .contains(&table)
                || table.starts_with("(subquery-"),
            "{plan}"
        );
    }
}
