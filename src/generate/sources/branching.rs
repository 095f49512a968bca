//! The sea-query source of the writes that move between branches, used at build time only:
//! `selectBranch`, `deleteMessagesAfter` over every branch below a message, `forkConversation`.

use sea_query::{
    CaseStatement, CommonTableExpression, Expr, ExprTrait, JoinType, Order, Query, SelectStatement,
    UnionType, WithClause,
};

use crate::core::chat::Scope;
use crate::core::schema::{Conversations as C, Messages as M, RowId, CONVERSATIONS, MESSAGES};
use crate::generate::sources::branches::newest;
use crate::generate::sources::editing::{owned, session_conversation};
use crate::generate::sources::walk::{
    alias, column, linear_neighbour, scalar, start_at, walk_up, Path, Toward,
};
use crate::generate::sql::{param, Built, Rendered, LIMIT};

/// This capability's statements, for `core/sql.rs`.
pub fn rendered() -> Vec<Rendered> {
    let scope = Scope {
        session_id: param("session_id"),
    };
    vec![
        Rendered::new(
            "SELECT_BRANCH",
            "`selectBranch`: make the newest leaf under a message of a conversation of the session its active leaf.",
            select_branch(&scope),
        ),
        Rendered::new(
            "DELETE_BELOW",
            "`deleteMessagesAfter`, second of its batch: delete a message's descendants, every branch.",
            delete_below(&scope),
        ),
        Rendered::new(
            "LEAF_AT",
            "`deleteMessagesAfter`, last of its batch: the message becomes the active leaf.",
            leaf_at(&scope),
        ),
        Rendered::new(
            "FORK_CONVERSATION",
            "`forkConversation`, first of its batch: the new conversation, when the message is in a conversation of the session.",
            fork_conversation(&scope),
        ),
        Rendered::new(
            "FORK_MESSAGES",
            "`forkConversation`, second of its batch: copy the path from the root to the message into the new conversation, fresh ids.",
            fork_messages(&scope),
        ),
        Rendered::new(
            "COUNT_CONVERSATION_MESSAGES",
            "`forkConversation`, last of its batch: how many messages the new conversation holds.",
            count_conversation_messages(&scope),
        ),
    ]
}

/// The descendants' table, `below (r)`.
#[derive(sea_query::Iden, Clone, Copy)]
enum Below {
    Table,
    R,
}

/// `message_id`, when it is in the conversation `conversation_id` of the session.
fn owned_message(scope: &Scope, table: &str) -> Expr {
    column(table, M::Id)
        .eq(param("message_id"))
        .and(column(table, M::ConversationId).eq(param("conversation_id")))
        .and(owned(scope, &param("conversation_id")))
}

/// `WITH RECURSIVE below (r)`: the message `message_id` and its descendants, every branch: the
/// children that name a message, and the message after it when that one's `parent_id` is NULL.
/// `UNION` (not `ALL`) so that nothing is visited twice.
fn below(scope: &Scope) -> WithClause {
    let mut start = Query::select()
        .expr(column("m", RowId))
        .from_as(M::Table, alias("m"))
        .and_where(owned_message(scope, "m"))
        .to_owned();
    let step = |child: Expr| {
        Query::select()
            .expr(column("c", RowId))
            .from(Below::Table)
            .join_as(
                JoinType::InnerJoin,
                M::Table,
                alias("p"),
                column("p", RowId).equals((Below::Table, Below::R)),
            )
            .join_as(JoinType::InnerJoin, M::Table, alias("c"), child)
            .to_owned()
    };
    let named = step(
        column("c", M::ConversationId)
            .equals((alias("p"), M::ConversationId))
            .and(column("c", M::ParentId).equals((alias("p"), M::Id))),
    );
    let following = step(
        column("c", RowId)
            .eq(linear_neighbour("p", Toward::Next, |n| column(n, RowId)))
            .and(column("c", M::ParentId).is_null()),
    );
    let query = start
        .union(UnionType::Distinct, named)
        .union(UnionType::Distinct, following)
        .to_owned();
    let cte = CommonTableExpression::new()
        .query(query)
        .column(Below::R)
        .table_name(Below::Table)
        .to_owned();
    WithClause::new().recursive(true).cte(cte).to_owned()
}

/// `active_leaf_id` for a leaf `leaf` selects (`d`: its rowid and id): NULL when it is the newest
/// message, which NULL stands for (so a message the drop-in API, which cannot set the leaf, adds
/// after it, stamped later, extends this branch), else its id.
fn leaf_value(mut leaf: SelectStatement) -> Expr {
    let rowid = leaf.clone().expr(column("d", RowId)).to_owned();
    let id = leaf.expr(column("d", M::Id)).to_owned();
    CaseStatement::new()
        .case(scalar(rowid).eq(newest(None)), Expr::null())
        .finally(scalar(id))
        .into()
}

/// The conversation `conversation_id` of the session, updated with `value`, returned.
fn set_leaf(scope: &Scope, value: Expr, also: Expr) -> sea_query::UpdateStatement {
    Query::update()
        .table(C::Table)
        .value(C::ActiveLeafId, value)
        .and_where(Expr::col(C::Id).eq(param("conversation_id")))
        .and_where(Expr::col(C::SessionId).eq(scope.session_id.as_str()))
        .and_where(also)
        .returning(Query::returning().columns(CONVERSATIONS.idens()))
        .to_owned()
}

