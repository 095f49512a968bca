//! Raw bindings to the parts of the D1 API the client uses (`prepare`, `bind`, `all`, `batch`),
//! and to the package's helpers that read a whole D1 result in one call (`js/result-cells.js`).
//!
//! These are typed views, not checks: whatever object the Worker passes is called as if it were a
//! D1 binding. Every call is `catch`, so an object that is not one (or a D1 that throws
//! synchronously) surfaces as an `Err`, never as an exception unwinding through wasm.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A `D1Database` binding, or a session from `env.DB.withSession(...)`: both expose the same
    /// `prepare` and `batch`, which is all the client uses.
    #[derive(Debug, Clone)]
    pub type D1Database;

    /// `db.prepare(sql)`.
    #[wasm_bindgen(method, catch)]
    pub fn prepare(this: &D1Database, sql: &str) -> Result<D1PreparedStatement, JsValue>;

    /// `db.batch(statements)`: one round trip, run by D1 as one transaction.
    /// Typed as `JsValue` because a faulty binding may return something that is not a promise.
    #[wasm_bindgen(method, catch)]
    pub fn batch(this: &D1Database, statements: &Array) -> Result<JsValue, JsValue>;

    /// A prepared statement.
    #[derive(Debug, Clone)]
    pub type D1PreparedStatement;

    /// `statement.bind(...values)`.
    #[wasm_bindgen(method, catch, variadic)]
    pub fn bind(this: &D1PreparedStatement, values: &Array)
        -> Result<D1PreparedStatement, JsValue>;

    /// `statement.all()`: resolves to `{ results: [...rows], success, meta }`.
    #[wasm_bindgen(method, catch)]
    pub fn all(this: &D1PreparedStatement) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/js/result-cells.js")]
extern "C" {
    /// One letter per cell of `columns`, row after row: `t` text, `n` null, `#` number, `?` other.
    #[wasm_bindgen(js_name = cellKinds, catch)]
    pub fn cell_kinds(rows: &Array, columns: &Array) -> Result<String, JsValue>;

    /// The distinct string values of `column` across `rows`.
    #[wasm_bindgen(js_name = distinctStrings, catch)]
    pub fn distinct_strings(rows: &Array, column: &str) -> Result<Vec<String>, JsValue>;
}

/// Awaitable form of whatever a D1 call returned: a promise, or (from a faulty binding) a plain
/// value, which `Promise.resolve` turns into a settled promise instead of a type error.
pub fn settle(returned: &JsValue) -> wasm_bindgen_futures::JsFuture {
    wasm_bindgen_futures::JsFuture::from(Promise::resolve(returned))
}
