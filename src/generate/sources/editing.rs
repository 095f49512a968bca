//! The sea-query source of the editing statements' SQL, used at build time only: `cargo run
//! --example generate` renders it into `src/core/sql.rs`.

use sea_query::{Expr, ExprTrait, Query, SelectStatement};

use crate::core::chat::Scope;
use crate::core::schema::{Conversations as C, Messages as M, CONVERSATIONS};
use crate::generate::sql::{param, Built, Rendered};

/// This capability's statements, for `core/sql.rs`.
pub fn rendered() -> Vec<Rendered> {
    let scope = Scope {
        session_id: param("session_id"),
    };
    vec![
        Rendered::new(
            "RENAME_CONVERSATION",
            "`renameConversation`: set the title of a conversation of the session.",
            rename_conversation(&scope, &param("id"), &param("title")),
        ),
        Rendered::new(
            "DELETE_CONVERSATION",
            "`deleteConversation`: delete a conversation of the session.",
            delete_conversation(&scope, &param("id")),
        ),
        Rendered::new(
            "OWNED_MESSAGE",
            "`deleteMessagesAfter`, first of its batch: the message, in a conversation of the session.",
            owned_message(&scope, &param("conversation_id"), &param("message_id")),
        ),
    ]
}

/// `SELECT ... FROM conversations WHERE id = ? AND session_id = ?`, its columns left to the
/// caller: the conversation `id` when it is the session's.
pub fn session_conversation(scope: &Scope, id: &str) -> SelectStatement {
    Query::select()
        .from(C::Table)
        .and_where(Expr::col(C::Id).eq(id))
        .and_where(Expr::col(C::SessionId).eq(scope.session_id.as_str()))
        .to_owned()
}

/// `EXISTS (SELECT 1 FROM conversations WHERE id = ? AND session_id = ?)`: the conversation is the
/// session's.
pub fn owned(scope: &Scope, conversation_id: &str) -> Expr {
    Expr::exists(
        session_conversation(scope, conversation_id)
            .expr(Expr::cust("1"))
            .to_owned(),
    )
}

/// `SELECT ... FROM messages WHERE id = ? AND conversation_id = ?`, its columns left to the
/// caller: the message `message_id` of the conversation.
pub fn conversation_message(conversation_id: &str, message_id: &str) -> SelectStatement {
    Query::select()
        .from(M::Table)
        .and_where(Expr::col(M::Id).eq(message_id))
        .and_where(Expr::col(M::ConversationId).eq(conversation_id))
        .to_owned()
}

/// Sets the title of a conversation of the session; returns it. `updated_at` is untouched.
pub fn rename_conversation(scope: &Scope, id: &str, title: &str) -> Built {
    let update = Query::update()
        .table(C::Table)
        .value(C::Title, title)
        .and_where(Expr::col(C::Id).eq(id))
        .and_where(Expr::col(C::SessionId).eq(scope.session_id.as_str()))
        .returning(Query::returning().columns(CONVERSATIONS.idens()))
        .to_owned();
    Built::from(&update)
}

/// Deletes a conversation of the session, its messages by the foreign key's cascade; returns its
/// id, so that nothing deleted reads as `false`.
pub fn delete_conversation(scope: &Scope, id: &str) -> Built {
    let delete = Query::delete()
        .from_table(C::Table)
        .and_where(Expr::col(C::Id).eq(id))
        .and_where(Expr::col(C::SessionId).eq(scope.session_id.as_str()))
        .returning(Query::returning().column(C::Id))
        .to_owned();
    Built::from(&delete)
}

/// The message when it is in a conversation of the session.
pub fn owned_message(scope: &Scope, conversation_id: &str, message_id: &str) -> Built {
    let select = conversation_message(conversation_id, message_id)
        .column(M::Id)
        .and_where(owned(scope, conversation_id))
        .to_owned();
    Built::from(&select)
}
