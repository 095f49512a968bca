//! Raw `extern` declarations: every JS function this crate declares itself (D1, the package's JS
//! helpers, `Array`, `crypto`), and nothing else. The typed wrappers beside this file call these
//! and speak Rust; they also use js-sys's own bindings where those catch (`Reflect`, `JSON`) or
//! touch only values the wasm made (its own copies of D1's arrays).
//!
//! These are views, not checks: whatever object the Worker passes is called as if it were a D1
//! binding. Every import that touches a value from the caller or from the backend is `catch`, so
//! an object that is not what it claims (a revoked Proxy, a D1 that throws synchronously) surfaces
//! as an `Err`, never as an exception unwinding through the wasm, which would leave the call's
//! promise unsettled forever.

use js_sys::{Array, Function, Promise};
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

    /// `Array.isArray`; `Err` holds what JS threw while looking, as it does for a revoked Proxy.
    /// js-sys's binding does not catch.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    pub fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    /// `Array.from(value)`: a plain array copy, whose length and elements can then be read
    /// without anything throwing; `Err` holds what JS threw while copying (a Proxy's trap).
    #[wasm_bindgen(js_namespace = Array, js_name = from, catch)]
    pub fn array_from(value: &JsValue) -> Result<Array, JsValue>;

    /// `crypto.getRandomValues`, present in Workers and browsers.
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    pub fn get_random_values(buffer: &mut [u8]) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/js/result-cells.js")]
extern "C" {
    /// One letter per cell of `columns`, row after row: `t` text, `n` null, `#` number, `b` BLOB,
    /// `?` other.
    #[wasm_bindgen(js_name = cellKinds, catch)]
    pub fn cell_kinds(rows: &Array, columns: &Array) -> Result<String, JsValue>;

}

// The package's JS helpers live in three modules (these two and database-error.js), deliberately
// no more: with a fourth snippet module the headless Chrome tests' page, served by
// wasm-bindgen-test-runner, hung while loading in 14 of 27 runs; with three, in none of 19.
#[wasm_bindgen(module = "/js/catching.js")]
extern "C" {
    /// The numbers D1 would bind for binary data (an `ArrayBuffer` or any view of one), or
    /// `undefined` for anything else; `Err` for a detached buffer or a throwing Proxy.
    #[wasm_bindgen(js_name = binaryValues, catch)]
    pub fn binary_values(value: &JsValue) -> Result<JsValue, JsValue>;

    /// A native promise settling as `returned` does; a throwing `then` becomes a rejection.
    #[wasm_bindgen(catch)]
    pub fn settle(returned: &JsValue) -> Result<Promise, JsValue>;

    /// Runs the statements on a Durable Object's storage as one `transactionSync`, answering an
    /// array of D1-shaped results; `Err` holds what the storage threw (nothing of it remains).
    #[wasm_bindgen(js_name = runStatements, catch)]
    pub fn run_statements(
        storage: &JsValue,
        sqls: &Array,
        params: &Array,
    ) -> Result<JsValue, JsValue>;

    /// Calls the app's `onQuery` with `cost`, logging (never throwing) what it throws or rejects.
    #[wasm_bindgen(js_name = reportCost, catch)]
    pub fn report_cost(on_query: &Function, cost: &JsValue) -> Result<(), JsValue>;
}

#[wasm_bindgen(module = "/js/database-error.js")]
extern "C" {
    /// The JS class from `js/database-error.js`, the one every failure is an instance of.
    pub type DatabaseError;

    /// `new DatabaseError(message, code, cause)`: the package's own constructor, which only stores
    /// what it is given and cannot throw.
    #[wasm_bindgen(constructor)]
    pub fn new(message: &str, code: &str, cause: &JsValue) -> DatabaseError;

    /// The class itself, so the package entry can export the very class the wasm throws.
    #[wasm_bindgen(thread_local_v2, js_name = DatabaseError)]
    pub static DATABASE_ERROR_CLASS: JsValue;
}
