//! The chat API: scoped to one client session, one round trip per call, two per chat turn
//! (`chat-api.md`). One file per capability, each holding its methods' names (`Method`) and
//! operations on the generated binders of [`crate::core::sql`]; [`check`] holds the strict
//! argument checks every method runs before any SQL, re-exported here as `chat::id` and friends.

pub mod args;
pub mod branches;

pub mod check;
pub mod cursor;
pub mod editing;
pub mod pages;
pub mod parent;
pub mod parts;
pub mod replies;
pub mod retention;
pub mod saving;
pub mod search;
pub mod search_hits;
pub mod search_index;
pub mod turns;
pub mod writing;

pub use check::{
    check_row, id, instant, is_iso_instant, limit, metadata, role, text, title, Limit,
};
pub use editing::{DELETE_CONVERSATION, DELETE_MESSAGES_AFTER, RENAME_CONVERSATION};
pub use pages::{GET_CONVERSATION, LIST_CONVERSATION_PAGE};
pub use replies::{FINISH_REPLY, UPDATE_REPLY};
pub use retention::{COUNT_MESSAGES_SINCE, ERASE, PURGE_INACTIVE_SESSIONS};
pub use saving::SAVE_MESSAGES;
pub use search::SEARCH_MESSAGES;
pub use search_index::{DISABLE_SEARCH, ENABLE_SEARCH};
pub use turns::{ADD_MESSAGE, START_TURN};

use crate::core::arg::Arg;
use crate::core::error::{Error, ErrorCode, Method};

/// `db.forSession(sessionId)`, which fails only when the id is not one.
pub const FOR_SESSION: Method = Method {
    name: "forSession",
    message_prefix: "Failed to open chat session: ",
    default_code: ErrorCode::ValidationError,
};

/// The session a chat object acts in: its id, checked. Every statement of the chat API binds it,
/// so a conversation of another session is out of reach in SQL, not by a check in JS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// The session id.
    pub session_id: String,
}

impl Scope {
    /// `forSession(sessionId)`: the id must be a non-empty, well-formed string.
    pub fn new(session_id: &Arg) -> Result<Scope, Error> {
        Ok(Scope {
            session_id: id("sessionId", session_id)?,
        })
    }
}
