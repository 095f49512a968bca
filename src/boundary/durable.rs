//! The Durable Object engine: runs statements on a SQLite-backed Durable Object's storage
//! (`ctx.storage`), synchronously, every call inside one `transactionSync` (what is one D1 batch is
//! one transaction here too), and answers in D1's shape (`{ results, meta }` per statement) so that
//! everything after it is shared with D1. Conversion only.

use js_sys::Array;
use wasm_bindgen::JsValue;

use crate::boundary::d1::{self, Answer};
use crate::boundary::guarded::run_statements;
use crate::core::statement::Statement;
use crate::core::value::SqlValue;

/// A Durable Object's `ctx.storage`, whose `sql.exec` and `transactionSync` the statements run on.
#[derive(Debug, Clone)]
pub struct DurableSql {
    storage: JsValue,
}

impl DurableSql {
    /// Wraps the object's `ctx.storage`.
    pub fn new(storage: JsValue) -> Self {
        DurableSql { storage }
    }

    /// Runs `statements` as one transaction; answers an array of D1-shaped results, or what the
    /// storage threw (after which nothing of the transaction remains).
    pub fn run(&self, statements: &[Statement]) -> Answer {
        let sqls: Array = statements
            .iter()
            .map(|s| JsValue::from_str(s.sql))
            .collect();
        let params: Array = statements
            .iter()
            .map(|s| JsValue::from(s.params.iter().map(to_js).collect::<Array>()))
            .collect();
        run_statements(&self.storage, &sqls, &params)
    }
}

/// A parameter as this engine must get it to store what D1 stores: as D1 binds it, except a
/// boolean, which D1 stores as 1 or 0 and `sql.exec` would store as the text `'true'`.
fn to_js(value: &SqlValue) -> JsValue {
    match value {
        SqlValue::Boolean(b) => JsValue::from_f64(f64::from(u8::from(*b))),
        other => d1::to_js(other),
    }
}
