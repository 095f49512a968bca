//! The sea-query source of `searchMessages`' SQL, used at build time only: `cargo run --example
//! generate` renders it into `src/core/sql.rs`. One statement: the session's best matches from the
//! FTS5 index, each with its snippet, read as the chat API's messages (the walk's columns:
//! parent, status, siblings) with their conversation.

use sea_query::{
    CommonTableExpression, Expr, ExprTrait, Func, Iden, JoinType, Order, Query, WithClause,
};

use crate::core::chat::search_hits::{
    conversation_column, hit_conversation, MATCH_CLOSE, MATCH_OPEN, SCORE_COLUMN, SNIPPET_TOKENS,
};
use crate::core::chat::Scope;
use crate::core::schema::{Conversations as C, MessageSearch as F, Messages as M, RowId};
use crate::generate::sources::search_index::session_token;
use crate::generate::sources::walk::{alias, column, parent_rowid, scalar, Path};
use crate::generate::sources::walked::{walked_conversation, walked_messages, walked_rowid};
use crate::generate::sql::{param, Built, Rendered, LIMIT};

/// This capability's statements, for `core/sql.rs`.
pub fn rendered() -> Vec<Rendered> {
    let scope = Scope {
        session_id: param("session_id"),
    };
    vec![Rendered::new(
        "SEARCH_MESSAGES",
        "`searchMessages`: the session's messages matching the FTS5 query `query` (its words, see `core::chat::search::fts_query`), best first, `limit` of them after the one of score `after_score` and id `after_id` (none: from the best), each with its `snippet`, its `search_score` and its conversation's columns (`conversation_title`...).",
        search(&scope),
    )]
}

/// The matches of one page, best first, `ranked (r, score)`: the rank is computed for every
/// match, nothing more (a snippet reads the message's text: only the page's get one).
#[derive(Iden, Clone, Copy)]
enum Ranked {
    Table,
    R,
    Score,
}

/// Every match of the session, `matched (r, score)`, ranked once (its columns are `Ranked`'s).
#[derive(Iden, Clone, Copy)]
enum Matched {
    Table,
}

/// The page's matches with their snippets, `hits (r, score, snippet)`.
#[derive(Iden, Clone, Copy)]
enum Hits {
    Table,
    R,
    Score,
    Snippet,
}

/// The FTS5 query: the session's token in `sid` AND the user's words in `content` (the words are
/// FTS5 strings, so they cannot leave the parentheses).
fn match_query(scope: &Scope) -> Expr {
    let template = format!(
        "'{} : ' || ? || ' AND {} : (' || ? || ')'",
        F::Sid.to_string(),
        F::Content.to_string()
    );
    Expr::cust_with_exprs(
        template,
        [
            session_token(Expr::val(scope.session_id.as_str())),
            Expr::val(param("query")),
        ],
    )
}

