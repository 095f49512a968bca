//! The sea-query source of the migration bookkeeping's SQL, used at build time only: `cargo run
//! --example generate` renders it into `src/core/sql.rs`.

use sea_query::{ColumnDef, Iden, Order, Query, SqliteQueryBuilder, Table};

use crate::generate::sql::{param, Built, Rendered};

/// The table that records the migrations applied to a storage chat-d1 migrates itself. Not
/// `d1_migrations`: that one is wrangler's, on D1.
#[derive(Iden, Clone, Copy)]
enum ChatD1Migrations {
    Table,
    /// The migration's file name.
    Name,
}

/// This capability's statements, for `core/sql.rs`.
pub fn rendered() -> Vec<Rendered> {
    use ChatD1Migrations as M;
    let create = Table::create()
        .table(M::Table)
        .if_not_exists()
        .col(ColumnDef::new(M::Name).text().not_null().primary_key())
        .to_string(SqliteQueryBuilder);
    let applied = Query::select()
        .column(M::Name)
        .from(M::Table)
        .order_by(M::Name, Order::Asc)
        .to_owned();
    let record = Query::insert()
        .into_table(M::Table)
        .columns([M::Name])
        .values_panic([param("name").into()])
        .to_owned();
    vec![
        Rendered::new(
            "CREATE_MIGRATIONS_TABLE",
            "`migrate`: the table recording the migrations applied, made when missing.",
            Built {
                sql: create,
                values: vec![],
            },
        ),
        Rendered::new(
            "APPLIED_MIGRATIONS",
            "`migrate`: the names of the migrations applied.",
            Built::from(&applied),
        ),
        Rendered::new(
            "RECORD_MIGRATION",
            "`migrate`: record a migration as applied.",
            Built::from(&record),
        ),
    ]
}
