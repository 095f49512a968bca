//! Sessions: `getOrCreateSession`. Its statements, how its arguments are bound to them, and the
//! operation. Its SQL comes from `src/generate/sources/` (generated into `core::sql`).

use crate::core::arg::Arg;
use crate::core::error::{Error, ErrorCode, Method};
use crate::core::layer::{DataLayer, Outcome, Rows};
use crate::core::model::ClientSession;
use crate::core::rows::Checked;
use crate::core::sql;
use crate::core::statement::{text, Statement};
use crate::core::storage::{Rejection, Storage};
use crate::core::time::iso_timestamp;
use crate::core::value::{ResultSet, SqlValue};

/// `getOrCreateSession(sessionId, metadata?)`.
pub const GET_OR_CREATE_SESSION: Method = Method {
    name: "getOrCreateSession",
    message_prefix: "Failed to get or create session: ",
    default_code: ErrorCode::QueryError,
};

/// The session upsert; see `src/generate/sources/sessions.rs` (`get_or_create_session`).
pub fn upsert_session(id: SqlValue, now: &str, metadata_json: Option<&str>) -> Statement {
    let metadata = metadata_json.map_or(SqlValue::Null, text);
    sql::get_or_create_session(id, text(now), metadata)
}

/// The session's id when it exists; see `src/generate/sources/sessions.rs` (`session_exists`).
pub fn session_exists(id: SqlValue) -> Statement {
    sql::session_exists(id)
}

/// Moves a known session's `last_activity` and returns it, inserting nothing; see
/// `src/generate/sources/sessions.rs` (`touch_session`).
pub fn touch_session(id: SqlValue, now: &str) -> Statement {
    sql::touch_session(text(now), id)
}

/// The metadata argument of `getOrCreateSession`: the value, and what `JSON.stringify` made of it
/// (`Ok(None)` for `undefined`, `Err` with what it threw). The boundary serializes it with the
/// runtime's own `JSON.stringify`, as the old layer did; the operation decides whether it is used.
#[derive(Debug)]
pub struct Metadata<Cause> {
    /// The value as passed.
    pub arg: Arg,
    /// `JSON.stringify(value)`.
    pub json: Result<Option<String>, Cause>,
}

/// `getOrCreateSession`'s result: the row as stored, and whether to answer with the caller's id
/// instead of the stored one, as the old layer did for a session it created from an id that was
/// not a string (it answered that number; a known session, it answered as stored text).
pub struct FoundSession<S: Storage> {
    /// The session row.
    pub rows: Rows<ClientSession, S>,
    /// True when the answer's `id` is the value the caller gave.
    pub answers_given_id: bool,
}

impl<S: Storage> DataLayer<S> {
    /// Returns the session `id`, creating it when new. An existing session keeps its `created_at`
    /// and metadata (`metadata` is then ignored) and has `last_activity` moved to now.
    ///
    /// As in the old layer, metadata is stored as `JSON.stringify(metadata)` when it is truthy, and
    /// only ever sent to insert: a known session answers whatever the metadata. So metadata JSON
    /// cannot represent is refused for a new session but ignored for a known one (one round trip,
    /// a touch), and metadata over the storage's value limit, which it may refuse, is sent only
    /// when a touch found no session (the one case of two round trips).
    pub async fn get_or_create_session(
        &self,
        id: &Arg,
        metadata: Metadata<S::Cause>,
        now_millis: i64,
    ) -> Outcome<FoundSession<S>, S> {
        let id_value = id.compared("sessionId")?;
        let given = id.scalar("sessionId")?;
        let now = iso_timestamp(now_millis)?;
        let metadata_json = match metadata.json {
            _ if !metadata.arg.is_truthy() => None,
            Ok(json) => json,
            Err(cause) => {
                return self.touch(id_value, &now).await?.ok_or(Rejection {
                    error: Error::InvalidMetadata {
                        found: "one it throws on (the cause says why)".to_owned(),
                    },
                    cause: Some(cause),
                });
            }
        };
        if metadata_json
            .as_ref()
            .is_some_and(|json| json.len() > S::MAX_VALUE_BYTES)
        {
            if let Some(known) = self.touch(id_value.clone(), &now).await? {
                return Ok(known);
            }
        }
        let upsert = upsert_session(id_value.clone(), &now, metadata_json.as_deref());
        // The old layer answered a new session's id as given (a number stays a number) and a known
        // one's as stored text: for an id that is not a string, the same batch first looks whether
        // the session exists.
        let (existed, rows) = if given.is_text() {
            (true, self.storage().all(upsert).await?)
        } else {
            let batch = vec![session_exists(id_value), upsert];
            let mut results = self.storage().batch(batch).await?.into_iter();
            let existing = results.next().ok_or(Error::MissingRow)?;
            (
                !existing.is_empty(),
                results.next().ok_or(Error::MissingRow)?,
            )
        };
        // The upsert returns its row whichever way it went: exactly one.
        if rows.len() != 1 {
            return Err(Error::MissingRow.into());
        }
        Ok(FoundSession {
            rows: Checked::check(rows)?,
            answers_given_id: !existed,
        })
    }

    /// Moves a known session's `last_activity` and returns it; `None` when there is no such
    /// session (nothing is inserted).
    async fn touch(&self, id: SqlValue, now: &str) -> Outcome<Option<FoundSession<S>>, S> {
        let rows = self.storage().all(touch_session(id, now)).await?;
        if rows.is_empty() {
            return Ok(None);
        }
        Ok(Some(FoundSession {
            rows: Checked::check(rows)?,
            answers_given_id: false,
        }))
    }
}
