//! chat-d1: the data layer of a Hono chat Worker on Cloudflare D1, in Rust, shipped as WebAssembly.
//!
//! Data flows one way. The pure core decides everything that needs no JS:
//! [`validate`] the arguments, bind them to the SQL in [`queries`] (rendered at build time by
//! [`sql_builders`] from the [`schema`]), run it through a
//! [`database::Database`], check and [`decode`] rows into the [`model`], and name failures in [`error`]. The
//! [`data_layer`] strings these together, one D1 round trip per method. The boundary
//! (`d1`, `client`: the only modules that touch JS) adapts a D1 binding to `Database` and exports
//! `DatabaseClient` to JS.

pub mod arg;
pub mod data_layer;
pub mod database;
pub mod decode;
pub mod error;
pub mod ids;
pub mod migration;
pub mod model;
pub mod queries;
pub mod schema;
pub mod sql;
pub mod sql_builders;
pub mod time;
pub mod validate;
pub mod value;

// The boundary: the only modules that touch JS.
pub mod client;
pub mod d1;
pub mod d1_database;
pub mod helpers;
pub mod js_args;
pub mod js_error;
pub mod to_js;
