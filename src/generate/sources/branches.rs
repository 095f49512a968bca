//! The sea-query source of the reads along a branch, used at build time only: `history`,
//! `getConversation`'s pages and the message a write answers with, each a walk up from a leaf
//! (`walk::walk_up`), bounded by the page.

use sea_query::{CaseStatement, Expr, ExprTrait, Func, Order, Query};

use crate::core::chat::Scope;
use crate::core::schema::{Conversations as C, Messages as M, RowId};
use crate::generate::sources::editing::owned;
use crate::generate::sources::walk::{alias, column, scalar, start_at, walk_up};
use crate::generate::sources::walked::walked_messages;
use crate::generate::sql::{param, Built, Rendered, LIMIT};

/// This capability's statements, for `core/sql.rs`.
pub fn rendered() -> Vec<Rendered> {
    let scope = Scope {
        session_id: param("session_id"),
    };
    vec![Rendered::new(
        "BRANCH",
        "`startTurn`'s history, `addMessage`'s answer, `getConversation`'s pages: the newest `limit` messages of a branch, newest first: the active one, the one ending at `leaf_id`, or above the cursor's message `before_id` (stamped `instant`).",
        branch(&scope),
    )]
}

/// `messages.conversation_id = :conversation_id AND` the conversation is the session's.
fn in_owned_conversation(scope: &Scope, table: &str) -> Expr {
    column(table, M::ConversationId)
        .eq(param("conversation_id"))
        .and(owned(scope, &param("conversation_id")))
}

/// The rowid of the newest message of the conversation `conversation_id`, in its linear order,
/// whose `created_at` satisfies `instant` (or any).
pub fn newest(instant: Option<Expr>) -> Expr {
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

/// The newest `limit` messages of a branch of a conversation of the session, newest first, walked
/// up from where it starts:
/// - with a cursor (`before_id` not NULL), above the cursor's message (the walk starts there at
///   depth 0 and leaves it out); once that is deleted, from the newest message older than the
///   cursor's `instant`, as Part 1's pages went on from the older instants;
/// - else from `leaf_id`, when given;
/// - else from the active leaf.
///
/// One statement for the three: its text is the larger part of the walk's bytes in the wasm.
pub fn branch(scope: &Scope) -> Built {
    let by_id = |table: &str, id: &str| {
        scalar(
            Query::select()
                .expr(column(table, RowId))
                .from_as(M::Table, alias(table))
                .and_where(column(table, M::Id).eq(param(id)))
                .and_where(column(table, M::ConversationId).eq(param("conversation_id")))
                .to_owned(),
        )
    };
    let older = newest(Some(column("l", M::CreatedAt).lt(param("instant"))));
    let start: Expr = CaseStatement::new()
        .case(
            Expr::val(param("before_id")).is_not_null(),
            Func::coalesce([by_id("k", "before_id"), older]),
        )
        .case(
            Expr::val(param("leaf_id")).is_not_null(),
            by_id("k", "leaf_id"),
        )
        .finally(active_leaf())
        .into();
    let depth: Expr = CaseStatement::new()
        .case(column("m", M::Id).eq(param("before_id")), Expr::val(0))
        .finally(Expr::val(1))
        .into();
    let start = start_at(
        column("m", RowId)
            .eq(start)
            .and(in_owned_conversation(scope, "m")),
        depth,
    );
    let (select, with) = walked_messages(walk_up(start, Expr::val(LIMIT)), 1);
    Built::from(&select.with(with))
}
