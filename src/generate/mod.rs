//! Build-time generation, never shipped (compiled for the host only): the SQL text of every
//! statement and the wrangler migrations, rendered from the schema and the capabilities' sea-query
//! sources. `cargo run --example generate` writes them; tests fail when a committed file is stale.

pub mod cli;
pub mod diff;
pub mod history;
pub mod migrations;
pub mod render;
pub mod schema_version;
pub mod sources;
pub mod sql;
pub mod unquote;

/// Every generated file: its path relative to the crate root, and its text.
pub fn files() -> Vec<(String, String)> {
    let mut files = migrations::files();
    files.push((render::SQL_MODULE_PATH.to_owned(), render::sql_module()));
    files.push((
        cli::SEARCH_SQL_MODULE_PATH.to_owned(),
        cli::search_sql_module(),
    ));
    files
}