/// A page of the session's matches. The index is probed first (`MATCH` on the session's token
/// narrows it to the session's postings); the session is checked again in SQL through the
/// message's conversation, so a shared token (ids alike in their first 64 characters) cannot leak.
pub fn search(scope: &Scope) -> Built {
    let fts = || F::Table;
    let index_column = |name: &str| Expr::cust(format!("\"{}\".{name}", fts().to_string()));
    let snippet = Func::cust("snippet")
        .arg(Expr::col(fts()))
        .arg(0)
        .arg(MATCH_OPEN.to_string())
        .arg(MATCH_CLOSE.to_string())
        .arg("…")
        .arg(SNIPPET_TOKENS);
    let matching = || Expr::cust_with_exprs("? MATCH ?", [Expr::col(fts()), match_query(scope)]);
    let matches = Query::select()
        .expr_as(index_column("rowid"), Ranked::R)
        .expr_as(
            Func::cust("bm25").arg(Expr::col(fts())).arg(1.0).arg(0.0),
            Ranked::Score,
        )
        .from(fts())
        .join_as(
            JoinType::InnerJoin,
            M::Table,
            alias("m"),
            column("m", RowId).eq(index_column("rowid")),
        )
        .join_as(
            JoinType::InnerJoin,
            C::Table,
            alias("c"),
            column("c", C::Id).equals((alias("m"), M::ConversationId)),
        )
        .and_where(matching())
        .and_where(column("c", C::SessionId).eq(scope.session_id.as_str()))
        .to_owned();
    // A keyset page: after the cursor's message in the ranking as it is now (its score read again:
    // other sessions' writes move every score, not their order for one word), or, once it no
    // longer matches, after the score the cursor carries; ties newest first, by rowid.
    let matched = |column: Ranked| Expr::col((Matched::Table, column));
    let cursor_rowid = || {
        scalar(
            Query::select()
                .expr(column("a", RowId))
                .from_as(M::Table, alias("a"))
                .and_where(column("a", M::Id).eq(param("after_id")))
                .to_owned(),
        )
    };
    let cursor_score = Func::coalesce([
        scalar(
            Query::select()
                .expr(matched(Ranked::Score))
                .from(Matched::Table)
                .and_where(matched(Ranked::R).eq(cursor_rowid()))
                .to_owned(),
        ),
        Expr::val(param("after_score")),
    ]);
    let cursor_score = || Expr::from(cursor_score.clone());
    let after = Expr::val(param("after_id"))
        .is_null()
        .or(matched(Ranked::Score).gt(cursor_score()))
        .or(matched(Ranked::Score)
            .eq(cursor_score())
            .and(matched(Ranked::R).lt(cursor_rowid())));
    let ranked = Query::select()
        .expr_as(matched(Ranked::R), Ranked::R)
        .expr_as(matched(Ranked::Score), Ranked::Score)
        .from(Matched::Table)
        .and_where(after)
        .order_by((Matched::Table, Ranked::Score), Order::Asc)
        .order_by((Matched::Table, Ranked::R), Order::Desc)
        .limit(LIMIT)
        .to_owned();
    // The same match again, on the page's rowids only: snippet() needs the FTS5 cursor that
    // matched the row.
    let hits = Query::select()
        .expr_as(Expr::col((Ranked::Table, Ranked::R)), Hits::R)
        .expr_as(Expr::col((Ranked::Table, Ranked::Score)), Hits::Score)
        .expr_as(snippet, Hits::Snippet)
        .from(Ranked::Table)
        // CROSS JOIN: SQLite keeps this order, so the index is probed by rowid for each of the
        // page's rows, not scanned for every match again (sea-query writes no ON for it).
        .cross_join(fts())
        .and_where(index_column("rowid").eq(Expr::col((Ranked::Table, Ranked::R))))
        .and_where(matching())
        .to_owned();
    let rank = Expr::cust(format!(
        "row_number() OVER (ORDER BY \"{h}\".\"{s}\", \"{h}\".\"{r}\" DESC)",
        h = Hits::Table.to_string(),
        s = Hits::Score.to_string(),
        r = Hits::R.to_string(),
    ));
    let path = Query::select()
        .expr(Expr::col((Hits::Table, Hits::R)))
        .expr(parent_rowid("m"))
        .expr(rank)
        .from(Hits::Table)
        .join_as(
            JoinType::InnerJoin,
            M::Table,
            alias("m"),
            column("m", RowId).equals((Hits::Table, Hits::R)),
        )
        .to_owned();
    let with = WithClause::new()
        .cte(
            CommonTableExpression::new()
                .query(matches)
                .table_name(Matched::Table)
                .materialized(true)
                .to_owned(),
        )
        .cte(
            CommonTableExpression::new()
                .query(ranked)
                .table_name(Ranked::Table)
                .materialized(true)
                .to_owned(),
        )
        .cte(
            CommonTableExpression::new()
                .query(hits)
                .table_name(Hits::Table)
                .materialized(true)
                .to_owned(),
        )
        .cte(
            CommonTableExpression::new()
                .query(path)
                .columns([Path::R, Path::Up, Path::Depth])
                .table_name(Path::Table)
                .to_owned(),
        )
        .to_owned();
    let (mut select, with) = walked_messages(with, 1);
    select
        .expr_as(Expr::col((Hits::Table, Hits::Snippet)), Hits::Snippet)
        .expr_as(Expr::col((Hits::Table, Hits::Score)), alias(SCORE_COLUMN))
        .join(
            JoinType::InnerJoin,
            Hits::Table,
            Expr::col((Hits::Table, Hits::R)).eq(walked_rowid()),
        )
        .join_as(
            JoinType::InnerJoin,
            C::Table,
            alias("v"),
            column("v", C::Id).eq(walked_conversation()),
        );
    for hit in hit_conversation() {
        let name = conversation_column(hit.iden.unquoted());
        select.expr_as(column("v", hit.iden), alias(&name));
    }
    Built::from(&select.with(with))
}
