//! The wrangler D1 migration files, rendered from the schema.
//!
//! `cargo run --example generate` writes them; a test fails when the committed files
//! differ from what this module renders, so the schema and the migrations cannot drift apart.

use sea_query::{
    ColumnDef, Expr, ExprTrait, ForeignKey, ForeignKeyAction, Iden, Index, IndexCreateStatement,
    IndexOrder, SqliteQueryBuilder, Table, TableCreateStatement,
};

use crate::core::model::MessageRole;
use crate::core::schema::{
    index_names, ClientSessions, Columns, Conversations, Messages, CLIENT_SESSIONS, CONVERSATIONS,
    MESSAGES,
};

/// The up migration's file, relative to the crate root. wrangler applies `migrations/NNNN_*.sql`
/// in numeric order.
pub const UP_PATH: &str = "migrations/0001_initial.sql";

/// The down script's file. It lives outside `migrations/` because wrangler treats every `.sql`
/// file there as an up migration and would apply it.
pub const DOWN_PATH: &str = "migrations-down/0001_initial.down.sql";

const HEADER: &str =
    "-- Generated from src/core/schema.rs by `cargo run --example generate`. Do not edit.\n";

/// The up migration: creates the three tables and four indexes.
pub fn up_sql() -> String {
    render("Creates the chat-d1 schema.", create_statements())
}

/// The down migration: removes everything the up migration created, children first.
pub fn down_sql() -> String {
    render(
        "Reverts 0001_initial.sql. Not run by wrangler; apply by hand with `wrangler d1 execute --file`.",
        drop_statements(),
    )
}

fn render(purpose: &str, statements: Vec<String>) -> String {
    let mut sql = format!("{HEADER}-- {purpose}\n\n");
    for statement in statements {
        sql.push_str(&statement);
        sql.push_str(";\n");
    }
    sql
}

/// `CREATE TABLE table (...)` with `columns` as the schema spells them.
fn table<C: Iden + Copy + 'static>(
    table: impl Iden + 'static,
    columns: Columns<C>,
) -> TableCreateStatement {
    let mut create = Table::create().table(table).to_owned();
    for column in columns.0 {
        let mut definition = ColumnDef::new(column.iden).text().to_owned();
        if column.primary_key {
            definition.primary_key();
        }
        if column.not_null {
            definition.not_null();
        }
        create.col(definition);
    }
    create
}

fn client_sessions_table() -> TableCreateStatement {
    use ClientSessions as S;
    table(S::Table, CLIENT_SESSIONS)
        .check(Expr::col(S::CreatedAt).lte(Expr::col(S::LastActivity)))
        .to_owned()
}

fn conversations_table() -> TableCreateStatement {
    use Conversations as C;
    table(C::Table, CONVERSATIONS)
        .foreign_key(
            ForeignKey::create()
                .from(C::Table, C::SessionId)
                .to(ClientSessions::Table, ClientSessions::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .check(Expr::col(C::CreatedAt).lte(Expr::col(C::UpdatedAt)))
        .to_owned()
}

fn messages_table() -> TableCreateStatement {
    use Messages as M;
    table(M::Table, MESSAGES)
        .foreign_key(
            ForeignKey::create()
                .from(M::Table, M::ConversationId)
                .to(Conversations::Table, Conversations::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .check(Expr::col(M::Role).is_in(MessageRole::ALL.map(MessageRole::as_str)))
        .to_owned()
}

fn indexes() -> [IndexCreateStatement; 4] {
    [
        Index::create()
            .name(index_names::SESSION_ACTIVITY)
            .table(ClientSessions::Table)
            .col((ClientSessions::LastActivity, IndexOrder::Desc))
            .to_owned(),
        Index::create()
            .name(index_names::CONVERSATION_SESSION_UPDATED)
            .table(Conversations::Table)
            .col(Conversations::SessionId)
            .col((Conversations::UpdatedAt, IndexOrder::Desc))
            .to_owned(),
        Index::create()
            .name(index_names::CONVERSATION_UPDATED)
            .table(Conversations::Table)
            .col((Conversations::UpdatedAt, IndexOrder::Desc))
            .to_owned(),
        Index::create()
            .name(index_names::MESSAGE_CONVERSATION)
            .table(Messages::Table)
            .col(Messages::ConversationId)
            .col((Messages::CreatedAt, IndexOrder::Asc))
            .to_owned(),
    ]
}

/// The DDL that creates the whole schema, parents before children, as SQLite statements.
pub fn create_statements() -> Vec<String> {
    let tables = [
        client_sessions_table(),
        conversations_table(),
        messages_table(),
    ];
    let tables = tables.iter().map(|t| t.to_string(SqliteQueryBuilder));
    let indexes = indexes().map(|i| i.to_string(SqliteQueryBuilder));
    tables.chain(indexes).collect()
}

/// The DDL that removes the whole schema again, children before parents, so that no foreign key
/// is ever left pointing at a dropped table. Dropping a table drops its indexes with it.
pub fn drop_statements() -> Vec<String> {
    vec![
        drop_table(Messages::Table),
        drop_table(Conversations::Table),
        drop_table(ClientSessions::Table),
    ]
}

fn drop_table(table: impl Iden + 'static) -> String {
    Table::drop()
        .table(table)
        .if_exists()
        .to_string(SqliteQueryBuilder)
}