/// The newest leaf under `message_id` (its newest descendant: a child comes after its parent, so
/// the newest has none) becomes the active leaf; returns the conversation, or nothing when the
/// message is not in a conversation of the session.
pub fn select_branch(scope: &Scope) -> Built {
    let newest_below = Query::select()
        .from(Below::Table)
        .join_as(
            JoinType::InnerJoin,
            M::Table,
            alias("d"),
            column("d", RowId).equals((Below::Table, Below::R)),
        )
        .order_by((alias("d"), M::CreatedAt), Order::Desc)
        .order_by((alias("d"), RowId), Order::Desc)
        .limit(1)
        .to_owned();
    let exists = Expr::exists(
        Query::select()
            .expr(Expr::cust("1"))
            .from_as(M::Table, alias("m"))
            .and_where(owned_message(scope, "m"))
            .to_owned(),
    );
    let update = set_leaf(scope, leaf_value(newest_below), exists);
    Built::from(&update.with(below(scope)))
}

/// Deletes the descendants of `message_id` (not the message), every branch, when it is in a
/// conversation of the session; returns their ids.
pub fn delete_below(scope: &Scope) -> Built {
    let descendants = Query::select()
        .column(Below::R)
        .from(Below::Table)
        .to_owned();
    let delete = Query::delete()
        .from_table(M::Table)
        .and_where(Expr::col(RowId).in_subquery(descendants))
        .and_where(Expr::col(M::Id).ne(param("message_id")))
        .returning(Query::returning().column(M::Id))
        .to_owned();
    Built::from(&delete.with(below(scope)))
}

/// `message_id` becomes the active leaf of its conversation of the session (NULL when it is now the
/// newest message); nothing is written when it is not a message of it.
pub fn leaf_at(scope: &Scope) -> Built {
    let leaf = || {
        Query::select()
            .from_as(M::Table, alias("d"))
            .and_where(owned_message(scope, "d"))
            .to_owned()
    };
    let exists = Expr::exists(leaf().expr(Expr::cust("1")).to_owned());
    let update = set_leaf(scope, leaf_value(leaf()), exists);
    Built::from(&update)
}

/// Inserts the conversation `new_id` into the session, titled `title` (or the source's when
/// `keep_title` is 1), when `message_id` is in the source conversation of the session; returns it.
pub fn fork_conversation(scope: &Scope) -> Built {
    let title: Expr = CaseStatement::new()
        .case(
            Expr::val(param("keep_title")).eq(1),
            Expr::col((C::Table, C::Title)),
        )
        .finally(Expr::val(param("title")))
        .into();
    let message = Query::select()
        .expr(Expr::cust("1"))
        .from_as(M::Table, alias("m"))
        .and_where(column("m", M::Id).eq(param("message_id")))
        .and_where(column("m", M::ConversationId).eq(param("conversation_id")))
        .to_owned();
    let source = session_conversation(scope, &param("conversation_id"))
        .expr(Expr::val(param("new_id")))
        .column((C::Table, C::SessionId))
        .expr(title)
        .expr(Expr::val(param("now")))
        .expr(Expr::val(param("now")))
        .and_where(Expr::exists(message))
        .to_owned();
    let insert = Query::insert()
        .into_table(C::Table)
        .columns(CONVERSATIONS.idens())
        .select_from(source)
        .expect("one selected value per column")
        .returning(Query::returning().columns(CONVERSATIONS.idens()))
        .to_owned();
    Built::from(&insert)
}

/// A fresh version 4 UUID, made by SQLite for each copied row.
fn fresh_uuid() -> Expr {
    Expr::cust(
        "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))",
    )
}

/// Copies the path from the root to `message_id` into `new_id`, root first, with fresh ids and
/// `parent_id` NULL (so the copy is a linear conversation: each message follows the one before),
/// when both conversations are the session's.
pub fn fork_messages(scope: &Scope) -> Built {
    let start = start_at(owned_message(scope, "m"), Expr::val(1));
    let mut copy = Query::select();
    for iden in MESSAGES.idens() {
        match iden {
            M::Id => copy.expr(fresh_uuid()),
            M::ConversationId => copy.expr(Expr::val(param("new_id"))),
            M::ParentId => copy.expr(Expr::null()),
            // A reply still streaming is copied as it stands, stopped: nothing will finish the copy.
            M::Status => copy.expr(
                CaseStatement::new()
                    .case(column("m", M::Status).eq("streaming"), Expr::val("stopped"))
                    .finally(column("m", M::Status)),
            ),
            M::UpdatedAt => copy.expr(Expr::null()),
            other => copy.expr(column("m", other)),
        };
    }
    copy.from(Path::Table)
        .join_as(
            JoinType::InnerJoin,
            M::Table,
            alias("m"),
            column("m", RowId).equals((Path::Table, Path::R)),
        )
        .and_where(owned(scope, &param("new_id")))
        .order_by((Path::Table, Path::Depth), Order::Desc);
    let insert = Query::insert()
        .into_table(M::Table)
        .columns(MESSAGES.idens())
        .select_from(copy)
        .expect("one selected value per column")
        .to_owned();
    Built::from(&insert.with(walk_up(start, Expr::val(LIMIT))))
}

/// How many messages the conversation `new_id` of the session holds, as `messages`.
pub fn count_conversation_messages(scope: &Scope) -> Built {
    let select = Query::select()
        .expr_as(Expr::cust("count(*)"), alias("messages"))
        .from(M::Table)
        .and_where(Expr::col(M::ConversationId).eq(param("new_id")))
        .and_where(owned(scope, &param("new_id")))
        .to_owned();
    Built::from(&select)
}
