//! The sea-query source of the pages' SQL, used at build time only: `cargo run --example
//! generate` renders it into `src/core/sql.rs`.

use sea_query::{Expr, ExprTrait, Order, Query, SelectStatement};

use crate::core::chat::Scope;
use crate::core::editing::source::owned;
use crate::core::schema::{Conversations as C, Messages as M, RowId, CONVERSATIONS, MESSAGES};
use crate::generate::sql::{Built, Rendered};

/// This capability's statements, for `core/sql.rs`.
pub fn rendered() -> Vec<Rendered> {
    let scope = Scope {
        session_id: "session".into(),
    };
    vec![
        Rendered::new(
            "CONVERSATIONS_PAGE",
            "`listConversations`, first page. Parameters: session_id, limit.",
            conversations_page(&scope, None, 21),
        ),
        Rendered::new(
            "CONVERSATIONS_PAGE_AFTER",
            "`listConversations`, the page after a conversation. Parameters: session_id, then (id, session_id) three times, limit.",
            conversations_page(&scope, Some("after"), 21),
        ),
        Rendered::new(
            "CONVERSATION_OF_SESSION",
            "`getConversation`, first of its batch: a conversation of the session. Parameters: id, session_id.",
            conversation_of_session(&scope, "id"),
        ),
        Rendered::new(
            "MESSAGES_PAGE_BEFORE",
            "`getConversation`, second of its batch: the messages before one, newest first. Parameters: conversation_id, conversation_id, session_id, before, conversation_id, limit.",
            messages_before(&scope, "conversation", "before", 51),
        ),
    ]
}

/// `(SELECT column FROM conversations WHERE id = ? AND session_id = ?)`: a value of the cursor's
/// conversation, looked up by id.
fn of_conversation(scope: &Scope, id: &str, column: impl sea_query::IntoColumnRef) -> Expr {
    let select: SelectStatement = Query::select()
        .column(column)
        .from(C::Table)
        .and_where(Expr::col(C::Id).eq(id))
        .and_where(Expr::col(C::SessionId).eq(scope.session_id.as_str()))
        .to_owned();
    Expr::SubQuery(None, Box::new(select.into()))
}

/// The session's conversations in `idx_conv_session_updated`'s own order (`updated_at`
/// descending, then rowid), from the start or after the conversation `after`: the first bound
/// `updated_at <= ...` lets the index seek to the page instead of walking to it.
pub fn conversations_page(scope: &Scope, after: Option<&str>, limit: u64) -> Built {
    let mut select = Query::select()
        .columns(CONVERSATIONS.idens())
        .from(C::Table)
        .and_where(Expr::col(C::SessionId).eq(scope.session_id.as_str()))
        .to_owned();
    if let Some(id) = after {
        select
            .and_where(Expr::col(C::UpdatedAt).lte(of_conversation(scope, id, C::UpdatedAt)))
            .and_where(
                Expr::col(C::UpdatedAt)
                    .lt(of_conversation(scope, id, C::UpdatedAt))
                    .or(Expr::col(RowId).gt(of_conversation(scope, id, RowId))),
            );
    }
    select
        .order_by(C::UpdatedAt, Order::Desc)
        .order_by(RowId, Order::Asc)
        .limit(limit);
    Built::from(&select)
}

/// A conversation of the session.
pub fn conversation_of_session(scope: &Scope, id: &str) -> Built {
    let select = Query::select()
        .columns(CONVERSATIONS.idens())
        .from(C::Table)
        .and_where(Expr::col(C::Id).eq(id))
        .and_where(Expr::col(C::SessionId).eq(scope.session_id.as_str()))
        .to_owned();
    Built::from(&select)
}

/// The newest messages older than the message `before`, newest first, when the conversation is the
/// session's: a row-value range on `idx_msg_conversation` walked backwards.
pub fn messages_before(scope: &Scope, conversation_id: &str, before: &str, limit: u64) -> Built {
    let position: SelectStatement = Query::select()
        .column(M::CreatedAt)
        .column(RowId)
        .from(M::Table)
        .and_where(Expr::col(M::Id).eq(before))
        .and_where(Expr::col(M::ConversationId).eq(conversation_id))
        .to_owned();
    let older = Expr::tuple([Expr::col(M::CreatedAt), Expr::col(RowId)])
        .lt(Expr::SubQuery(None, Box::new(position.into())));
    let select = Query::select()
        .columns(MESSAGES.idens())
        .from(M::Table)
        .and_where(Expr::col(M::ConversationId).eq(conversation_id))
        .and_where(owned(scope, conversation_id))
        .and_where(older)
        .order_by(M::CreatedAt, Order::Desc)
        .order_by(RowId, Order::Desc)
        .limit(limit)
        .to_owned();
    Built::from(&select)
}
