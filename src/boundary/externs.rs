//! Raw `extern` declarations: every JS function this crate declares itself (the package's JS
//! helpers, which reach D1, a Durable Object's storage, `Reflect` and `JSON`; `Array.isArray`;
//! `crypto`), and nothing else. The typed wrappers (`guarded.rs` above all) call these and speak
//! Rust; js-sys's own bindings are used only where they cannot leak (those returning a boolean) or
//! touch only values the wasm made (its own copies of D1's arrays, fresh objects).
//!
//! These are views, not checks: whatever object the Worker passes is called as if it were a D1
//! binding. Every import that touches a value from the caller or from the backend is `catch`, so
//! an object that is not what it claims (a revoked Proxy, a D1 that throws synchronously) surfaces
//! as an `Err`, never as an exception unwinding through the wasm, which would leave the call's
//! promise unsettled forever.

use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray`; `Err` holds what JS threw while looking, as it does for a revoked Proxy.
    /// js-sys's binding does not catch. (A boolean has no externref slot to leak: see below.)
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    pub fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    /// `crypto.getRandomValues`, present in Workers and browsers; it fills `buffer` (what it
    /// returns, the same view, is not taken, so nothing is left behind when it throws).
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    pub fn get_random_values(buffer: &mut [u8]) -> Result<(), JsValue>;
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
// Every catching import below that produces a value parks it in `js/catching.js` instead of
// returning it, and [`take_parked`] hands it over: wasm-bindgen 0.2.130 leaks one externref table
// slot each time a catching import that returns a value throws (its generated code returns the
// exception before taking the return slot). `boundary/guarded.rs` pairs each with `take_parked`.
#[wasm_bindgen(module = "/js/catching.js")]
extern "C" {
    /// The value the last parking import produced; not catching: it cannot throw.
    #[wasm_bindgen(js_name = takeParked)]
    pub fn take_parked() -> JsValue;

    /// Parks `Reflect.get(target, key)`.
    #[wasm_bindgen(js_name = get, catch)]
    pub fn park_get(target: &JsValue, key: &JsValue) -> Result<(), JsValue>;

    /// Parks `Reflect.getPrototypeOf(value)`.
    #[wasm_bindgen(js_name = prototypeOf, catch)]
    pub fn park_prototype_of(value: &JsValue) -> Result<(), JsValue>;

    /// Parks `JSON.parse(text)`.
    #[wasm_bindgen(js_name = parseJson, catch)]
    pub fn park_parsed_json(text: &str) -> Result<(), JsValue>;

    /// Parks `JSON.stringify(value)`.
    #[wasm_bindgen(js_name = stringifyJson, catch)]
    pub fn park_json(value: &JsValue) -> Result<(), JsValue>;

    /// Parks `Array.from(value)`, a plain copy whose length and elements read without throwing.
    #[wasm_bindgen(js_name = copyArray, catch)]
    pub fn park_array_copy(value: &JsValue) -> Result<(), JsValue>;

    /// Parks `db.prepare(sql).bind(...params)` of a D1 binding or session.
    #[wasm_bindgen(js_name = prepare, catch)]
    pub fn park_prepared(db: &JsValue, sql: &str, params: &Array) -> Result<(), JsValue>;

    /// Parks what a prepared D1 statement's `all()` returns.
    #[wasm_bindgen(js_name = all, catch)]
    pub fn park_all(statement: &JsValue) -> Result<(), JsValue>;

    /// Parks what `db.batch(statements)` returns: one round trip that D1 runs as one transaction.
    #[wasm_bindgen(js_name = batch, catch)]
    pub fn park_batch(db: &JsValue, statements: &Array) -> Result<(), JsValue>;

    /// Parks the numbers D1 would bind for binary data (an `ArrayBuffer` or any view of one), or
    /// `undefined` for anything else; `Err` for a detached buffer or a throwing Proxy.
    #[wasm_bindgen(js_name = binaryValues, catch)]
    pub fn park_binary_values(value: &JsValue) -> Result<(), JsValue>;

    /// Parks a native promise settling as `returned` does; a throwing `then` becomes a rejection.
    #[wasm_bindgen(js_name = settle, catch)]
    pub fn park_settled(returned: &JsValue) -> Result<(), JsValue>;

    /// Runs the statements on a Durable Object's storage as one `transactionSync` and parks an
    /// array of D1-shaped results; `Err` holds what the storage threw (nothing of it remains).
    #[wasm_bindgen(js_name = runStatements, catch)]
    pub fn park_statements_run(
        storage: &JsValue,
        sqls: &Array,
        params: &Array,
    ) -> Result<(), JsValue>;

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
