//! The sea-query source of the lifecycle statements' SQL, used at build time only: `cargo run
//! --example generate` renders it into `src/core/sql.rs`.

use sea_query::{Alias, Expr, ExprTrait, Func, Order, Query};

use crate::core::chat::Scope;
use crate::core::schema::{ClientSessions as S, Conversations as C, Messages as M, RowId};
use crate::generate::sql::{param, Built, Rendered, LIMIT};

/// This capability's statements, for `core/sql.rs`.
pub fn rendered() -> Vec<Rendered> {
    let scope = Scope {
        session_id: param("session_id"),
    };
    vec![
        Rendered::new(
            "COUNT_USER_MESSAGES_SINCE",
            "`countMessagesSince`: the session's messages of a role since an instant, as `n`.",
            count_user_messages_since(&scope, &param("role"), &param("since")),
        ),
        Rendered::new(
            "COUNT_SESSION_MESSAGES",
            "`erase`, first of its batch: the session's messages, as `n`.",
            count_session_messages(&scope),
        ),
        Rendered::new(
            "DELETE_SESSION_CONVERSATIONS",
            "`erase`, second of its batch: delete the session's conversations.",
            delete_session_conversations(&scope),
        ),
        Rendered::new(
            "DELETE_SESSION",
            "`erase`, last of its batch: delete the session.",
            delete_session(&scope),
        ),
        Rendered::new(
            "PURGE_INACTIVE_SESSIONS",
            "`purgeInactiveSessions`: delete the oldest inactive sessions.",
            purge_inactive_sessions(&param("before")),
        ),
    ]
}

/// `COUNT(*) AS n` over the session's messages (joined through its conversations), filtered by
/// `extra`. Served by `idx_conv_session_updated`, then `idx_msg_conversation`.
fn count_messages(scope: &Scope) -> sea_query::SelectStatement {
    Query::select()
        .expr_as(Func::count(Expr::cust("*")), Alias::new("n"))
        .from(M::Table)
        .inner_join(
            C::Table,
            Expr::col((C::Table, C::Id)).equals((M::Table, M::ConversationId)),
        )
        .and_where(Expr::col((C::Table, C::SessionId)).eq(scope.session_id.as_str()))
        .to_owned()
}

/// How many messages of `role` the session wrote at or after `since`.
pub fn count_user_messages_since(scope: &Scope, role: &str, since: &str) -> Built {
    let select = count_messages(scope)
        .and_where(Expr::col((M::Table, M::Role)).eq(role))
        .and_where(Expr::col((M::Table, M::CreatedAt)).gte(since))
        .to_owned();
    Built::from(&select)
}

/// How many messages the session has.
pub fn count_session_messages(scope: &Scope) -> Built {
    Built::from(&count_messages(scope))
}

/// Deletes the session's conversations; returns their ids.
pub fn delete_session_conversations(scope: &Scope) -> Built {
    let delete = Query::delete()
        .from_table(C::Table)
        .and_where(Expr::col(C::SessionId).eq(scope.session_id.as_str()))
        .returning(Query::returning().column(C::Id))
        .to_owned();
    Built::from(&delete)
}

/// Deletes the session row.
pub fn delete_session(scope: &Scope) -> Built {
    let delete = Query::delete()
        .from_table(S::Table)
        .and_where(Expr::col(S::Id).eq(scope.session_id.as_str()))
        .to_owned();
    Built::from(&delete)
}

/// Deletes the `limit` least recently active sessions inactive since before `before`, by rowid
/// from a subquery served by `idx_session_activity`; returns their ids.
pub fn purge_inactive_sessions(before: &str) -> Built {
    let oldest = Query::select()
        .column(RowId)
        .from(S::Table)
        .and_where(Expr::col(S::LastActivity).lt(before))
        .order_by(S::LastActivity, Order::Asc)
        .limit(LIMIT)
        .to_owned();
    let delete = Query::delete()
        .from_table(S::Table)
        .and_where(Expr::col(RowId).in_subquery(oldest))
        .returning(Query::returning().column(S::Id))
        .to_owned();
    Built::from(&delete)
}
