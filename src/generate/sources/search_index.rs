//! The sea-query source of the search index's SQL, used at build time only: `cargo run --example
//! generate` renders it into `src/core/sql.rs`. What `enableSearch` makes (an FTS5 table reading
//! its text through a view, a progress row, the triggers that keep it in step with `messages`),
//! the backfill's chunk, and what `disableSearch` drops. sea-query has no virtual tables, views
//! or triggers: their text is written here from the schema's identifiers.

use sea_query::{
    CaseStatement, ColumnDef, CommonTableExpression, Expr, ExprTrait, Func, JoinType, Order, Query,
    SelectStatement, SqliteQueryBuilder, Table, WithClause,
};

use crate::core::schema::{
    Conversations as C, MessageSearch as F, MessageSearchSource as V, MessageSearchState as St,
    Messages as M, RowId, SEARCH_CHUNK_CHARACTERS, SEARCH_INDEXED_ALL, SESSION_TOKEN_CHARS,
};
use crate::generate::sources::search_triggers::{self, indexed_upto, name};
use crate::generate::sources::walk::{alias, column, scalar};
use crate::generate::sql::{Built, Rendered, LIMIT};

/// The tokenizer, chosen by measurement (`tests/native_search_tokenizers.rs`): Unicode letters and
/// digits, case folded, Latin diacritics too (`cafe` finds `café`; `е` does not find `ё`).
pub const TOKENIZER: &str = "unicode61 remove_diacritics 2";

/// The prefix lengths the index keeps besides whole words: a search-as-you-type prefix of 2 or 3
/// characters is then one posting list, not the merge of every word it starts (at 1,000,000
/// messages, a 2-character prefix in a session of 100 took seconds without; see
/// docs/performance.md). Shorter prefixes are not searched (`search::MIN_PREFIX`).
pub const PREFIXES: &str = "2 3";

/// This capability's statements, for `core/sql.rs`.
pub fn rendered() -> Vec<Rendered> {
    let ddl = |name, doc, sql: String| {
        Rendered::new(
            name,
            doc,
            Built {
                sql,
                values: vec![],
            },
        )
    };
    let mut statements = vec![
        ddl(
            "CREATE_SEARCH_STATE",
            "`enableSearch`: the backfill's progress table, made when missing.",
            create_state(),
        ),
        Rendered::new(
            "START_SEARCH_STATE",
            "`enableSearch`: its one row, nothing indexed, made when missing.",
            start_state(),
        ),
        ddl(
            "CREATE_SEARCH_SOURCE",
            "`enableSearch`: the view the index reads each message's text and session token from.",
            create_source(),
        ),
        ddl(
            "CREATE_SEARCH_INDEX",
            "`enableSearch`: the FTS5 table, made when missing.",
            create_index(),
        ),
    ];
    for (name, doc, sql) in search_triggers::creates() {
        statements.push(ddl(name, doc, sql));
    }
    statements.extend([
        Rendered::new("ADVANCE_SEARCH_STATE", "`enableSearch`, after the chunk: move past it (to the end when it was the last), as `indexed_upto` and `indexed`.", advance_state()),
    ]);
    for (name, doc, sql) in search_triggers::drops().into_iter().chain(drops()) {
        statements.push(ddl(name, doc, sql));
    }
    statements
}

/// The session token of the session id `session`: hex of its first `SESSION_TOKEN_CHARS`
/// characters' UTF-8, one FTS5 token whatever the id holds. The view and the query both use this.
pub fn session_token(session: Expr) -> Expr {
    let prefix = Func::cust("substr")
        .arg(session)
        .arg(1)
        .arg(SESSION_TOKEN_CHARS);
    Func::cust("hex").arg(prefix).into()
}

fn create_state() -> String {
    Table::create()
        .table(St::Table)
        .if_not_exists()
        .col(ColumnDef::new(St::IndexedUpto).integer().not_null())
        .col(ColumnDef::new(St::Indexed).integer().not_null())
        .to_string(SqliteQueryBuilder)
}

fn start_state() -> Built {
    let none_yet = Query::select()
        .expr(Expr::val(1))
        .from(St::Table)
        .to_owned();
    let row = Query::select()
        .expr(Expr::val(0))
        .expr(Expr::val(0))
        .and_where(Expr::exists(none_yet).not())
        .to_owned();
    let insert = Query::insert()
        .into_table(St::Table)
        .columns([St::IndexedUpto, St::Indexed])
        .select_from(row)
        .expect("two columns, two values")
        .to_owned();
    Built::from(&insert)
}

