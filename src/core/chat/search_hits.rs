//! A search result's rows: the columns each carries besides a chat message's (its `snippet`, its
//! conversation's), how they are checked, and the snippet as the HTML the caller receives.

use sea_query::Iden;

use crate::core::error::Error;
use crate::core::model::ChatMessage;
use crate::core::rows::{check_result, FromTable};
use crate::core::schema::{Column, Columns, Conversations, Messages, CHAT_MESSAGE, CONVERSATIONS};
use crate::core::value::{ResultSet, SqlKind};

/// What FTS5's `snippet()` puts before and after a matched word: private-use characters, which
/// [`snippet_html`] turns into `<mark>` once the text around them is escaped.
pub const MATCH_OPEN: char = '\u{E000}';
/// See [`MATCH_OPEN`].
pub const MATCH_CLOSE: char = '\u{E001}';

/// The column holding a result's rank (FTS5's bm25: lower is better), which the next page's
/// cursor carries; taken off the row before the caller sees it.
pub const SCORE_COLUMN: &str = "search_score";

/// The most words a snippet shows.
pub const SNIPPET_TOKENS: i32 = 24;

/// The conversation's columns a search result's row carries besides the message's: the
/// contract's but `id` (the message's `conversation_id`), each with the name of the row's column
/// that holds it (see [`conversation_column`]).
pub fn hit_conversation() -> impl Iterator<Item = &'static Column<Conversations>> {
    CONVERSATIONS
        .0
        .iter()
        .filter(|column| !matches!(column.iden, Conversations::Id))
}

/// The name the conversation's column `name` takes in a search result's row: `conversation_title`...
pub fn conversation_column(name: &str) -> String {
    format!("conversation_{name}")
}

/// Each key of the conversation a search result carries besides its `id`, with the column of the
/// row that holds it.
pub fn hit_conversation_keys() -> Vec<(&'static str, String)> {
    hit_conversation()
        .map(|column| column.iden.unquoted())
        .map(|name| (name, conversation_column(name)))
        .collect()
}

/// A snippet as FTS5 made it (matches between [`MATCH_OPEN`] and [`MATCH_CLOSE`]) as HTML: the
/// text escaped, each match in `<mark>`, every `<mark>` closed; safe to set as `innerHTML`. The
/// markers are private-use characters, dropped from the text: one the message itself holds can
/// only move a mark, never leave one open.
pub fn snippet_html(raw: &str) -> String {
    let mut html = String::with_capacity(raw.len() + 32);
    // The markers' characters may stand in the message's own text too: a mark opens only when
    // none is open and closes only one that is, so the HTML is balanced whatever the text holds.
    let mut open = false;
    for character in raw.chars() {
        match character {
            MATCH_OPEN if !open => html.push_str("<mark>"),
            MATCH_CLOSE if open => html.push_str("</mark>"),
            MATCH_OPEN | MATCH_CLOSE => {}
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            other => html.push(other),
        }
        open = match character {
            MATCH_OPEN => true,
            MATCH_CLOSE => false,
            _ => open,
        };
    }
    if open {
        html.push_str("</mark>");
    }
    html
}

/// A row of a search result: a chat message's columns, its `snippet`, and its conversation's
/// columns named by [`conversation_column`]. Only a name for checked rows.
#[derive(Debug)]
pub enum SearchHit {}

impl FromTable for SearchHit {
    type Column = Messages;
    const COLUMNS: Columns<Messages> = CHAT_MESSAGE;

    fn check_rows(rows: &impl ResultSet) -> Result<(), Error> {
        ChatMessage::check_rows(rows)?;
        let mut names: Vec<String> = hit_conversation_keys()
            .into_iter()
            .map(|(_, c)| c)
            .collect();
        names.push("snippet".to_owned());
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let not_null: Vec<bool> = hit_conversation()
            .map(|column| column.not_null)
            .chain([true])
            .collect();
        check_result(rows, &names, &not_null)?;
        match rows
            .kinds(&[SCORE_COLUMN])?
            .iter()
            .all(|kind| *kind == SqlKind::Number)
        {
            true => Ok(()),
            false => Err(Error::MalformedResult(format!(
                "{SCORE_COLUMN} is not a number"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_escaped_html_with_marks() {
        let raw = format!("a <b> & {MATCH_OPEN}\"x'{MATCH_CLOSE}");
        assert_eq!(
            snippet_html(&raw),
            "a &lt;b&gt; &amp; <mark>&quot;x&#39;</mark>"
        );
        // The markers in the message's own text: still balanced.
        let stray = format!(
            "{MATCH_CLOSE}{MATCH_OPEN}a{MATCH_OPEN}b{MATCH_CLOSE}{MATCH_CLOSE} {MATCH_OPEN}c"
        );
        assert_eq!(snippet_html(&stray), "<mark>ab</mark> <mark>c</mark>");
    }
}
