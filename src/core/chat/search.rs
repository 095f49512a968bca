//! Search (work in progress, issue 24): the user's words as an FTS5 query that can never be FTS5
//! syntax. Each word becomes an FTS5 string (`"..."`, a `"` doubled), so operators (`AND`, `OR`,
//! `NOT`, `NEAR`), column filters (`content:`), `*`, `^`, `-`, parentheses and quotes are matched as
//! text; words are joined by spaces (every word must match), and the last is a prefix (`"..."*`,
//! search as you type).

use crate::core::arg::Arg;
use crate::core::error::{Error, ErrorCode, Method};

/// `chat.searchMessages(query, { limit, cursor })`.
pub const SEARCH_MESSAGES: Method = Method {
    name: "searchMessages",
    message_prefix: "Failed to search messages: ",
    default_code: ErrorCode::QueryError,
};

/// The longest query taken, in UTF-16 code units (what JS counts): words beyond a sentence are
/// typing, not searching, and a longer query only costs the engine more.
pub const MAX_QUERY_LENGTH: usize = 1000;

/// The most words a query may hold: each is one more posting list to intersect.
pub const MAX_WORDS: usize = 32;

/// The FTS5 query for the user's words `arg`; `VALIDATION_ERROR` for anything but a well-formed
/// string of 1 to [`MAX_WORDS`] words and at most [`MAX_QUERY_LENGTH`] code units.
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
    // A NUL ends an FTS5 string even quoted (SQLite reads the query as a C string): it goes.
    let text = text.replace('\0', "");
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Err(invalid("no word".to_owned()));
    }
    if words.len() > MAX_WORDS {
        return Err(invalid(format!("{} words", words.len())));
    }
    let quoted = |word: &str| format!("\"{}\"", word.replace('"', "\"\""));
    let mut query: Vec<String> = words.iter().map(|word| quoted(word)).collect();
    if let Some(last) = query.last_mut() {
        last.push('*');
    }
    Ok(query.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_strings_the_last_a_prefix() {
        let text = |s: &str| Arg::Text(s.to_owned());
        assert_eq!(fts_query("q", &text("hello")), Ok("\"hello\"*".to_owned()));
        assert_eq!(
            fts_query("q", &text("  NEAR(a b) OR \"x ")),
            Ok("\"NEAR(a\" \"b)\" \"OR\" \"\"\"x\"*".to_owned())
        );
        assert!(fts_query("q", &text(" \t\n")).is_err());
        assert!(fts_query("q", &text(&"a".repeat(1001))).is_err());
        assert!(fts_query("q", &Arg::Number(3.0)).is_err());
        assert_eq!(fts_query("q", &text("a\0b \0")), Ok("\"ab\"*".to_owned()));
    }
}
