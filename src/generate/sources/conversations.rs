//! The sea-query source of the drop-in conversation methods' SQL.

use sea_query::{Expr, ExprTrait, Order, Query};

use crate::core::schema::{
    Conversations as C, Messages as M, RowId, CONVERSATIONS, MESSAGE_CONTRACT,
};
use crate::generate::sql::{insert_into, param, Built, Rendered, LIMIT};

/// This capability's statements, for `core/sql.rs`.
pub fn rendered() -> Vec<Rendered> {
    let [by_id, messages] = get_conversation_with_messages(&param("id"));
    vec![
        Rendered::new(
            "CREATE_CONVERSATION",
            "`createConversation`: insert the conversation.",
            create_conversation(),
        ),
        Rendered::new(
            "LIST_CONVERSATIONS",
            "`listConversations`.",
            list_conversations(&param("session_id")),
        ),
        Rendered::new(
            "CONVERSATION_BY_ID",
            "`getConversationWithMessages`, first of its batch: the conversation.",
            by_id,
        ),
        Rendered::new(
            "MESSAGES_OF_CONVERSATION",
            "`getConversationWithMessages`, second of its batch: its messages in order.",
            messages,
        ),
    ]
}

/// Inserts a conversation. The caller already knows every column, so nothing is returned.
pub fn create_conversation() -> Built {
    let mut insert = insert_into(C::Table, CONVERSATIONS.idens());
    insert
        .values(CONVERSATIONS.names().map(|column| param(column).into()))
        .expect("one value per column");
    Built::from(&insert)
}

/// A session's conversations, most recently updated first, at most `limit`. Served by
/// `idx_conv_session_updated` in index order: no scan, no sort.
pub fn list_conversations(session_id: &str) -> Built {
    let select = Query::select()
        .columns(CONVERSATIONS.idens())
        .from(C::Table)
        .and_where(Expr::col(C::SessionId).eq(session_id))
        .order_by(C::UpdatedAt, Order::Desc)
        .limit(LIMIT)
        .to_owned();
    Built::from(&select)
}

/// A conversation and its messages, as a batch of two reads (one round trip, one consistent
/// snapshot). Messages come oldest first; rows written in the same millisecond keep insertion
/// order through the rowid, which `idx_msg_conversation` already carries, so no sort is needed.
pub fn get_conversation_with_messages(id: &str) -> [Built; 2] {
    let conversation = Query::select()
        .columns(CONVERSATIONS.idens())
        .from(C::Table)
        .and_where(Expr::col(C::Id).eq(id))
        .to_owned();
    let messages = Query::select()
        .columns(MESSAGE_CONTRACT.idens())
        .from(M::Table)
        .and_where(Expr::col(M::ConversationId).eq(id))
        .order_by(M::CreatedAt, Order::Asc)
        .order_by(RowId, Order::Asc)
        .to_owned();
    [Built::from(&conversation), Built::from(&messages)]
}
