//! JS operations on values the wasm does not control (the caller's arguments, what a backend
//! answers), each one a `Result` whose `Err` is what JS threw, and none of which leaves anything
//! behind in the wasm's externref table when it throws.
//!
//! Each pairs a catching import that parks its value (`js/catching.js`) with [`take_parked`]: a
//! catching import that returns its value would leak one table slot per throw (wasm-bindgen
//! 0.2.130; see `externs.rs`). Use these, never js-sys's catching `Reflect`/`JSON` bindings, for
//! anything that can throw.

use js_sys::{Array, Promise};
use wasm_bindgen::{JsCast, JsValue};

use crate::boundary::externs::{
    park_all, park_array_copy, park_batch, park_binary_values, park_get, park_json,
    park_parsed_json, park_prepared, park_prototype_of, park_settled, park_statements_run,
    take_parked,
};

/// The parked value of an import that did not throw.
fn parked(outcome: Result<(), JsValue>) -> Result<JsValue, JsValue> {
    outcome.map(|()| take_parked())
}

/// `Reflect.get(target, key)`: throws for a target that is not an object, a revoked Proxy, or a
/// getter that throws.
pub fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    parked(park_get(target, &JsValue::from_str(key)))
}

/// `Reflect.get(target, index)`.
pub fn get_index(target: &JsValue, index: u32) -> Result<JsValue, JsValue> {
    parked(park_get(target, &JsValue::from_f64(index.into())))
}

/// `Reflect.getPrototypeOf(value)`.
pub fn prototype_of(value: &JsValue) -> Result<JsValue, JsValue> {
    parked(park_prototype_of(value))
}

/// `JSON.parse(text)`.
pub fn parse_json(text: &str) -> Result<JsValue, JsValue> {
    parked(park_parsed_json(text))
}

/// `JSON.stringify(value)`: `None` where JSON holds nothing (`undefined`, a function).
pub fn stringify_json(value: &JsValue) -> Result<Option<String>, JsValue> {
    parked(park_json(value)).map(|json| json.as_string())
}

/// `Array.from(value)`: a plain copy, whose length and elements then read without throwing.
pub fn array_copy(value: &JsValue) -> Result<Array, JsValue> {
    parked(park_array_copy(value)).map(JsCast::unchecked_into)
}

/// The numbers D1 binds for binary data, or `undefined` for a value that is not binary.
pub fn binary_values(value: &JsValue) -> Result<JsValue, JsValue> {
    parked(park_binary_values(value))
}

/// A native promise settling as `returned` (a promise, a thenable or a plain value) does.
pub fn settle(returned: &JsValue) -> Result<Promise, JsValue> {
    parked(park_settled(returned)).map(JsCast::unchecked_into)
}

/// `db.prepare(sql).bind(...params)` of a D1 binding or session.
pub fn prepare(db: &JsValue, sql: &str, params: &Array) -> Result<JsValue, JsValue> {
    parked(park_prepared(db, sql, params))
}

/// What a prepared D1 statement's `all()` returns.
pub fn all(statement: &JsValue) -> Result<JsValue, JsValue> {
    parked(park_all(statement))
}

/// What `db.batch(statements)` returns.
pub fn batch(db: &JsValue, statements: &Array) -> Result<JsValue, JsValue> {
    parked(park_batch(db, statements))
}

/// The statements run on a Durable Object's storage in one `transactionSync`: D1-shaped results.
pub fn run_statements(storage: &JsValue, sqls: &Array, params: &Array) -> Result<JsValue, JsValue> {
    parked(park_statements_run(storage, sqls, params))
}
