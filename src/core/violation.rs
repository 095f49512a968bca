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
}
