//! Build-time generation, never shipped (compiled for the host only): the SQL text of every
//! statement and the wrangler migrations, rendered from the schema and the capabilities' sea-query
//! sources. `cargo run --example generate` writes them; tests fail when a committed file is stale.

pub mod migrations;
pub mod sql;

/// Every generated file: its path relative to the crate root, and its text.
pub fn files() -> Vec<(&'static str, String)> {
    vec![
        (migrations::UP_PATH, migrations::up_sql()),
        (migrations::DOWN_PATH, migrations::down_sql()),
        (sql::SQL_MODULE_PATH, sql::sql_module()),
    ]
}
