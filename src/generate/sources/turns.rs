//! The sea-query source of the turns' SQL, used at build time only: `cargo run --example
//! generate` renders it into `src/core/sql.rs`.

use sea_query::{CaseStatement, Expr, ExprTrait, Func, Iden, InsertStatement, Order, Query};

use crate::core::chat::Scope;
use crate::core::schema::{Conversations as C, Messages as M, RowId, CONVERSATIONS, MESSAGES};
use crate::generate::sources::editing::session_conversation;
use crate::generate::sources::walk::{alias, column, scalar};
use crate::generate::sql::{greater_of, insert_into, param, Built, Rendered};

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
/// every column the parameter of its name but three:
/// - `created_at` is no earlier than the conversation's newest message, so a new message is always
///   the newest in the linear order (a Worker whose clock runs behind cannot slip one in before
///   its parent): the parent of a message comes before it, and a NULL `active_leaf_id` (the
///   newest message) names it;
/// - `parent_id` is the parameter, or when that is NULL the active leaf (`''` in an empty
///   conversation);
/// - `conversation_id` is the conversation's own, or NULL (refused by NOT NULL, failing the whole
///   batch) when the named parent is not a message of it.
pub fn owned_insert(scope: &Scope) -> InsertStatement {
    let mut owned = session_conversation(scope, &param("conversation_id"));
    let parent = || Expr::val(param("parent_id"));
    let newest = |value: M| {
        scalar(
            Query::select()
                .column((alias("l"), value))
                .from_as(M::Table, alias("l"))
                .and_where(column("l", M::ConversationId).equals((C::Table, C::Id)))
                .order_by((alias("l"), M::CreatedAt), Order::Desc)
                .order_by((alias("l"), RowId), Order::Desc)
                .limit(1)
                .to_owned(),
        )
    };
    let parent_in_conversation = Query::select()
        .expr(Expr::cust("1"))
        .from_as(M::Table, alias("p"))
        .and_where(column("p", M::Id).eq(parent()))
        .and_where(column("p", M::ConversationId).equals((C::Table, C::Id)))
        .to_owned();
    let active_leaf = Query::select()
        .column((alias("l"), M::Id))
        .from_as(M::Table, alias("l"))
        .and_where(column("l", M::Id).equals((C::Table, C::ActiveLeafId)))
        .and_where(column("l", M::ConversationId).equals((C::Table, C::Id)))
        .to_owned();
    for column in MESSAGES.idens() {
        match column {
            M::ConversationId => owned.expr(
                CaseStatement::new()
                    .case(
                        parent()
                            .is_null()
                            .or(parent().eq(""))
                            .or(Expr::exists(parent_in_conversation.clone())),
                        Expr::col((C::Table, C::Id)),
                    )
                    .finally(Expr::null()),
            ),
            M::CreatedAt => owned.expr(greater_of(
                Expr::val(param("created_at")),
                Func::coalesce([newest(M::CreatedAt), Expr::val("")]).into(),
            )),
            M::ParentId => owned.expr(
                CaseStatement::new()
                    .case(
                        parent().is_null(),
                        Func::coalesce([scalar(active_leaf.clone()), newest(M::Id), Expr::val("")]),
                    )
                    .finally(parent()),
            ),
            other => owned.expr(Expr::val(param(other.unquoted()))),
        };
    }
    let mut insert = insert_into(M::Table, MESSAGES.idens());
    insert
        .select_from(owned)
        .expect("one selected value per column");
    insert
}

/// Moves `updated_at` forward, never backwards, on a conversation of the session, and makes the
/// message just inserted (the newest, see [`owned_insert`]) its active leaf; returns it.
pub fn touch_owned_conversation(scope: &Scope, conversation_id: &str, at: &str) -> Built {
    let touch = Query::update()
        .table(C::Table)
        .value(
            C::UpdatedAt,
            greater_of(Expr::col(C::UpdatedAt), Expr::val(at)),
        )
        .value(C::ActiveLeafId, Expr::null())
        .and_where(Expr::col(C::Id).eq(conversation_id))
        .and_where(Expr::col(C::SessionId).eq(scope.session_id.as_str()))
        .returning(Query::returning().columns(CONVERSATIONS.idens()))
        .to_owned();
    Built::from(&touch)
}
