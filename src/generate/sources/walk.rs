//! The sea-query source of the walk along a branch, used at build time only: the expressions that
//! find a message's parent and neighbours, and the recursive walk up from a leaf that `history`,
//! `getConversation`'s pages and `forkConversation` read.
//!
//! A message's parent is its `parent_id`, or, when that is NULL (every message written before
//! branching, or by the drop-in methods), the message just before it in the conversation's linear
//! order (`created_at`, then rowid): two seeks on `idx_msg_conversation`. So a conversation without
//! branches walks back exactly in the order Part 1 reads it. The chat API stamps a new message no
//! earlier than the conversation's newest (`turns::owned_insert`), so every parent comes before its
//! children in that order and no walk can meet a cycle.

use sea_query::{
    Alias, CaseStatement, CommonTableExpression, Expr, ExprTrait, Func, Iden, JoinType, Order,
    Query, SelectStatement, UnionType, WithClause,
};

use crate::core::schema::{Messages as M, RowId};

/// The walk's recursive table, `path (r, up, depth)`: a message's rowid, its parent's rowid (NULL
/// at a root) and its distance from where the walk started (the start is 1, or 0 when a page
/// starts above a cursor's message and leaves it out).
#[derive(Iden, Clone, Copy)]
pub enum Path {
    /// The table itself.
    Table,
    /// The message's rowid.
    R,
    /// Its parent's rowid, NULL at a root.
    Up,
    /// Its distance from the start.
    Depth,
}

/// A table alias: `messages` is read under several names in one statement.
pub fn alias(name: &str) -> Alias {
    Alias::new(name)
}

/// A column of `messages` read under `alias`.
pub fn column(table: &str, column: impl Iden + 'static) -> Expr {
    Expr::col((alias(table), column))
}

/// A scalar subquery.
pub fn scalar(select: SelectStatement) -> Expr {
    Expr::SubQuery(None, Box::new(select.into()))
}

/// Which way along the linear order a neighbour lies.
#[derive(Clone, Copy)]
pub enum Toward {
    /// The message just before.
    Previous,
    /// The message just after.
    Next,
}

/// `value` of the message just before or after the message `of` in its conversation's linear order
/// (`created_at`, then rowid), NULL when there is none: the same millisecond's nearest rowid first,
/// else the nearest other millisecond, each a seek on `idx_msg_conversation` (one range over both
/// would walk every row of a busy millisecond first; see `pages::merged`).
pub fn linear_neighbour(of: &str, toward: Toward, value: impl Fn(&str) -> Expr) -> Expr {
    let (order, beyond) = match toward {
        Toward::Previous => (
            Order::Desc,
            column("n", M::CreatedAt).lt(column(of, M::CreatedAt)),
        ),
        Toward::Next => (
            Order::Asc,
            column("n", M::CreatedAt).gt(column(of, M::CreatedAt)),
        ),
    };
    let rowid_beyond = match toward {
        Toward::Previous => column("n", RowId).lt(column(of, RowId)),
        Toward::Next => column("n", RowId).gt(column(of, RowId)),
    };
    let neighbour = |condition: Expr| {
        let mut select = Query::select()
            .expr(value("n"))
            .from_as(M::Table, alias("n"))
            .and_where(column("n", M::ConversationId).eq(column(of, M::ConversationId)))
            .and_where(condition)
            .to_owned();
        select.order_by((alias("n"), M::CreatedAt), order.clone());
        select.order_by((alias("n"), RowId), order.clone()).limit(1);
        scalar(select)
    };
    let same_instant = column("n", M::CreatedAt)
        .eq(column(of, M::CreatedAt))
        .and(rowid_beyond);
    Func::coalesce([neighbour(same_instant), neighbour(beyond)]).into()
}

/// The rowid of the parent of the message `of` (read under that alias): its `parent_id`'s row in
/// the same conversation, the message before it when `parent_id` is NULL, none when it is `''`.
pub fn parent_rowid(of: &str) -> Expr {
    let named = Query::select()
        .expr(column("p", RowId))
        .from_as(M::Table, alias("p"))
        .and_where(column("p", M::Id).eq(column(of, M::ParentId)))
        .and_where(column("p", M::ConversationId).eq(column(of, M::ConversationId)))
        .to_owned();
    CaseStatement::new()
        .case(
            column(of, M::ParentId).is_null(),
            linear_neighbour(of, Toward::Previous, |n| column(n, RowId)),
        )
        .case(column(of, M::ParentId).eq(""), Expr::null())
        .finally(scalar(named))
        .into()
}

/// `WITH RECURSIVE path (r, up, depth) AS (start UNION ALL one step up while depth < limit)`:
/// the walk from the rows `start` selects (each a message aliased `m` with its depth), one primary
/// key seek and its parent's two seeks per step, stopping after `limit`: O(limit), whatever the
/// conversation's size or number of branches.
pub fn walk_up(mut start: SelectStatement, limit: Expr) -> WithClause {
    let step = Query::select()
        .expr(column("m", RowId))
        .expr(parent_rowid("m"))
        .expr(Expr::col((Path::Table, Path::Depth)).add(1))
        .from(Path::Table)
        .join_as(
            JoinType::InnerJoin,
            M::Table,
            alias("m"),
            column("m", RowId).equals((Path::Table, Path::Up)),
        )
        .and_where(Expr::col((Path::Table, Path::Depth)).lt(limit))
        .to_owned();
    let cte = CommonTableExpression::new()
        .query(start.union(UnionType::All, step).to_owned())
        .columns([Path::R, Path::Up, Path::Depth])
        .table_name(Path::Table)
        .to_owned();
    WithClause::new().recursive(true).cte(cte).to_owned()
}

/// The start of a walk: the message aliased `m` that `condition` picks, at `depth`.
pub fn start_at(condition: Expr, depth: Expr) -> SelectStatement {
    Query::select()
        .expr(column("m", RowId))
        .expr(parent_rowid("m"))
        .expr(depth)
        .from_as(M::Table, alias("m"))
        .and_where(condition)
        .to_owned()
}
