//! The sea-query source of the turns' SQL, used at build time only: `cargo run --example
//! generate` renders it into `src/core/sql.rs`.

use sea_query::{Expr, ExprTrait, Iden, InsertStatement, Order, Query};

use crate::core::chat::Scope;
use crate::core::schema::{Conversations as C, Messages as M, RowId, CONVERSATIONS, MESSAGES};
use crate::generate::sources::editing::{owned, session_conversation};
use crate::generate::sql::{greater_of, insert_into, param, Built, Rendered, LIMIT};

/// This capability's statements, for `core/sql.rs`.
pub fn rendered() -> Vec<Rendered> {
    let scope = Scope {
        session_id: param("session_id"),
    };
    vec![
        Rendered::new(
            "INSERT_OWNED_MESSAGE",
            "`startTurn`, `addMessage`: insert a message into a conversation of the session, or nothing.",
            insert_owned_message(&scope),
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

/// `INSERT INTO messages (...) SELECT ?, id, ?, ... FROM conversations WHERE id = ? AND
/// session_id = ? RETURNING ...`: the conversation's own row supplies `conversation_id`, so
/// nothing is inserted unless it is the session's. Every other column is the parameter of its name.
pub fn insert_owned_message(scope: &Scope) -> Built {
    let insert = owned_insert(scope)
        .returning(Query::returning().columns(MESSAGES.idens()))
        .to_owned();
    Built::from(&insert)
}

/// `INSERT INTO messages (...) SELECT ... FROM conversations WHERE id = ? AND session_id = ?`,
/// every column the parameter of its name but `conversation_id`, the conversation's own.
pub fn owned_insert(scope: &Scope) -> InsertStatement {
    let mut owned = session_conversation(scope, &param("conversation_id"));
    for column in MESSAGES.idens() {
        match column {
            M::ConversationId => owned.column(C::Id),
            other => owned.expr(Expr::val(param(other.unquoted()))),
        };
    }
    let mut insert = insert_into(M::Table, MESSAGES.idens());
    insert
        .select_from(owned)
        .expect("one selected value per column");
    insert
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
