//! Everything that can go wrong, the `code` each failure carries, and the message JS sees.
//!
//! The boundary turns an [`Error`] into a JS `DatabaseError` with [`Failure::new`]. Each method
//! declares its own [`Method`] (name, message prefix, default code) in its capability's file, so
//! adding a method adds nothing here.

use std::fmt;

use crate::core::violation::Violation;

/// A method as its failures name it: the prefix of every message, kept from the old layer so logs
/// and handlers that match on it keep working, and the code of a failure that is neither bad input
/// nor a constraint violation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Method {
    /// The JS name, e.g. `createMessage`.
    pub name: &'static str,
    /// E.g. `Failed to create message: `.
    pub message_prefix: &'static str,
    /// E.g. `INSERT_ERROR`.
    pub default_code: ErrorCode,
}

/// The `code` property of a `DatabaseError`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// A read (or the session upsert) failed.
    QueryError,
    /// An insert failed for a reason other than a constraint.
    InsertError,
    /// An update failed: the default of `renameConversation`.
    UpdateError,
    /// A delete failed: the default of `deleteConversation`, `deleteMessagesAfter`, `erase` and
    /// `purgeInactiveSessions`.
    DeleteError,
    /// A UNIQUE, FOREIGN KEY, CHECK or NOT NULL constraint rejected the write: a duplicate id or
    /// a missing parent row.
    ConstraintError,
    /// An argument was rejected before any SQL was sent.
    ValidationError,
    /// The conversation or message is not there, or is not the session's (the chat API answers
    /// both alike).
    NotFound,
}

impl ErrorCode {
    /// The code as JS sees it, e.g. `"CONSTRAINT_ERROR"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::QueryError => "QUERY_ERROR",
            ErrorCode::InsertError => "INSERT_ERROR",
            ErrorCode::UpdateError => "UPDATE_ERROR",
            ErrorCode::DeleteError => "DELETE_ERROR",
            ErrorCode::ConstraintError => "CONSTRAINT_ERROR",
            ErrorCode::ValidationError => "VALIDATION_ERROR",
            ErrorCode::NotFound => "NOT_FOUND",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a call failed. Validation variants mean no SQL was sent.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// A drop-in argument was a value D1 cannot bind (it throws for `undefined` in a comparison,
    /// BigInts, symbols, functions and objects), so the old layer rejected the call too.
    #[error("{argument} must be a string, number, boolean or null (what D1 binds), got {found}")]
    Unbindable {
        /// The parameter's name in the JS signature.
        argument: &'static str,
        /// What was passed instead, e.g. `an object`.
        found: &'static str,
    },
    /// A chat API argument was not what the method takes.
    #[error("{argument} must be {expected}, got {found}")]
    Invalid {
        /// The argument's name in the JS signature, e.g. `turn.message.content`.
        argument: &'static str,
        /// What it must be, e.g. `a non-empty string`.
        expected: &'static str,
        /// What was passed instead, in words.
        found: String,
    },
    /// The chat API found no conversation (or message) of this session by that id.
    #[error("{what} not found")]
    NotFound {
        /// What was looked for, e.g. `conversation "c1"`.
        what: String,
    },
    /// The role was not `user` or `assistant`.
    #[error("role must be \"user\" or \"assistant\", got {found}")]
    InvalidRole {
        /// What was passed instead.
        found: String,
    },
    /// The metadata of a new session could not be serialized as JSON.
    #[error("metadata must be a value JSON.stringify serializes, got {found}")]
    InvalidMetadata {
        /// What was passed instead.
        found: String,
    },
    /// The current time could not be written as an ISO 8601 timestamp (a clock before year 0 or
    /// after year 9999).
    #[error("the clock reads {millis} ms since the epoch, outside the years 0000-9999")]
    ClockOutOfRange {
        /// The clock reading.
        millis: i64,
    },
    /// A write the rules refuse whatever the engine allows: a finished reply written again.
    #[error("{0}")]
    Refused(String),
    /// A constraint rejected a write, and the method knows which argument was at fault.
    #[error("{explanation} ({message})")]
    Constraint {
        /// What was wrong, in terms of the arguments: `conversation "c1" does not exist`.
        explanation: String,
        /// The database's own message.
        message: String,
    },
    /// The storage engine failed the statement or batch; the text is the engine's message, and
    /// `violation` the constraint it violated, when it says so.
    #[error("{message}")]
    Storage {
        /// The engine's message, e.g. D1's `D1_ERROR: ...`.
        message: String,
        /// The constraint violated, as the backend read it from the engine's failure.
        violation: Option<Violation>,
    },
    /// D1 answered in a shape it never should (a test double or a changed API).
    #[error("the database returned a malformed result: {0}")]
    MalformedResult(String),
    /// A statement that must return a row returned none.
    #[error("the database returned no row where the statement always returns one")]
    MissingRow,
    /// A column held a value of the wrong type (possible only in a database edited by hand).
    #[error("column {column} holds {found} where {expected} was expected")]
    UnexpectedColumnType {
        /// The column's name.
        column: String,
        /// What the schema says it holds.
        expected: &'static str,
        /// What it held.
        found: &'static str,
    },
    /// A column held a value the schema forbids (possible in an old database without CHECKs).
    #[error("column {column} holds {value}, which is not allowed")]
    UnexpectedColumnValue {
        /// The column's name.
        column: String,
        /// The value found, quoted and cut short (see [`quote`]).
        value: String,
    },
    /// A result could not be turned into the object the caller receives (a backend's own
    /// conversion failed).
    #[error("could not build the JS result: {0}")]
    ToJs(String),
}

