//! The data layer: the handle every operation runs on, and what the operations share. The
//! operations themselves live with their capability (`sessions`, `conversations`, `messages`),
//! each one: sort the arguments, bind them to generated SQL, make one round trip, check the rows.

use crate::core::error::Error;
use crate::core::rows::Checked;
use crate::core::storage::{Rejection, Storage};
use crate::core::violation::Violation;

/// What every operation returns: the value, or the error with its underlying cause.
pub type Outcome<T, S> = Result<T, Rejection<<S as Storage>::Cause>>;

/// A read's result: the storage's own rows, checked to be rows of the model they stand for.
pub type Rows<M, S> = Checked<M, <S as Storage>::Rows>;

/// `staleAfterMs` when the client gives none: the spec's two minutes.
pub const DEFAULT_STALE_AFTER_MS: u32 = 120_000;

/// The data layer over any [`Storage`]. Stateless apart from the storage handle and the client's
/// options, so one instance serves any number of concurrent calls.
#[derive(Debug, Clone)]
pub struct DataLayer<S> {
    storage: S,
    stale_after_ms: i64,
}

impl<S: Storage> DataLayer<S> {
    /// Wraps a storage handle, with the default options.
    pub fn new(storage: S) -> Self {
        DataLayer {
            storage,
            stale_after_ms: DEFAULT_STALE_AFTER_MS.into(),
        }
    }

    /// The same options over another storage handle (a metered one).
    pub fn over<T: Storage>(&self, storage: T) -> DataLayer<T> {
        DataLayer {
            storage,
            stale_after_ms: self.stale_after_ms,
        }
    }

    /// With `staleAfterMs`, already checked: a reply `streaming` for longer reads `interrupted`.
    pub fn with_stale_after(self, stale_after_ms: i64) -> Self {
        DataLayer {
            stale_after_ms,
            ..self
        }
    }

    /// The wrapped storage handle.
    pub fn storage(&self) -> &S {
        &self.storage
    }

    /// The instant before which a reply's last write makes it `interrupted`, for a call at
    /// `now_millis`.
    pub fn stale_before(&self, now_millis: i64) -> Result<String, Error> {
        crate::core::time::iso_timestamp(now_millis.saturating_sub(self.stale_after_ms).max(0))
    }
}

/// Rewords a constraint failure in terms of the arguments, where `explain` knows which one was at
/// fault (SQLite names the column of a UNIQUE or NOT NULL failure, not the value; a foreign key
/// failure names nothing); the engine's message is kept after it, and the cause is untouched.
pub fn explained<C>(
    explain: impl Fn(&Violation) -> Option<String>,
) -> impl FnOnce(Rejection<C>) -> Rejection<C> {
    move |rejection| match &rejection.error {
        Error::Storage {
            message,
            violation: Some(violation),
        } => match explain(violation) {
            Some(explanation) => Rejection {
                error: Error::Constraint {
                    explanation,
                    message: message.clone(),
                },
                cause: rejection.cause,
            },
            None => rejection,
        },
        _ => rejection,
    }
}
