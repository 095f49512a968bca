//! The pure core: everything that can be decided without JS. Which SQL each method sends, which
//! parameters, how a row is checked, how a failure is classified. It compiles and is tested
//! natively (`cargo test`, on real SQLite), and imports nothing from JS, from the boundary nor from
//! the build-time generator; a test (tests/native_layout.rs) fails when a file here does.
//!
//! The two APIs are folders: [`dropin`] (the five methods of the layer chat-d1 replaces) and
//! [`chat`] (the session-scoped chat API), with [`migrate`] beside them. Each capability file holds
//! its methods' names, the operations, and calls the binders generated into [`sql`] from the
//! sources in `src/generate/sources/`. The rest is shared machinery, named for what it holds;
//! imports run from the capabilities down to it, never back.

pub mod arg;
pub mod chat;
pub mod cost;
pub mod dropin;
pub mod error;
pub mod ids;
pub mod layer;
pub mod migrate;
pub mod model;
pub mod rows;
pub mod schema;
// Generated: every statement's SQL and binder, laid out by the generator, so rustfmt leaves it.
#[rustfmt::skip]
pub mod sql;
pub mod statement;
pub mod storage;
pub mod time;
pub mod validate;
pub mod value;
pub mod violation;
