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
