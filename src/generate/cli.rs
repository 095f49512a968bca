//! Renders `bin/search-sql.mjs`: the statements of `enableSearch` and `disableSearch`, taken from
//! the core's own lists, for the `chat-d1 search` command (which runs them through `wrangler d1
//! execute`). Generated, so the command and the library cannot drift apart.

use crate::core::chat::search_index::{disable_search, enable_search};
use crate::core::statement::Statement;
use crate::core::value::SqlValue;

/// The path of the CLI's generated module, relative to the crate root.
pub const SEARCH_SQL_MODULE_PATH: &str = "bin/search-sql.mjs";

/// A batch size no statement holds otherwise: the parameters that are it become `batchSize`.
const MARK: u32 = 7_654_321;

/// The text of `bin/search-sql.mjs`.
pub fn search_sql_module() -> String {
    let enable: Vec<String> = enable_search(MARK).iter().map(with_batch_size).collect();
    let disable: Vec<String> = disable_search().iter().map(with_batch_size).collect();
    format!(
        "// Generated from src/core/chat/search_index.rs by `cargo run --example generate`. Do not edit.\n\
         // The statements of `db.enableSearch()` and `db.disableSearch()`, for `chat-d1 search`.\n\n\
         /** `enableSearch`'s statements, in order, for a chunk of `batchSize` messages (an integer). */\n\
         export function enableSearch(batchSize) {{\n  \
         const n = String(batchSize);\n  \
         return [\n{}  ];\n}}\n\n\
         /** `disableSearch`'s statements, in order. */\n\
         export const disableSearch = [\n{}];\n",
        lines(&enable, "    "),
        lines(&disable, "  "),
    )
}

fn lines(statements: &[String], indent: &str) -> String {
    statements
        .iter()
        .map(|statement| format!("{indent}{statement},\n"))
        .collect()
}

/// `statement` as a JS expression: its SQL as a string literal, each parameter (the batch size,
/// the only one these statements bind) spliced in as `n`.
fn with_batch_size(statement: &Statement) -> String {
    assert!(statement.sql.is_ascii(), "ASCII SQL: {}", statement.sql);
    assert!(statement
        .params
        .iter()
        .all(|p| *p == SqlValue::Integer(MARK.into())));
    let quoted: Vec<String> = statement
        .sql
        .split('?')
        .map(|part| format!("\"{}\"", part.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect();
    assert_eq!(
        quoted.len(),
        statement.params.len() + 1,
        "a `?` per parameter"
    );
    quoted.join(" + n + ")
}
