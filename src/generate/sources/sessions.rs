//! The sea-query source of `getOrCreateSession`'s SQL (the drop-in API).

use sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};

use crate::core::schema::{ClientSessions as S, CLIENT_SESSIONS};
use crate::generate::sql::{greater_of, insert_into, param, Built, Rendered};

/// This capability's statements, for `core/sql.rs`.
pub fn rendered() -> Vec<Rendered> {
    vec![
        Rendered::new(
            "GET_OR_CREATE_SESSION",
            "`getOrCreateSession`: upsert the session and return it as stored.",
            get_or_create_session(&param("id"), &param("now"), &param("metadata")),
        ),
        Rendered::new(
            "SESSION_EXISTS",
            "`getOrCreateSession` with an id that is not a string, first of its batch: whether the session exists.",
            session_exists(&param("id")),
        ),
        Rendered::new(
            "TOUCH_SESSION",
            "`getOrCreateSession` when the metadata is not sent: touch a known session only.",
            touch_session(&param("id"), &param("now")),
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
pub fn get_or_create_session(id: &str, now: &str, metadata: &str) -> Built {
    let touch = OnConflict::column(S::Id)
        .value(
            S::LastActivity,
            greater_of(
                Expr::col((S::Table, S::LastActivity)),
                Expr::col((Alias::new("excluded"), S::LastActivity)),
            ),
        )
        .to_owned();
    let mut insert = insert_into(S::Table, CLIENT_SESSIONS.names());
    insert
        .values([id.into(), now.into(), now.into(), metadata.into()])
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
pub fn session_exists(id: &str) -> Built {
    let select = Query::select()
        .column(S::Id)
        .from(S::Table)
        .and_where(Expr::col(S::Id).eq(id))
        .to_owned();
    Built::from(&select)
}

/// Moves an existing session's `last_activity` forward (never backwards) and returns the row;
/// inserts nothing. `getOrCreateSession` sends it instead of the upsert when the metadata
/// cannot be serialized, and before it when the metadata is too large for D1 to surely take:
/// the old layer sent metadata only to insert, so a known session answered regardless.
pub fn touch_session(id: &str, now: &str) -> Built {
    let touch = Query::update()
        .table(S::Table)
        .value(
            S::LastActivity,
            greater_of(Expr::col(S::LastActivity), Expr::val(now)),
        )
        .and_where(Expr::col(S::Id).eq(id))
        .returning(Query::returning().columns(CLIENT_SESSIONS.idens()))
        .to_owned();
    Built::from(&touch)
}
