//! The constraint a failed statement violated, read from the engine's message in SQLite's words:
//! the one classification every backend shares (D1 and Durable Objects both run SQLite).

/// The constraint a failed statement violated, as a backend reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// A foreign key: SQLite does not say which.
    ForeignKey,
    /// A UNIQUE or PRIMARY KEY constraint on `table.column`.
    Unique(String),
    /// A NOT NULL constraint on `table.column`.
    NotNull(String),
    /// A CHECK constraint.
    Check,
    /// A constraint the engine did not name.
    Other,
}

impl Violation {
    /// Reads the violation out of a message in SQLite's words, which every backend here relays
    /// (D1 and Durable Objects run SQLite): `UNIQUE constraint failed: messages.id`,
    /// `FOREIGN KEY constraint failed`, or a bare `SQLITE_CONSTRAINT` result code.
    pub fn from_sqlite_message(message: &str) -> Option<Violation> {
        let column_after = |marker: &str| {
            after(message, marker)?
                .split(':')
                .next()
                .map(|c| c.trim().to_owned())
        };
        let says = |words: &str| after(message, words).is_some();
        if says("FOREIGN KEY constraint failed") {
            Some(Violation::ForeignKey)
        } else if let Some(column) = column_after("UNIQUE constraint failed: ") {
            Some(Violation::Unique(column))
        } else if let Some(column) = column_after("NOT NULL constraint failed: ") {
            Some(Violation::NotNull(column))
        } else if says("CHECK constraint failed") {
            Some(Violation::Check)
        } else if says("SQLITE_CONSTRAINT") || says("constraint failed") {
            Some(Violation::Other)
        } else {
            None
        }
    }
}

/// What to run when the engine's `message` says a table or column chat-d1 needs is missing (a
/// database the migrations never reached, or only some of them): `None` for any other failure.
pub fn missing_schema(message: &str) -> Option<&'static str> {
    let tables = ["client_sessions", "conversations", "messages"]
        .map(|table| after(message, &format!("no such table: {table}")));
    let missing_table = tables.iter().flatten().any(|rest| !rest.starts_with('_'));
    let missing_column = after(message, "has no column named ").is_some()
        || after(message, "no such column: ").is_some();
    (missing_table || missing_column).then_some(
        "the database lacks chat-d1's schema: apply its migrations (`wrangler d1 migrations apply <DATABASE>`; on a Durable Object, `migrate(ctx.storage)`)",
    )
}

/// Whether the engine's `message` says the search index is missing (`enableSearch` never ran).
pub fn missing_search_index(message: &str) -> bool {
    after(message, "no such table: message_search").is_some()
}

/// What follows the first `marker` in `text`. A plain byte search: `str::find` would bring its
/// two-way searcher into the wasm for a message of a few dozen bytes.
fn after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let marker = marker.as_bytes();
    let at = text
        .as_bytes()
        .windows(marker.len())
        .position(|window| window == marker)?;
    text.get(at + marker.len()..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlites_words_for_each_violation_are_read_as_such() {
        let cases = [
            ("D1_ERROR: FOREIGN KEY constraint failed: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_FOREIGNKEY)", Some(Violation::ForeignKey)),
            ("UNIQUE constraint failed: messages.id", Some(Violation::Unique("messages.id".into()))),
            ("D1_ERROR: UNIQUE constraint failed: p.id: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_PRIMARYKEY)", Some(Violation::Unique("p.id".into()))),
            ("NOT NULL constraint failed: messages.content", Some(Violation::NotNull("messages.content".into()))),
            ("D1_ERROR: CHECK constraint failed: n > 0: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_CHECK)", Some(Violation::Check)),
            ("D1_ERROR: something: SQLITE_CONSTRAINT", Some(Violation::Other)),
            ("D1_ERROR: no such table: messages: SQLITE_ERROR", None),
            ("D1_ERROR: timeout", None),
        ];
        for (message, expected) in cases {
            assert_eq!(
                Violation::from_sqlite_message(message),
                expected,
                "{message}"
            );
        }
    }

    #[test]
    fn a_missing_table_or_column_says_to_apply_the_migrations() {
        for message in [
            "D1_ERROR: no such table: messages: SQLITE_ERROR",
            "no such table: client_sessions",
            "D1_ERROR: table messages has no column named metadata: SQLITE_ERROR",
            "D1_ERROR: no such column: parts: SQLITE_ERROR",
        ] {
            assert!(missing_schema(message).is_some(), "{message}");
        }
        for message in [
            "D1_ERROR: no such table: message_search: SQLITE_ERROR",
            "D1_ERROR: no such table: messages_archive",
            "D1_ERROR: timeout",
        ] {
            assert_eq!(missing_schema(message), None, "{message}");
        }
        assert!(missing_search_index(
            "D1_ERROR: no such table: message_search: SQLITE_ERROR"
        ));
        assert!(!missing_search_index(
            "D1_ERROR: no such table: messages: SQLITE_ERROR"
        ));
    }
}
