//! The D1 engine: sends statements to a D1 binding (or a D1 session) and awaits what it answers.
//! Conversion only: the answer is handed to [`Backend`](crate::boundary::backend::Backend) as D1
//! gave it, and what to run and what it means is the core's.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsValue;

use crate::boundary::guarded::{self, settle};
use crate::boundary::results::engine_failure;
use crate::core::statement::Statement;
use crate::core::storage::Rejection;
use crate::core::value::SqlValue;

/// A D1 binding, or a session from `env.DB.withSession(...)`.
#[derive(Debug, Clone)]
pub struct D1 {
    db: JsValue,
}

/// What one round trip gave: the engine's answer, or what it threw or rejected with.
pub type Answer = Result<JsValue, JsValue>;

impl D1 {
    /// Wraps the binding the Worker passed.
    pub fn new(db: JsValue) -> Self {
        D1 { db }
    }

    /// `prepare(sql).bind(...).all()`: resolves to one `D1Result`. `Err` when preparing or
    /// binding threw, before anything was sent.
    pub async fn all(&self, statement: &Statement) -> Result<Answer, Rejection<JsValue>> {
        let prepared = self.prepare(statement)?;
        Ok(settled(guarded::all(&prepared)).await)
    }

    /// `batch([...])`: one round trip that D1 runs as one transaction; resolves to a `D1Result`
    /// per statement.
    pub async fn batch(&self, statements: &[Statement]) -> Result<Answer, Rejection<JsValue>> {
        let prepared = statements
            .iter()
            .map(|statement| self.prepare(statement))
            .collect::<Result<Array, _>>()?;
        Ok(settled(guarded::batch(&self.db, &prepared)).await)
    }

    /// `prepare(sql).bind(...params)`: a D1 statement, nothing sent yet.
    fn prepare(&self, statement: &Statement) -> Result<JsValue, Rejection<JsValue>> {
        let params: Array = statement.params.iter().map(to_js).collect();
        guarded::prepare(&self.db, statement.sql, &params).map_err(engine_failure)
    }
}

/// A parameter as D1 binds it. NULL is `null`: D1 refuses `undefined`.
pub fn to_js(value: &SqlValue) -> JsValue {
    match value {
        SqlValue::Null => JsValue::NULL,
        SqlValue::Boolean(b) => JsValue::from_bool(*b),
        // Integers come from JS numbers (`SqlValue::number`), so they are exact as one again.
        SqlValue::Integer(n) => JsValue::from_f64(*n as f64),
        SqlValue::Real(x) => JsValue::from_f64(*x),
        SqlValue::Text(text) => JsValue::from_str(text),
        SqlValue::Blob(bytes) => Uint8Array::from(bytes.as_slice()).into(),
    }
}

/// What a D1 call returned (or threw), awaited: a promise, or (from a faulty binding) a plain value
/// or a thenable that throws, each of which settles (the throw as a rejection) instead of crossing
/// the wasm as an exception.
async fn settled(returned: Answer) -> Answer {
    wasm_bindgen_futures::JsFuture::from(settle(&returned?)?).await
}
