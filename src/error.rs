//! Everything that can go wrong, the `code` each failure carries, and the message JS sees.
//!
//! The boundary turns an [`Error`] into a JS `DatabaseError` with [`Failure::new`]; the mapping
//! from D1's failure text to a code lives here so it is tested natively.

use std::fmt;

/// The five data-layer methods. Each names its failures with its own message prefix and code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `getOrCreateSession`.
    GetOrCreateSession,
    /// `createConversation`.
    CreateConversation,
    /// `createMessage`.
    CreateMessage,
    /// `listConversations`.
    ListConversations,
    /// `getConversationWithMessages`.
    GetConversationWithMessages,
}

impl Method {
    /// The prefix of every failure message, kept from the old layer so logs and handlers that
    /// match on it keep working.
    pub fn message_prefix(self) -> &'static str {
        match self {
            Method::GetOrCreateSession => "Failed to get or create session: ",
            Method::CreateConversation => "Failed to create conversation: ",
            Method::CreateMessage => "Failed to create message: ",
            Method::ListConversations => "Failed to list conversations: ",
            Method::GetConversationWithMessages => "Failed to get conversation with messages: ",
        }
    }

    /// The code of a failure that is neither bad input nor a constraint violation.
    pub fn default_code(self) -> ErrorCode {
        match self {
            Method::CreateConversation | Method::CreateMessage => ErrorCode::InsertError,
            Method::GetOrCreateSession
            | Method::ListConversations
            | Method::GetConversationWithMessages => ErrorCode::QueryError,
        }
    }
}

/// The `code` property of a `DatabaseError`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// A read (or the session upsert) failed.
    QueryError,
    /// An insert failed for a reason other than a constraint.
    InsertError,
    /// An update failed. Named by the original design; no current method fails with it.
    UpdateError,
    /// A delete failed. Named by the original design; no current method fails with it.
    DeleteError,
    /// A UNIQUE, FOREIGN KEY, CHECK or NOT NULL constraint rejected the write: a duplicate id or
    /// a missing parent row.
    ConstraintError,
    /// An argument was rejected before any SQL was sent.
    ValidationError,
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
    /// A constraint rejected a write, and the method knows which argument was at fault.
    #[error("{explanation} ({message})")]
    Constraint {
        /// What was wrong, in terms of the arguments: `conversation "c1" does not exist`.
        explanation: String,
        /// The database's own message.
        message: String,
    },
    /// D1 rejected the statement or batch; the text is D1's message.
    #[error("{0}")]
    D1(String),
    /// D1 answered in a shape it never should (a test double or a changed API).
    #[error("D1 returned a malformed result: {0}")]
    MalformedResult(String),
    /// A statement that must return a row returned none.
    #[error("D1 returned no row where the statement always returns one")]
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
        /// The value found, quoted and cut short (see `validate::quote`).
        value: String,
    },
    /// A result could not be turned into the JS object the caller receives.
    #[error("could not build the JS result: {0}")]
    ToJs(String),
    /// A query builder produced a parameter type that this crate does not bind: a bug here.
    #[error("a query parameter has a type this crate does not bind")]
    UnsupportedParameter,
}

impl Error {
    /// True when the caller's input was rejected before any SQL was sent.
    pub fn is_invalid_input(&self) -> bool {
        matches!(
            self,
            Error::Unbindable { .. } | Error::InvalidRole { .. } | Error::InvalidMetadata { .. }
        )
    }

    /// The code this error carries when `method` fails with it.
    pub fn code(&self, method: Method) -> ErrorCode {
        match self {
            _ if self.is_invalid_input() => ErrorCode::ValidationError,
            Error::Constraint { .. } => ErrorCode::ConstraintError,
            Error::D1(message) => classify_d1_message(method, message),
            _ => method.default_code(),
        }
    }
}

/// The code for a D1 or SQLite failure message: a constraint violation is `CONSTRAINT_ERROR`
/// whichever method hit it; anything else is the method's default code.
///
/// D1 words a constraint failure as, for example,
/// `D1_ERROR: FOREIGN KEY constraint failed: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_FOREIGNKEY)`;
/// bare SQLite (the native tests) as `FOREIGN KEY constraint failed`. Both are recognised.
pub fn classify_d1_message(method: Method, message: &str) -> ErrorCode {
    const CONSTRAINTS: [&str; 4] = ["UNIQUE", "FOREIGN KEY", "CHECK", "NOT NULL"];
    let violated = CONSTRAINTS
        .iter()
        .any(|kind| message.contains(&format!("{kind} constraint failed")))
        || message.contains("SQLITE_CONSTRAINT");
    if violated {
        ErrorCode::ConstraintError
    } else {
        method.default_code()
    }
}

/// The constraint a D1 or SQLite failure message says was violated, when it says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// `FOREIGN KEY constraint failed`: SQLite does not say which key.
    ForeignKey,
    /// `UNIQUE constraint failed: table.column`.
    Unique(String),
    /// `NOT NULL constraint failed: table.column`.
    NotNull(String),
}

impl Violation {
    /// Reads the violation out of `message`, worded by D1
    /// (`D1_ERROR: UNIQUE constraint failed: messages.id: SQLITE_CONSTRAINT (...)`) or by bare
    /// SQLite (`UNIQUE constraint failed: messages.id`).
    pub fn of(message: &str) -> Option<Violation> {
        let column_after = |marker: &str| {
            let start = message.find(marker)? + marker.len();
            let rest = &message[start..];
            let end = rest.find(':').unwrap_or(rest.len());
            Some(rest[..end].trim().to_owned())
        };
        if message.contains("FOREIGN KEY constraint failed") {
            return Some(Violation::ForeignKey);
        }
        if let Some(column) = column_after("UNIQUE constraint failed: ") {
            return Some(Violation::Unique(column));
        }
        column_after("NOT NULL constraint failed: ").map(Violation::NotNull)
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
            message: format!("{}{}", method.message_prefix(), error),
        }
    }
}
