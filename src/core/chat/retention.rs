//! Lifecycle and quotas: the chat API's `countMessagesSince` and `erase`, and `DatabaseClient`'s
//! `purgeInactiveSessions` for a Cron Trigger. One round trip each.

use crate::core::arg::Arg;
use crate::core::chat::{self, Limit, Scope};
use crate::core::error::{Error, ErrorCode, Method};
use crate::core::layer::{DataLayer, Outcome};
use crate::core::model::MessageRole;
use crate::core::sql;
use crate::core::statement::{text, Statement};
use crate::core::storage::Storage;
use crate::core::value::{ResultSet, SqlValue};

/// `chat.countMessagesSince(since)`.
pub const COUNT_MESSAGES_SINCE: Method = Method {
    name: "countMessagesSince",
    message_prefix: "Failed to count messages: ",
    default_code: ErrorCode::QueryError,
};

/// `chat.erase()`.
pub const ERASE: Method = Method {
    name: "erase",
    message_prefix: "Failed to erase session: ",
    default_code: ErrorCode::DeleteError,
};

/// `db.purgeInactiveSessions({ before, limit })`.
pub const PURGE_INACTIVE_SESSIONS: Method = Method {
    name: "purgeInactiveSessions",
    message_prefix: "Failed to purge sessions: ",
    default_code: ErrorCode::DeleteError,
};

/// `limit` of a purge when none is given, and the most it may be.
pub const PURGE_LIMIT: Limit = Limit {
    default: 100,
    max: 1000,
    expected: "an integer from 1 to 1000",
};

/// How many user messages the session wrote at or after `since`, as `n`.
pub fn count_user_messages_since(scope: &Scope, since: &str) -> Statement {
    sql::count_user_messages_since(
        text(&scope.session_id),
        text(MessageRole::User.as_str()),
        text(since),
    )
}

/// How many messages the session has, as `n`.
pub fn count_session_messages(scope: &Scope) -> Statement {
    sql::count_session_messages(text(&scope.session_id))
}

/// Deletes the session's conversations (their messages by cascade); returns their ids.
pub fn delete_session_conversations(scope: &Scope) -> Statement {
    sql::delete_session_conversations(text(&scope.session_id))
}

/// Deletes the session row.
pub fn delete_session(scope: &Scope) -> Statement {
    sql::delete_session(text(&scope.session_id))
}

/// Deletes up to `limit` sessions inactive since before `before`, oldest first, with all they
/// hold; returns their ids.
pub fn purge_sessions(before: &str, limit: u32) -> Statement {
    sql::purge_inactive_sessions(text(before), SqlValue::Integer(limit.into()))
}

/// What `erase` deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Erased {
    /// Conversations deleted.
    pub conversations: usize,
    /// Messages deleted with them.
    pub messages: usize,
}

/// What one purge deleted, and whether it was the last batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    /// Sessions deleted.
    pub sessions: usize,
    /// True when fewer than `limit` were left: call again until it is.
    pub done: bool,
}

fn count<R: ResultSet>(rows: &R) -> Result<usize, Error> {
    let n = rows.first_number("n")?;
    n.filter(|n| n.fract() == 0.0 && *n >= 0.0)
        .map(|n| n as usize)
        .ok_or_else(|| Error::MalformedResult("a count is not a whole number".to_owned()))
}

impl<S: Storage> DataLayer<S> {
    /// How many `user` messages the session wrote at or after the instant `since`, across its
    /// conversations, from the indexes.
    pub async fn count_messages_since(&self, scope: &Scope, since: &Arg) -> Outcome<usize, S> {
        let since = chat::instant("since", since)?;
        let rows = self
            .storage()
            .all(count_user_messages_since(scope, &since))
            .await?;
        Ok(count(&rows)?)
    }

    /// Deletes the session and everything in it, in one batch; counts what went.
    pub async fn erase(&self, scope: &Scope) -> Outcome<Erased, S> {
        let batch = vec![
            count_session_messages(scope),
            delete_session_conversations(scope),
            delete_session(scope),
        ];
        let mut results = self.storage().batch(batch).await?.into_iter();
        let messages = count(&results.next().ok_or(Error::MissingRow)?)?;
        let conversations = results.next().ok_or(Error::MissingRow)?.len();
        Ok(Erased {
            conversations,
            messages,
        })
    }

    /// Deletes up to `limit` sessions whose `last_activity` is before `before`, oldest first.
    pub async fn purge_inactive_sessions(&self, before: &Arg, limit: &Arg) -> Outcome<Purged, S> {
        let before = chat::instant("options.before", before)?;
        let limit = chat::limit("options.limit", limit, PURGE_LIMIT)?;
        let rows = self.storage().all(purge_sessions(&before, limit)).await?;
        Ok(Purged {
            sessions: rows.len(),
            done: rows.len() < limit as usize,
        })
    }
}
