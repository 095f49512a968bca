//! The sea-query source of the pages' SQL, used at build time only: `cargo run --example
//! generate` renders it into `src/core/sql.rs`.

use sea_query::{
    ColumnRef, Expr, ExprTrait, IntoColumnRef, Order, Query, SelectStatement, UnionType,
};

use crate::core::chat::cursor::Position;
use crate::core::chat::Scope;
use crate::core::schema::{Conversations as C, RowId, CONVERSATIONS};
use crate::generate::sources::editing::session_conversation;
use crate::generate::sql::{param, Built, Rendered, LIMIT};

/// This capability's statements, for `core/sql.rs`.
pub fn rendered() -> Vec<Rendered> {
    let scope = Scope {
        session_id: param("session_id"),
    };
    vec![
        Rendered::new(
            "CONVERSATIONS_PAGE",
            "`listConversations`, first page.",
            conversations_page(&scope, None),
        ),
        Rendered::new(
            "CONVERSATIONS_PAGE_AFTER",
            "`listConversations`, the page after a conversation.",
            conversations_page(&scope, Some(&placeholder("after_id"))),
        ),
        Rendered::new(
            "CONVERSATION_OF_SESSION",
            "`getConversation`, first of its batch: a conversation of the session.",
            conversation_of_session(&scope, &param("id")),
        ),
    ]
}

/// The cursor's position with its parts named as the statement's parameters.
fn placeholder(id: &str) -> Position {
    Position {
        instant: param("instant"),
        id: param(id),
    }
}

/// `(SELECT rowid FROM conversations WHERE id = ? AND session_id = ?)`: where the cursor's
/// conversation stands among those of its instant (NULL once it is deleted: then the rest of its
/// instant is skipped, and the page goes on from the older instants).
fn rowid_of_conversation(scope: &Scope, id: &str) -> Expr {
    let select = session_conversation(scope, id).column(RowId).to_owned();
    Expr::SubQuery(None, Box::new(select.into()))
}

/// The session's conversations in `idx_conv_session_updated`'s own order (`updated_at`
/// descending, then rowid), from the start or after the conversation `after`: see `merged` for
/// how the page after a cursor is found.
pub fn conversations_page(scope: &Scope, after: Option<&Position>) -> Built {
    let of_session = || {
        Query::select()
            .columns(CONVERSATIONS.idens())
            .from(C::Table)
            .and_where(Expr::col(C::SessionId).eq(scope.session_id.as_str()))
            .to_owned()
    };
    let Some(after) = after else {
        let select = of_session()
            .order_by(C::UpdatedAt, Order::Desc)
            .order_by(RowId, Order::Asc)
            .limit(LIMIT)
            .to_owned();
        return Built::from(&select);
    };
    let instant = || Expr::val(after.instant.as_str());
    let same_instant = Expr::col(C::UpdatedAt)
        .eq(instant())
        .and(Expr::col(RowId).gt(rowid_of_conversation(scope, &after.id)));
    let older = Expr::col(C::UpdatedAt).lt(instant());
    let page = Merged {
        columns: CONVERSATIONS
            .idens()
            .map(IntoColumnRef::into_column_ref)
            .collect(),
        instant: C::UpdatedAt.into_column_ref(),
        instant_order: Order::Desc,
        sequence_order: Order::Asc,
    };
    merged(page, of_session, same_instant, older)
}

/// A conversation of the session.
pub fn conversation_of_session(scope: &Scope, id: &str) -> Built {
    let select = session_conversation(scope, id)
        .columns(CONVERSATIONS.idens())
        .to_owned();
    Built::from(&select)
}

/// The shape of a page after a cursor: its columns, the order of its index, its length.
struct Merged {
    columns: Vec<ColumnRef>,
    instant: ColumnRef,
    instant_order: Order,
    sequence_order: Order,
}

/// A page after a cursor as two seeks on the index, merged in its order: the rows of the cursor's
/// own instant that follow it (`instant = ? AND rowid < ?`, or `>` for ascending rowids, which
/// SQLite seeks on rowid too), then the instants beyond it (`instant < ?`). One range
/// `instant <= ? AND (instant < ? OR rowid < ?)` reads the same rows, but SQLite seeks it on the
/// instant alone and walks every row of the cursor's instant first: on SQLite 3.40, 18 ms for a
/// page behind 100,000 messages stamped in one millisecond, against 0.1 ms for the two seeks. The
/// outer SELECT drops `sequence`, because D1's row objects are handed to the caller as they are;
/// it keeps the inner order (SQLite runs a subquery with ORDER BY and LIMIT as a co-routine and
/// never drops that ORDER BY), which the page walks on real D1 check.
fn merged(
    page: Merged,
    rows: impl Fn() -> SelectStatement,
    same_instant: Expr,
    beyond: Expr,
) -> Built {
    let arm = |condition: Expr| {
        rows()
            .expr_as(Expr::col(RowId), Sequence)
            .and_where(condition)
            .to_owned()
    };
    let ordered = arm(same_instant)
        .union(UnionType::All, arm(beyond))
        .order_by(page.instant, page.instant_order)
        .order_by(Sequence, page.sequence_order)
        .limit(LIMIT)
        .to_owned();
    let select = Query::select()
        .columns(page.columns)
        .from_subquery(ordered, Page)
        .to_owned();
    Built::from(&select)
}

/// The rowid of a row, named so the merged page can be ordered by it.
#[derive(sea_query::Iden, Clone, Copy)]
struct Sequence;

/// The merged page, named because SQLite wants a name for a subquery in `FROM`.
#[derive(sea_query::Iden, Clone, Copy)]
struct Page;
