//! The sea-query source of what a walk up a branch hands back, used at build time only: each
//! message's columns, the parent the walk found, and its place among its siblings with its
//! neighbours' ids (the "< 2 / 3 >" arrows).

use sea_query::{
    CaseStatement, CommonTableExpression, Expr, ExprTrait, Func, Iden, JoinType, Order, Query,
    WithClause,
};

use crate::core::schema::{Messages as M, RowId, MESSAGES};
use crate::generate::sources::walk::{alias, column, linear_neighbour, scalar, Path, Toward};
use crate::generate::sql::param;

/// The effective parent's id of a row of the walk (`u` for up), NULL at a root.
fn parent_id_of_step() -> Expr {
    scalar(
        Query::select()
            .expr(column("u", M::Id))
            .from_as(M::Table, alias("u"))
            .and_where(column("u", RowId).equals((Path::Table, Path::Up)))
            .to_owned(),
    )
}

/// The walk's rows joined to their messages, `walked`: each message's columns, and what its
/// siblings are counted from (see [`siblings`]), each written once here.
#[derive(Iden, Clone, Copy)]
enum Walked {
    /// The table itself.
    Table,
    /// The message's rowid.
    R,
    /// Its distance from the start.
    Depth,
    /// Its stored `parent_id` (NULL: it follows the message before it).
    Stored,
    /// Its parent's id as the walk found it, NULL at a root.
    Parent,
    /// The key its named siblings carry in `parent_id`: the parent's id, `''` at the root.
    ParentKey,
    /// The id of its parent's unnamed child (the message after the parent, or the conversation's
    /// first, when its `parent_id` is NULL), or NULL when there is none.
    Unnamed,
    /// How many children name its parent.
    Named,
}

/// A column of `walked`.
fn walked(column: Walked) -> Expr {
    Expr::col((Walked::Table, column))
}

/// The messages of the walk, nearest the start first, each with the chat API's columns: its stored
/// ones (not `updated_at`), `parent_id` as the walk found it (NULL at a root), `status` (see
/// `status()`), and `sibling_index`, `sibling_count`,
/// `sibling_previous` and `sibling_next`, its place among its parent's children and its
/// neighbours' ids there (see `siblings`). The select and its WITH clause come apart, for a caller
/// that joins more to each message (`walked_rowid`) before putting them together.
pub fn walked_messages(
    mut with: WithClause,
    from_depth: i32,
) -> (sea_query::SelectStatement, WithClause) {
    let mut rows = Query::select();
    for iden in MESSAGES.idens() {
        if !matches!(iden, M::ParentId) {
            rows.expr_as(column("m", iden), iden);
        }
    }
    let parent = parent_id_of_step();
    let first = Query::select()
        .expr(
            CaseStatement::new()
                .case(column("f", M::ParentId).is_null(), column("f", M::Id))
                .finally(Expr::null()),
        )
        .from_as(M::Table, alias("f"))
        .and_where(column("f", M::ConversationId).eq(column("m", M::ConversationId)))
        .order_by((alias("f"), M::CreatedAt), Order::Asc)
        .order_by((alias("f"), RowId), Order::Asc)
        .limit(1)
        .to_owned();
    let after_parent = Query::select()
        .expr(column("x", M::Id))
        .from_as(M::Table, alias("x"))
        .and_where(column("x", RowId).eq(linear_neighbour_of_up(|n| column(n, RowId))))
        .and_where(column("x", M::ParentId).is_null())
        .to_owned();
    let at_root = Expr::col((Path::Table, Path::Up)).is_null();
    rows.expr_as(column("m", RowId), Walked::R)
        .expr_as(Expr::col((Path::Table, Path::Depth)), Walked::Depth)
        .expr_as(column("m", M::ParentId), Walked::Stored)
        .expr_as(parent.clone(), Walked::Parent)
        .expr_as(
            Func::coalesce([parent.clone(), Expr::val("")]),
            Walked::ParentKey,
        )
        .expr_as(
            scalar(
                named_siblings(
                    column("m", M::ConversationId),
                    Func::coalesce([parent, Expr::val("")]).into(),
                )
                .expr(Expr::cust("count(*)"))
                .to_owned(),
            ),
            Walked::Named,
        )
        .expr_as(
            CaseStatement::new()
                .case(at_root, scalar(first))
                .finally(scalar(after_parent)),
            Walked::Unnamed,
        )
        .from(Path::Table)
        .join_as(
            JoinType::InnerJoin,
            M::Table,
            alias("m"),
            column("m", RowId).equals((Path::Table, Path::R)),
        )
        .and_where(Expr::col((Path::Table, Path::Depth)).gte(from_depth));
    with.cte(
        CommonTableExpression::new()
            .query(rows)
            .table_name(Walked::Table)
            .materialized(true)
            .to_owned(),
    );
    let mut select = Query::select();
    for iden in MESSAGES.idens() {
        match iden {
            M::ParentId => select.expr_as(walked(Walked::Parent), M::ParentId),
            M::Status => select.expr_as(status(), M::Status),
            M::UpdatedAt => &mut select,
            other => select.expr_as(Expr::col((Walked::Table, other)), other),
        };
    }
    for (name, value) in siblings() {
        select.expr_as(value, alias(name));
    }
    select
        .from(Walked::Table)
        .order_by((Walked::Table, Walked::Depth), Order::Asc);
    (select, with)
}

