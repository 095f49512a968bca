//! The pure core: everything that can be decided without JS. Which SQL each method sends, which
//! parameters, how a row is checked, how a failure is classified. It compiles and is tested
//! natively (`cargo test`, on real SQLite), and imports nothing from JS nor from the boundary; a
//! test (tests/native_layout.rs) fails when a file here does.
//!
//! Cut by capability: each of [`sessions`], [`conversations`] and [`messages`] holds its methods'
//! statements, their parameter binding, the operations, and the sea-query source their SQL is
//! generated from. The rest is shared machinery, named for what it holds.

pub mod arg;
pub mod chat;
pub mod conversations;
pub mod cost;
pub mod cursor;
pub mod editing;
pub mod error;
pub mod ids;
pub mod layer;
pub mod messages;
pub mod migrate;
// Generated from the schema's history, one statement per line, so rustfmt leaves it as written.
#[rustfmt::skip]
pub mod migration_sql;
pub mod model;
pub mod pages;
pub mod retention;
pub mod rows;
pub mod schema;
pub mod sessions;
pub mod sql;
pub mod statement;
pub mod storage;
pub mod time;
pub mod turns;
pub mod validate;
pub mod value;
