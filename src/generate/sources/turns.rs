//! The sea-query source of the turns' SQL, used at build time only: `cargo run --example
//! generate` renders it into `src/core/sql.rs`.

use sea_query::{Expr, ExprTrait, Order, Query};

use crate::core::chat::Scope;
use crate::core::model::{Message, MessageRole};
use crate::core::schema::{Conversations as C, Messages as M, RowId, CONVERSATIONS, MESSAGES};
use crate::generate::sources::editing::{owned, session_conversation};
use crate::generate::sql::{greater_of, insert_into, param, Built, Rendered, LIMIT};

/// This capability's statements, for `core/sql.rs`.
pub fn rendered() -> Vec<Rendered> {
    let scope = Scope {
        session_id: param("session_id"),
    };
    let message = Message {
        id: param("id"),
        conversation_id: param("conversation_id"),
        role: MessageRole::User,
        content: param("content"),
        created_at: param("created_at"),
    };
    vec![
        Rendered::new(
            "INSERT_OWNED_MESSAGE",
            "`startTurn`, `addMessage`: insert a message into a conversation of the session, or nothing.",
            insert_owned_message(&scope, &message, &param("metadata")),
        ),
        Rendered::new(
            "TOUCH_OWNED_CONVERSATION",
            "`startTurn`, `addMessage`: move a conversation of the session's `updated_at` forward.",
            touch_owned_conversation(&scope, &param("conversation_id"), &param("at")),
        ),
        Rendered::new(
            "RECENT_MESSAGES",
            "`startTurn`: the newest messages of a conversation of the session, newest first.",
            recent_messages(&scope, &param("conversation_id")),
        ),
    ]
}

/// `INSERT INTO messages (...) SELECT ?, id, ?, ?, ? FROM conversations WHERE id = ? AND
/// session_id = ? RETURNING ...`: the conversation's own row supplies `conversation_id`, so
/// nothing is inserted unless it is the session's.
pub fn insert_owned_message(scope: &Scope, message: &Message, metadata: &str) -> Built {
    let owned = session_conversation(scope, &message.conversation_id)
        .expr(Expr::val(message.id.as_str()))
        .column(C::Id)
        .expr(Expr::val(param("role")))
        .expr(Expr::val(message.content.as_str()))
        .expr(Expr::val(message.created_at.as_str()))
        .expr(Expr::val(metadata))
        .to_owned();
    let mut insert = insert_into(M::Table, MESSAGES.idens());
    insert
        .select_from(owned)
        .expect("one selected value per column")
        .returning(Query::returning().columns(MESSAGES.idens()));
    Built::from(&insert)
}

/// Moves `updated_at` forward, never backwards, on a conversation of the session; returns it.
pub fn touch_owned_conversation(scope: &Scope, conversation_id: &str, at: &str) -> Built {
    let touch = Query::update()
        .table(C::Table)
        .value(
            C::UpdatedAt,
            greater_of(Expr::col(C::UpdatedAt), Expr::val(at)),
        )
        .and_where(Expr::col(C::Id).eq(conversation_id))
        .and_where(Expr::col(C::SessionId).eq(scope.session_id.as_str()))
        .returning(Query::returning().columns(CONVERSATIONS.idens()))
        .to_owned();
    Built::from(&touch)
}

/// The newest messages of a conversation, newest first, read only when the conversation is
/// the session's. Served by `idx_msg_conversation` walked backwards: no sort.
pub fn recent_messages(scope: &Scope, conversation_id: &str) -> Built {
    let select = Query::select()
        .columns(MESSAGES.idens())
        .from(M::Table)
        .and_where(Expr::col(M::ConversationId).eq(conversation_id))
        .and_where(owned(scope, conversation_id))
        .order_by(M::CreatedAt, Order::Desc)
        .order_by(RowId, Order::Desc)
        .limit(LIMIT)
        .to_owned();
    Built::from(&select)
}