/// The rowid of a message [`walked_messages`] selects.
pub fn walked_rowid() -> Expr {
    walked(Walked::R)
}

/// The conversation of a message [`walked_messages`] selects.
pub fn walked_conversation() -> Expr {
    Expr::col((Walked::Table, M::ConversationId))
}

/// A walked message's status as the chat API reads it: its stored one, `done` for a message not
/// written through a reservation (NULL), and `interrupted` for a reply still `streaming` whose last
/// write is older than `stale_before` (the Worker writing it died: never stuck `streaming`).
fn status() -> Expr {
    let stored = || Expr::col((Walked::Table, M::Status));
    let stale = stored()
        .eq("streaming")
        .and(Expr::col((Walked::Table, M::UpdatedAt)).lt(param("stale_before")));
    CaseStatement::new()
        .case(stale, Expr::val("interrupted"))
        .finally(Func::coalesce([stored(), Expr::val("done")]))
        .into()
}

/// `SELECT ... FROM messages s WHERE` it is in `conversation` and names `key` as its parent: the
/// named siblings, on `idx_msg_parent`.
fn named_siblings(conversation: Expr, key: Expr) -> sea_query::SelectStatement {
    Query::select()
        .from_as(M::Table, alias("s"))
        .and_where(column("s", M::ConversationId).eq(conversation))
        .and_where(column("s", M::ParentId).eq(key))
        .to_owned()
}

/// A walked message's place among its parent's children, oldest first: `sibling_index`,
/// `sibling_count`, and the ids of the children just before and after it (`sibling_previous`,
/// `sibling_next`, NULL at either end), for the arrows. The children are those that name the
/// parent (`idx_msg_parent`, in order; `''` names the root) and the unnamed one (see
/// [`Walked::Unnamed`]). Children come after their parent, so the unnamed child, the parent's
/// next message, comes before every named one. An only child (most messages) costs no more seeks
/// than its count.
fn siblings() -> [(&'static str, Expr); 4] {
    let position = || Expr::tuple([column("s", M::CreatedAt), column("s", RowId)]);
    let mine = || Expr::tuple([Expr::col((Walked::Table, M::CreatedAt)), walked(Walked::R)]);
    let named = || {
        named_siblings(
            Expr::col((Walked::Table, M::ConversationId)),
            walked(Walked::ParentKey),
        )
    };
    let neighbour = |before: bool| {
        let (condition, order) = if before {
            (position().lt(mine()), Order::Desc)
        } else {
            (position().gt(mine()), Order::Asc)
        };
        let mut select = named()
            .expr(column("s", M::Id))
            .and_where(condition)
            .to_owned();
        select.order_by((alias("s"), M::CreatedAt), order.clone());
        scalar(
            select
                .order_by((alias("s"), RowId), order)
                .limit(1)
                .to_owned(),
        )
    };
    let unnamed = || walked(Walked::Unnamed).is_not_null();
    let named_me = || walked(Walked::Stored).is_not_null();
    let count = || walked(Walked::Named).add(unnamed());
    let unless_alone = |value: Expr, alone: Expr| -> Expr {
        CaseStatement::new()
            .case(count().lte(1), alone)
            .finally(value)
            .into()
    };
    let before = scalar(
        named()
            .expr(Expr::cust("count(*)"))
            .and_where(position().lt(mine()))
            .to_owned(),
    );
    let previous: Expr = CaseStatement::new()
        .case(
            named_me(),
            Func::coalesce([neighbour(true), walked(Walked::Unnamed)]),
        )
        .finally(Expr::null())
        .into();
    [
        (
            "sibling_index",
            unless_alone(before.add(unnamed().and(named_me())), Expr::val(0)),
        ),
        ("sibling_count", count()),
        ("sibling_previous", unless_alone(previous, Expr::null())),
        ("sibling_next", unless_alone(neighbour(false), Expr::null())),
    ]
}

/// `value` of the message after the walked row's parent (read as `u`).
fn linear_neighbour_of_up(value: impl Fn(&str) -> Expr) -> Expr {
    let after = linear_neighbour("u", Toward::Next, value);
    scalar(
        Query::select()
            .expr(after)
            .from_as(M::Table, alias("u"))
            .and_where(column("u", RowId).equals((Path::Table, Path::Up)))
            .to_owned(),
    )
}