fn create_source() -> String {
    let select = Query::select()
        .expr_as(column("m", RowId), RowId)
        .expr_as(column("m", M::Content), F::Content)
        .expr_as(session_token(column("c", C::SessionId)), F::Sid)
        .from_as(M::Table, alias("m"))
        .join_as(
            JoinType::InnerJoin,
            C::Table,
            alias("c"),
            column("c", C::Id).equals((alias("m"), M::ConversationId)),
        )
        .to_string(SqliteQueryBuilder);
    format!(
        "CREATE VIEW IF NOT EXISTS \"{}\" AS {select}",
        name(V::Table)
    )
}

fn create_index() -> String {
    format!(
        "CREATE VIRTUAL TABLE IF NOT EXISTS \"{}\" USING fts5(\"{}\", \"{}\", content = '{}', content_rowid = 'rowid', prefix = '{PREFIXES}', tokenize = '{TOKENIZER}')",
        name(F::Table),
        name(F::Content),
        name(F::Sid),
        name(V::Table),
    )
}

/// The rowids of the next chunk, in order: the next `limit` messages after those indexed, cut
/// after the first `SEARCH_CHUNK_CHARACTERS` characters of text (at least one message), so that
/// a chunk of long messages stays as short to index as one of chat-length ones.
fn chunk() -> SelectStatement {
    let next = Query::select()
        .expr_as(Expr::col(RowId), alias("r"))
        .expr_as(Func::char_length(Expr::col(M::Content)), alias("n"))
        .from(M::Table)
        .and_where(Expr::col(RowId).gt(Expr::cust(indexed_upto())))
        .order_by(RowId, Order::Asc)
        .limit(LIMIT)
        .to_owned();
    let running = Query::select()
        .column(alias("r"))
        .column(alias("n"))
        .expr_as(Expr::cust("sum(n) OVER (ORDER BY r)"), alias("total"))
        .from_subquery(next, alias("next"))
        .to_owned();
    Query::select()
        .column(alias("r"))
        .from_subquery(running, alias("running"))
        .and_where(
            Expr::col(alias("total"))
                .sub(Expr::col(alias("n")))
                .lt(SEARCH_CHUNK_CHARACTERS),
        )
        .to_owned()
}

/// Moves `indexed_upto` past the next chunk (to `SEARCH_INDEXED_ALL` when it is short: the
/// backfill is done and the triggers keep every message in step from then on); the backfill
/// trigger indexes the messages it moves past, in this one statement.
fn advance_state() -> Built {
    // The chunk is read once (MATERIALIZED), before the update, for all three of its uses.
    let of_chunk = |value: Expr| scalar(Query::select().expr(value).from(alias("k")).to_owned());
    let last = || of_chunk(Func::max(Expr::col(alias("r"))).into());
    let more = Query::select()
        .expr(Expr::val(1))
        .from(M::Table)
        .and_where(Expr::col(RowId).gt(last()))
        .to_owned();
    // Done when nothing follows the chunk (an empty chunk's end is NULL: nothing follows it).
    let upto = CaseStatement::new()
        .case(Expr::exists(more).not(), Expr::val(SEARCH_INDEXED_ALL))
        .finally(last());
    let update = Query::update()
        .table(St::Table)
        .value(St::IndexedUpto, Into::<Expr>::into(upto))
        .value(
            St::Indexed,
            Expr::col(St::Indexed).add(of_chunk(Expr::cust("count(*)"))),
        )
        .returning(Query::returning().columns([St::IndexedUpto, St::Indexed]))
        .to_owned();
    let chunk = CommonTableExpression::new()
        .query(chunk())
        .table_name(alias("k"))
        .materialized(true)
        .to_owned();
    Built::from(&update.with(WithClause::new().cte(chunk).to_owned()))
}

/// What `disableSearch` drops after the triggers, each a `(name, doc, sql)`: the index, its view
/// and its progress.
fn drops() -> Vec<(&'static str, &'static str, String)> {
    vec![
        (
            "DROP_SEARCH_INDEX",
            "`disableSearch`: drop the FTS5 table.",
            format!("DROP TABLE IF EXISTS \"{}\"", name(F::Table)),
        ),
        (
            "DROP_SEARCH_SOURCE",
            "`disableSearch`: drop its view.",
            format!("DROP VIEW IF EXISTS \"{}\"", name(V::Table)),
        ),
        (
            "DROP_SEARCH_STATE",
            "`disableSearch`: drop the progress table.",
            format!("DROP TABLE IF EXISTS \"{}\"", name(St::Table)),
        ),
    ]
}
