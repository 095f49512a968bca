//! The wrangler D1 migration files, rendered from the schema.
//!
//! `cargo run --example generate` writes them; a test fails when the committed files
//! differ from what this module renders, so the schema and the migrations cannot drift apart.

use crate::schema::{create_statements, drop_statements};

/// The up migration's file, relative to the crate root. wrangler applies `migrations/NNNN_*.sql`
/// in numeric order.
pub const UP_PATH: &str = "migrations/0001_initial.sql";

/// The down script's file. It lives outside `migrations/` because wrangler treats every `.sql`
/// file there as an up migration and would apply it.
pub const DOWN_PATH: &str = "migrations-down/0001_initial.down.sql";

const HEADER: &str =
    "-- Generated from src/schema.rs by `cargo run --example generate`. Do not edit.\n";

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
