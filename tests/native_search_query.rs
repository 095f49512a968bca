#![cfg(not(target_arch = "wasm32"))]
//! Search queries on real SQLite FTS5: whatever the user types, the
//! query chat-d1 makes of it is refused before any SQL or runs without an FTS5 syntax error, and
//! only ever matches the text as text (an operator, a column filter or a quote is a word).

use chat_d1::core::arg::Arg;
use chat_d1::core::chat::search::fts_query;
use proptest::prelude::*;
use rusqlite::Connection;

/// An FTS5 table with a `content` and a `secret` column, under each tokenizer considered.
fn tables() -> Vec<Connection> {
    ["unicode61 remove_diacritics 2", "trigram"]
        .iter()
        .map(|tokenizer| {
            let db = Connection::open_in_memory().expect("open");
            db.execute_batch(&format!(
                "CREATE VIRTUAL TABLE t USING fts5(content, secret, tokenize = '{tokenizer}');
                 INSERT INTO t VALUES ('hello world AND OR NOT NEAR', 'hidden');
                 INSERT INTO t VALUES ('content: \"quoted\" (parens) a*b ^c -d', 'hidden');"
            ))
            .expect("the table");
            db
        })
        .collect()
}

/// How many rows `query` (the user's words) matches in `db`'s `content` column, or the refusal.
fn matches(db: &Connection, words: &str) -> Result<i64, String> {
    let query = fts_query("query", &Arg::Text(words.to_owned())).map_err(|e| e.to_string())?;
    db.query_row(
        "SELECT count(*) FROM t WHERE t MATCH 'content : (' || ?1 || ')'",
        [&query],
        |row| row.get(0),
    )
    .map_err(|e| panic!("FTS5 refused {query:?} for {words:?}: {e}"))
}

#[test]
fn operators_quotes_and_column_filters_are_words() {
    for db in tables() {
        for words in [
            "AND",
            "NEAR",
            "content:",
            "\"quoted\"",
            "(parens)",
            "^c",
            "-d",
            "a*b",
            "secret: hidden",
        ] {
            matches(&db, words).expect("runs");
        }
        // The other column is out of reach: "hidden" is only in `secret`.
        assert_eq!(matches(&db, "hidden"), Ok(0));
        assert_eq!(matches(&db, "secret:hidden"), Ok(0));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_is_refused_before_sql_or_runs(words in "\\PC{0,60}|[\"*:^()\\- NEAROTA\u{0}]{0,40}") {
        for db in tables() {
            let _ = matches(&db, &words);
        }
    }
}
