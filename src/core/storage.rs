//! The seam between the core and a storage engine: run one statement, or several as one
//! transaction, and say how a failure went. The boundary implements it over a D1 binding; the
//! native tests over SQLite; a Durable Object's SQLite storage is the next backend. The core knows
//! nothing of any engine's API or error texts: each backend turns its failures into an
//! [`Error::Storage`], saying which constraint was violated when one was.

use std::future::Future;

use crate::core::error::Error;
use crate::core::statement::Statement;
use crate::core::value::ResultSet;

/// An [`Error`] together with the underlying error that caused it, when there is one (the JS error
/// D1 threw, or SQLite's), so the `DatabaseError` JS receives can keep it as its `cause`.
#[derive(Debug)]
pub struct Rejection<Cause> {
    /// What went wrong, in the core's terms.
    pub error: Error,
    /// The original error, untouched.
    pub cause: Option<Cause>,
}

impl<Cause> From<Error> for Rejection<Cause> {
    fn from(error: Error) -> Self {
        Rejection { error, cause: None }
    }
}

/// A storage engine that runs this crate's statements.
pub trait Storage {
    /// One statement's result.
    type Rows: ResultSet;
    /// The engine's own error type, kept as a `DatabaseError`'s `cause`.
    type Cause;

    /// The most bytes the engine surely stores in one value: past it, a value is sent only where
    /// the old layer sent it (see `sessions`).
    const MAX_VALUE_BYTES: usize;

    /// Runs one statement and returns its rows (none for a write without RETURNING).
    /// One round trip.
    fn all(
        &self,
        statement: Statement,
    ) -> impl Future<Output = Result<Self::Rows, Rejection<Self::Cause>>>;

    /// Runs the statements in order as one transaction, returning each one's rows; if any fails,
    /// none of them has any effect. One round trip.
    fn batch(
        &self,
        statements: Vec<Statement>,
    ) -> impl Future<Output = Result<Vec<Self::Rows>, Rejection<Self::Cause>>>;
}

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
