//! Sessions: `getOrCreateSession`. Its statements, how its arguments are bound to them, and the
//! operation; at the end, the sea-query source its SQL is generated from.

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

/// The session upsert; see [`source::get_or_create_session`].
pub fn upsert_session(id: SqlValue, now: &str, metadata_json: Option<&str>) -> Statement {
    let metadata = metadata_json.map_or(SqlValue::Null, text);
    Statement {
        sql: sql::GET_OR_CREATE_SESSION,
        params: vec![id, text(now), text(now), metadata],
    }
}

/// The session's id when it exists; see [`source::session_exists`].
pub fn session_exists(id: SqlValue) -> Statement {
    Statement {
        sql: sql::SESSION_EXISTS,
        params: vec![id],
    }
}

/// Moves a known session's `last_activity` and returns it, inserting nothing; see
/// [`source::touch_session`].
pub fn touch_session(id: SqlValue, now: &str) -> Statement {
    Statement {
        sql: sql::TOUCH_SESSION,
        params: vec![text(now), id],
    }
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

/// The sea-query source of this capability's SQL, used at build time only:
/// `cargo run --example generate` renders it into [`crate::core::sql`].
#[cfg(not(target_arch = "wasm32"))]
pub mod source {
    use sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};

    use crate::core::schema::{ClientSessions as S, CLIENT_SESSIONS};
    use crate::core::value::SqlValue;
    use crate::generate::sql::{greater_of, insert_into, value, Built, Rendered};

    /// This capability's statements, for `core/sql.rs`.
    pub fn rendered() -> Vec<Rendered> {
        let p = || SqlValue::Null;
        vec![
            Rendered::new(
                "GET_OR_CREATE_SESSION",
                "`getOrCreateSession`: upsert the session and return it as stored. Parameters: id, now, now, metadata.",
                get_or_create_session(p(), "now", None),
            ),
            Rendered::new(
                "SESSION_EXISTS",
                "`getOrCreateSession` with an id that is not a string, first of its batch: whether the session exists. Parameter: id.",
                session_exists(p()),
            ),
            Rendered::new(
                "TOUCH_SESSION",
                "`getOrCreateSession` when the metadata is not sent: touch a known session only. Parameters: now, id.",
                touch_session(p(), "now"),
            ),
        ]
    }

    /// The session upsert: one statement, race-free when two first requests for one id arrive
    /// together (the second becomes an update instead of failing on the primary key).
    ///
    /// A new id is inserted with `created_at = last_activity = now`. An existing one keeps its
    /// `created_at` and metadata; `last_activity` moves to `now` but never backwards, so a Worker
    /// whose clock lags another's cannot break `created_at <= last_activity`. RETURNING hands back
    /// the row as stored, whichever way it went.
    pub fn get_or_create_session(id: SqlValue, now: &str, metadata_json: Option<&str>) -> Built {
        let touch = OnConflict::column(S::Id)
            .value(
                S::LastActivity,
                greater_of(
                    Expr::col((S::Table, S::LastActivity)),
                    Expr::col((Alias::new("excluded"), S::LastActivity)),
                ),
            )
            .to_owned();
        let metadata = metadata_json.map_or(SqlValue::Null, |json| SqlValue::Text(json.into()));
        let mut insert = insert_into(S::Table, CLIENT_SESSIONS.names());
        insert
            .values([value(id), now.into(), now.into(), value(metadata)])
            .map(|insert| {
                insert
                    .on_conflict(touch)
                    .returning(Query::returning().columns(CLIENT_SESSIONS.idens()));
            })
            .ok();
        Built::from(&insert)
    }

    /// The session's id when it exists, so an id that is not a string can be answered as the old
    /// layer answered it: as given for a new session, as stored for a known one.
    pub fn session_exists(id: SqlValue) -> Built {
        let select = Query::select()
            .column(S::Id)
            .from(S::Table)
            .and_where(Expr::col(S::Id).eq(value(id)))
            .to_owned();
        Built::from(&select)
    }

    /// Moves an existing session's `last_activity` forward (never backwards) and returns the row;
    /// inserts nothing. `getOrCreateSession` sends it instead of the upsert when the metadata
    /// cannot be serialized, and before it when the metadata is too large for D1 to surely take:
    /// the old layer sent metadata only to insert, so a known session answered regardless.
    pub fn touch_session(id: SqlValue, now: &str) -> Built {
        let touch = Query::update()
            .table(S::Table)
            .value(
                S::LastActivity,
                greater_of(Expr::col(S::LastActivity), Expr::val(now)),
            )
            .and_where(Expr::col(S::Id).eq(value(id)))
            .returning(Query::returning().columns(CLIENT_SESSIONS.idens()))
            .to_owned();
        Built::from(&touch)
    }
}