impl Error {
    /// The engine failed with `message`: the constraint it names, and, when it says a table or
    /// column chat-d1 needs is missing, what to run (after the engine's own words).
    pub fn storage(message: String) -> Self {
        let violation = Violation::from_sqlite_message(&message);
        let message = match crate::core::violation::missing_schema(&message) {
            Some(hint) => format!("{message} ({hint})"),
            None => message,
        };
        Error::Storage { message, violation }
    }

    /// `NOT_FOUND` for the `what` (`conversation`, `message`) of this id, the id quoted.
    pub fn not_found(what: &str, id: &str) -> Self {
        Error::NotFound {
            what: format!("{what} {}", quote(id)),
        }
    }

    /// True when the caller's input was rejected before any SQL was sent.
    pub fn is_invalid_input(&self) -> bool {
        matches!(
            self,
            Error::Unbindable { .. }
                | Error::Invalid { .. }
                | Error::InvalidRole { .. }
                | Error::InvalidMetadata { .. }
        )
    }

    /// The code this error carries when `method` fails with it: a constraint violation is
    /// `CONSTRAINT_ERROR` whichever method hit it.
    pub fn code(&self, method: Method) -> ErrorCode {
        match self {
            _ if self.is_invalid_input() => ErrorCode::ValidationError,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Constraint { .. }
            | Error::Refused(_)
            | Error::Storage {
                violation: Some(_), ..
            } => ErrorCode::ConstraintError,
            _ => method.default_code,
        }
    }
}

/// A failure as JS sees it: the `code` and `message` of the `DatabaseError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The `code` property.
    pub code: ErrorCode,
    /// The `message` property: the method's prefix, then what went wrong.
    pub message: String,
}

impl Failure {
    /// Describes `error` as a failure of `method`.
    pub fn new(method: Method, error: &Error) -> Self {
        Failure {
            code: error.code(method),
            message: format!("{}{}", method.message_prefix, error),
        }
    }
}

/// `text` in double quotes, cut short when long, for messages that echo bad input.
pub fn quote(text: &str) -> String {
    format!("\"{}\"", preview(text))
}

fn preview(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(MAX_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
