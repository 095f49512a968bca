//! Search: the chat API's `searchMessages`, the session's messages matching the user's words, best
//! first, from the FTS5 index `enableSearch` keeps (`search_index`). One round trip.
//!
//! The user's words never become FTS5 syntax: each is an FTS5 string (`"..."`, a `"` doubled), so
//! operators (`AND`, `OR`, `NOT`, `NEAR`), column filters (`content:`), `*`, `^`, `-`,
//! parentheses and quotes are matched as text; every word must match, and the last also as a
//! prefix (`"..."*`, search as you type) when its last token has two letters or more and nothing
//! follows it.

use crate::core::arg::Arg;
use crate::core::chat::cursor;
use crate::core::chat::search_hits::{SearchHit, SCORE_COLUMN};
use crate::core::chat::{self, Limit, Scope};
use crate::core::error::{Error, ErrorCode, Method};
use crate::core::layer::{DataLayer, Outcome, Rows};
use crate::core::rows::Checked;
use crate::core::sql;
use crate::core::statement::{text, Statement};
use crate::core::storage::{Rejection, Storage};
use crate::core::value::{ResultSet, SqlValue};
use crate::core::violation::missing_search_index;

/// `chat.searchMessages(query, { limit, cursor })`.
pub const SEARCH_MESSAGES: Method = Method {
    name: "searchMessages",
    message_prefix: "Failed to search messages: ",
    default_code: ErrorCode::QueryError,
};

/// Results per page.
pub const RESULTS_PER_PAGE: Limit = Limit {
    default: 20,
    max: 100,
    expected: "an integer from 1 to 100",
};

/// The longest query taken, in UTF-16 code units (what JS counts): words beyond a sentence are
/// typing, not searching, and a longer query only costs the engine more.
pub const MAX_QUERY_LENGTH: usize = 1000;

/// The most words a query may hold: each is one more posting list to intersect.
pub const MAX_WORDS: usize = 32;

/// The fewest letters (or digits) the last word's last token needs to be searched as a prefix. The
/// index keeps the prefixes of 2 and 3 characters (`search_index::PREFIXES` in the generator), so
/// those are as quick as whole words, and longer ones start few words.
pub const MIN_PREFIX: usize = 2;

/// The FTS5 query for the user's words `arg` (see the module's doc); `VALIDATION_ERROR` for
/// anything but a well-formed string of 1 to [`MAX_WORDS`] words and at most [`MAX_QUERY_LENGTH`]
/// code units. A word with no letter or digit (an emoji, `--`) holds no token and is left out,
/// unless every word is such: then the query is all of them, and matches nothing.
pub fn fts_query(argument: &'static str, arg: &Arg) -> Result<String, Error> {
    let invalid = |found: String| Error::Invalid {
        argument,
        expected: "a string of 1 to 32 words, at most 1000 characters",
        found,
    };
    let text = match arg {
        Arg::Text(text) => text,
        other => return Err(invalid(other.describe().to_owned())),
    };
    let length = text.encode_utf16().count();
    if length > MAX_QUERY_LENGTH {
        return Err(invalid(format!("a string of {length} characters")));
    }
    let words = || text.split_whitespace();
    let count = words().count();
    if count == 0 {
        return Err(invalid("no word".to_owned()));
    }
    if count > MAX_WORDS {
        return Err(invalid(format!("{count} words")));
    }
    let has_token = |word: &&str| word.chars().any(may_be_token);
    let searchable = words().filter(has_token).count();
    let kept = words().filter(|word| searchable == 0 || has_token(word));
    // Written by hand, not with `replace` and `join`: their generic code costs the wasm 1.5 KB.
    let mut query = String::with_capacity(text.len() + 3 * count);
    let mut last_token = 0;
    for word in kept.clone() {
        // The prefix is the word's last token: the letters after its last separator (`e-m`: `m`).
        // (A NUL is dropped below, not a separator.)
        let separator = |c: char| c != '\0' && !may_be_token(c);
        let tail = word.rsplit(separator).find(|t| !t.is_empty());
        last_token = tail.map_or(0, |tail| tail.chars().filter(|c| *c != '\0').count());
        if !query.is_empty() {
            query.push(' ');
        }
        query.push('"');
        for character in word.chars() {
            match character {
                // A NUL ends an FTS5 string even quoted (SQLite reads the query as a C string).
                '\0' => {}
                '"' => query.push_str("\"\""),
                other => query.push(other),
            }
        }
        query.push('"');
    }
    // The last word is still being typed when it is the text's last, nothing after it; else it is
    // whole, as is a one-letter prefix, which would merge the postings of every word it starts.
    let still_typing =
        !text.ends_with(char::is_whitespace) && kept.clone().next_back() == words().next_back();
    if still_typing && last_token >= MIN_PREFIX {
        query.push('*');
    }
    Ok(query)
}

/// Whether `c` may be part of a token to FTS5's unicode61: a letter or digit. An approximation that
/// costs the wasm no Unicode table: ASCII letters and digits, and anything beyond ASCII outside
/// the blocks of punctuation, symbols and emoji (general punctuation to dingbats and arrows, CJK
/// punctuation, variation selectors, fullwidth ASCII punctuation, the emoji planes).
fn may_be_token(c: char) -> bool {
    match c {
        c if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{80}'..='\u{BF}' | '\u{D7}' | '\u{F7}' => false,
        '\u{2000}'..='\u{2BFF}' | '\u{3000}'..='\u{303F}' | '\u{FE00}'..='\u{FE0F}' => false,
        '\u{FF00}'..='\u{FF0F}' | '\u{1F000}'..='\u{1FAFF}' => false,
        _ => true,
    }
}

