//! The boundary: the only code that touches JS. It converts values, runs statements on a storage
//! backend, hands back objects and throws `DatabaseError`; it decides nothing (the core does).
//!
//! [`externs`] holds the raw `extern` declarations this crate makes; every JS operation on a value
//! from the caller or the backend goes through a catching import (a JS exception crossing the wasm
//! would leave the call's promise unsettled); [`guarded`] wraps those that may throw so that a throw
//! leaves nothing behind. The other files are typed wrappers and speak Rust.

pub mod answers;
pub mod args;
pub mod backend;
pub mod calls;
pub mod chat;
pub mod client;
pub mod d1;
pub mod durable;
pub mod errors;
pub mod externs;
pub mod guarded;
pub mod helpers;
pub mod migrate;
pub mod objects;
pub mod results;
