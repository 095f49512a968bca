//! The sea-query source of the replies in flight, used at build time only: `updateReply`'s
//! checkpoint and `finishReply`, each writing a reply only while it is `streaming`.

use sea_query::{Expr, ExprTrait, Func, Query};

use crate::core::chat::Scope;
use crate::core::schema::Messages as M;
use crate::generate::sources::editing::{conversation_message, owned};
use crate::generate::sql::{param, Built, Rendered};

/// This capability's statements, for `core/sql.rs`.
pub fn rendered() -> Vec<Rendered> {
    let scope = Scope {
        session_id: param("session_id"),
    };
    vec![
        Rendered::new(
            "REPLY_STATE",
            "`updateReply`, `finishReply`, first of their batch: the reply's stored status, when it is in a conversation of the session.",
            reply_state(&scope),
        ),
        Rendered::new(
            "WRITE_REPLY",
            "`updateReply`, `finishReply`: the reply's body, metadata (kept when NULL), status and time, only while it is `streaming`.",
            write_reply(&scope),
        ),
    ]
}

/// The reply `reply_id` of the conversation, when the conversation is the session's.
fn reply(scope: &Scope) -> Expr {
    Expr::col(M::Id)
        .eq(param("reply_id"))
        .and(Expr::col(M::ConversationId).eq(param("conversation_id")))
        .and(owned(scope, &param("conversation_id")))
}

/// `SELECT status FROM messages WHERE id = ? AND conversation_id = ? AND` owned: nothing when there
/// is no such reply, its status (NULL for a message not written through a reservation) otherwise.
pub fn reply_state(scope: &Scope) -> Built {
    let select = conversation_message(&param("conversation_id"), &param("reply_id"))
        .column(M::Status)
        .and_where(owned(scope, &param("conversation_id")))
        .to_owned();
    Built::from(&select)
}

/// Writes the reply's content, parts, metadata (the stored one when `metadata` is NULL), status
/// and `updated_at`, only while its status is `streaming`: a finished reply is never changed here.
/// Returns its id, so nothing written reads as a refusal.
pub fn write_reply(scope: &Scope) -> Built {
    let update = Query::update()
        .table(M::Table)
        .value(M::Content, param("content"))
        .value(M::Parts, param("parts"))
        .value(
            M::Metadata,
            Func::coalesce([Expr::val(param("metadata")), Expr::col(M::Metadata)]),
        )
        .value(M::Status, param("status"))
        .value(M::UpdatedAt, param("now"))
        .and_where(reply(scope))
        .and_where(Expr::col(M::Status).eq("streaming"))
        .returning(Query::returning().column(M::Id))
        .to_owned();
    Built::from(&update)
}