/// `searchMessages`' options, as the boundary read them, each unchecked.
#[derive(Debug, Clone, Copy)]
pub struct SearchOptions<'a> {
    /// `options.limit`.
    pub limit: &'a Arg,
    /// `options.cursor`.
    pub cursor: &'a Arg,
}

/// A page of search results, best first, and the cursor to the next (`None` on the last).
pub struct SearchPage<S: Storage> {
    /// The results' rows.
    pub hits: Rows<SearchHit, S>,
    /// The cursor that leads to the next page.
    pub next_cursor: Option<String>,
}

/// The session's matches of the FTS5 query `query`, the best `limit` after the result `after`
/// (its score and message id), or from the best.
pub fn search_messages(
    scope: &Scope,
    query: &str,
    after: Option<&(f64, String)>,
    limit: u32,
    stale_before: &str,
) -> Statement {
    let (score, id) = match after {
        Some((score, id)) => (SqlValue::Real(*score), text(id)),
        None => (SqlValue::Null, SqlValue::Null),
    };
    sql::search_messages(
        text(&scope.session_id),
        text(query),
        id,
        score,
        SqlValue::Integer(limit.into()),
        text(stale_before),
    )
}

/// A search on a database whose index was never made fails with SQLite's `no such table`: the
/// message then says how to make it (the cause is kept).
fn explain_missing_index<C>(mut rejection: Rejection<C>) -> Rejection<C> {
    if let Error::Storage { message, .. } = &mut rejection.error {
        if missing_search_index(message) {
            *message = format!(
                "search is not enabled on this database: call db.enableSearch() until it resolves \
                 to done, or run `npx chat-d1 search enable <DATABASE>` ({message})"
            );
        }
    }
    rejection
}

impl<S: Storage> DataLayer<S> {
    /// One page of the session's messages matching the user's words `query`, best first (FTS5's
    /// bm25, then newest). Every argument is checked before any SQL.
    pub async fn search_messages(
        &self,
        scope: &Scope,
        query: &Arg,
        options: SearchOptions<'_>,
        now_millis: i64,
    ) -> Outcome<SearchPage<S>, S> {
        let query = fts_query("query", query)?;
        let limit = chat::limit("options.limit", options.limit, RESULTS_PER_PAGE)?;
        // The cursor is bound to the session and the query: another's cannot page this one.
        let cursor_scope = format!("{}\0{query}", scope.session_id);
        let after = cursor::decode_ranked("options.cursor", &cursor_scope, options.cursor)?;
        let stale = self.stale_before(now_millis)?;
        let statement = search_messages(scope, &query, after.as_ref(), limit + 1, &stale);
        let rows = self
            .storage()
            .all(statement)
            .await
            .map_err(explain_missing_index)?;
        let last = limit as usize - 1;
        let next_cursor = match rows.len() > limit as usize {
            true => {
                let score = rows
                    .number_at(last, SCORE_COLUMN)?
                    .ok_or(Error::MissingRow)?;
                let id = rows.text_at(last, "id")?.ok_or(Error::MissingRow)?;
                Some(cursor::encode_ranked(&cursor_scope, score, &id))
            }
            false => None,
        };
        Ok(SearchPage {
            hits: Checked::check(rows.into_window(limit as usize, false))?,
            next_cursor,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }

    #[test]
    fn words_become_strings_the_last_a_prefix() {
        assert_eq!(fts_query("q", &text("hello")), Ok("\"hello\"*".to_owned()));
        assert_eq!(
            fts_query("q", &text("  NEAR(a b) OR \"xy")),
            Ok("\"NEAR(a\" \"b)\" \"OR\" \"\"\"xy\"*".to_owned())
        );
        assert!(fts_query("q", &text(" \t\n")).is_err());
        assert!(fts_query("q", &text(&"a".repeat(1001))).is_err());
        assert!(fts_query("q", &Arg::Number(3.0)).is_err());
        assert_eq!(fts_query("q", &text("a\0b \0")), Ok("\"ab\"".to_owned()));
        assert_eq!(fts_query("q", &text("a\0b")), Ok("\"ab\"*".to_owned()));
        assert_eq!(fts_query("q", &text("a b")), Ok("\"a\" \"b\"".to_owned()));
        assert_eq!(fts_query("q", &text("hello ")), Ok("\"hello\"".to_owned()));
        assert_eq!(fts_query("q", &text("foo-b")), Ok("\"foo-b\"".to_owned()));
        assert_eq!(
            fts_query("q", &text("foo-ba")),
            Ok("\"foo-ba\"*".to_owned())
        );
    }

    #[test]
    fn words_without_a_token_are_left_out_unless_all_are() {
        assert_eq!(fts_query("q", &text("hi 🎉 --")), Ok("\"hi\"".to_owned()));
        assert_eq!(fts_query("q", &text("🎉 hi")), Ok("\"hi\"*".to_owned()));
        assert_eq!(
            fts_query("q", &text("🎉 --")),
            Ok("\"🎉\" \"--\"".to_owned())
        );
    }
}
