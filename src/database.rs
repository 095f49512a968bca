//! The one thing the data layer needs from a database: run a statement, or run several as one
//! transaction. The boundary implements it over a D1 binding; the native tests over SQLite.

use std::future::Future;

use crate::error::Error;
use crate::queries::Statement;
use crate::value::ResultSet;

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

/// A database that can run this crate's statements: D1 or, in tests, SQLite.
pub trait Database {
    /// One statement's result.
    type Rows: ResultSet;
    /// The underlying error type, kept as a `DatabaseError`'s `cause`.
    type Cause;

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
