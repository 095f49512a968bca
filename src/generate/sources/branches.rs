//! The sea-query source of the reads along a branch, used at build time only: `history`,
//! `getConversation`'s pages and the message a write answers with, each a walk up from a leaf
//! (`walk::walk_up`), bounded by the page.

use sea_query::{Expr, ExprTrait, Func, Order, Query};

use crate::core::chat::Scope;
use crate::core::schema::{Conversations as C, Messages as M, RowId};
use crate::generate::sources::editing::owned;
use crate::generate::sources::walk::{alias, column, scalar, start_at, walk_up, walked_messages};
use crate::generate::sql::{param, Built, Rendered, LIMIT};

/// This capability's statements, for `core/sql.rs`.
pub fn rendered() -> Vec<Rendered> {
    let scope = Scope {
        session_id: param("session_id"),
    };
    vec![
        Rendered::new(
            "ACTIVE_BRANCH",
            "`getConversation`, first page: the newest messages of the conversation's active branch, newest first.",
            active_branch(&scope),
        ),
        Rendered::new(
            "BRANCH_TO",
            "`startTurn`'s history, `addMessage`'s answer, `getConversation({ leafId })`: the messages up from `leaf_id`, newest first.",
            branch_to(&scope),
        ),
        Rendered::new(
            "BRANCH_BEFORE",
            "`getConversation`, a later page: the messages above the cursor's (or, once that is deleted, above the newest older than its instant), newest first.",
            branch_before(&scope),
        ),
    ]
}

/// `messages.conversation_id = :conversation_id AND` the conversation is the session's.
fn in_owned_conversation(scope: &Scope, table: &str) -> Expr {
    column(table, M::ConversationId)
        .eq(param("conversation_id"))
        .and(owned(scope, &param("conversation_id")))
}

/// The rowid of the newest message of the conversation, in its linear order, whose `created_at`
/// satisfies `instant` (or any).
fn newest(instant: Option<Expr>) -> Expr {
    let mut select = Query::select()
        .expr(column("l", RowId))
        .from_as(M::Table, alias("l"))
        .and_where(column("l", M::ConversationId).eq(param("conversation_id")))
        .order_by((alias("l"), M::CreatedAt), Order::Desc)
        .order_by((alias("l"), RowId), Order::Desc)
        .limit(1)
        .to_owned();
    if let Some(instant) = instant {
        select.and_where(instant);
    }
    scalar(select)
}

/// The active leaf's rowid: the message `active_leaf_id` names, or the newest message when it is
/// NULL (or names a message no longer there).
fn active_leaf() -> Expr {
    let named = Query::select()
        .expr(column("l", RowId))
        .from_as(M::Table, alias("l"))
        .and_where(column("l", M::Id).eq(Expr::col((C::Table, C::ActiveLeafId))))
        .and_where(column("l", M::ConversationId).eq(Expr::col((C::Table, C::Id))))
        .to_owned();
    let leaf = Query::select()
        .expr(Func::coalesce([scalar(named), newest(None)]))
        .from(C::Table)
        .and_where(Expr::col((C::Table, C::Id)).eq(param("conversation_id")))
        .to_owned();
    scalar(leaf)
}

/// The newest `limit` messages of the active branch of a conversation of the session, newest first.
pub fn active_branch(scope: &Scope) -> Built {
    let start = start_at(
        column("m", RowId)
            .eq(active_leaf())
            .and(in_owned_conversation(scope, "m")),
        1,
    );
    Built::from(&walked_messages(walk_up(start, Expr::val(LIMIT)), 1))
}

/// The newest `limit` messages from `leaf_id` up, newest first, when it is a message of a
/// conversation of the session.
pub fn branch_to(scope: &Scope) -> Built {
    let start = start_at(
        column("m", M::Id)
            .eq(param("leaf_id"))
            .and(in_owned_conversation(scope, "m")),
        1,
    );
    Built::from(&walked_messages(walk_up(start, Expr::val(LIMIT)), 1))
}

/// The `limit` messages above the cursor's message `before_id` (the walk starts there at depth 0
/// and leaves it out). Once it is deleted, the walk starts at the newest message older than the
/// cursor's instant, as Part 1's pages went on from the older instants.
pub fn branch_before(scope: &Scope) -> Built {
    let cursor = || {
        Query::select()
            .expr(Expr::cust("1"))
            .from_as(M::Table, alias("k"))
            .and_where(column("k", M::Id).eq(param("before_id")))
            .and_where(column("k", M::ConversationId).eq(param("conversation_id")))
            .to_owned()
    };
    let mut at_cursor = start_at(
        column("m", M::Id)
            .eq(param("before_id"))
            .and(in_owned_conversation(scope, "m")),
        0,
    );
    let older = newest(Some(column("l", M::CreatedAt).lt(param("instant"))));
    let below_instant = start_at(
        column("m", RowId)
            .eq(older)
            .and(in_owned_conversation(scope, "m"))
            .and(Expr::exists(cursor()).not()),
        1,
    );
    let start = at_cursor
        .union(sea_query::UnionType::All, below_instant)
        .to_owned();
    Built::from(&walked_messages(walk_up(start, Expr::val(LIMIT)), 1))
}
