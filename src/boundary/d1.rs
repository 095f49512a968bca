//! The D1 backend: the core's [`Storage`] over a D1 binding (or a D1 session). It turns statements
//! into bound D1 statements, D1's results into [`ResultSet`]s and D1's failures into the core's
//! errors. Conversion only; what to run and what it means is the core's.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::JsValue;

use crate::boundary::args::message_of;
use crate::boundary::externs::{
    array_from, cell_kinds, is_array, settle, D1Database, D1PreparedStatement,
};
use crate::core::cost::{Cost, Meta};
use crate::core::error::Error;
use crate::core::statement::Statement;
use crate::core::storage::{Rejection, Storage, Violation};
use crate::core::validate::D1_MAX_VALUE_BYTES;
use crate::core::value::{ResultSet, SqlKind, SqlValue};

/// A D1 binding (or D1 session) seen as a [`Storage`], recording each round trip's `meta` into a
/// call's [`Cost`] when metered.
#[derive(Debug, Clone)]
pub struct D1 {
    db: D1Database,
    meter: Option<Rc<RefCell<Cost>>>,
}

impl D1 {
    /// Wraps the binding the Worker passed.
    pub fn new(db: D1Database) -> Self {
        D1 { db, meter: None }
    }

    /// The same binding, recording into `cost`.
    pub fn metered(&self, cost: Rc<RefCell<Cost>>) -> Self {
        D1 {
            db: self.db.clone(),
            meter: Some(cost),
        }
    }

    fn prepare(&self, statement: &Statement) -> Result<D1PreparedStatement, Rejection<JsValue>> {
        let params: Array = statement.params.iter().map(to_js).collect();
        self.db
            .prepare(statement.sql)
            .and_then(|prepared| prepared.bind(&params))
            .map_err(d1_failure)
    }
}

/// One D1 result: its `results` array of row objects.
#[derive(Debug)]
pub struct D1Rows(Array);

impl D1Rows {
    /// The rows as the array D1 returned.
    pub fn into_array(self) -> Array {
        self.0
    }
}

impl ResultSet for D1Rows {
    fn len(&self) -> usize {
        self.0.length() as usize
    }

    /// One call into JS for the whole result.
    fn kinds(&self, columns: &[&str]) -> Result<Vec<SqlKind>, Error> {
        let names: Array = columns
            .iter()
            .map(|column| JsValue::from_str(column))
            .collect();
        let letters = cell_kinds(&self.0, &names)
            .map_err(|_| malformed("a result row could not be read".to_owned()))?;
        letters
            .bytes()
            .zip(columns.iter().cycle())
            .map(|(letter, column)| match letter {
                b't' => Ok(SqlKind::Text),
                b'n' => Ok(SqlKind::Null),
                b'#' => Ok(SqlKind::Number),
                b'b' => Ok(SqlKind::Blob),
                _ => Err(malformed(format!(
                    "column {column} is missing or not a SQL value"
                ))),
            })
            .collect()
    }

    fn text_at(&self, index: usize, column: &str) -> Result<Option<String>, Error> {
        // Our own copy of D1's array: past its end `get` gives `undefined`, which `Reflect.get`
        // refuses with a caught error.
        Reflect::get(&self.0.get(index as u32), &JsValue::from_str(column))
            .map(|cell| cell.as_string())
            .map_err(|_| malformed(format!("column {column} could not be read")))
    }

    fn first_number(&self, column: &str) -> Result<Option<f64>, Error> {
        if self.0.length() == 0 {
            return Ok(None);
        }
        Reflect::get(&self.0.get(0), &JsValue::from_str(column))
            .map(|cell| cell.as_f64())
            .map_err(|_| malformed(format!("column {column} could not be read")))
    }

    /// Slices and reverses the copy this backend made of D1's array (a plain array: neither can
    /// throw).
    fn into_window(self, keep: usize, reversed: bool) -> Self {
        let window = self.0.slice(0, keep as u32);
        D1Rows(if reversed { window.reverse() } else { window })
    }
}

/// What a round trip gives.
type Sent<T> = Result<T, Rejection<JsValue>>;

impl Storage for D1 {
    type Rows = D1Rows;
    type Cause = JsValue;
    const MAX_VALUE_BYTES: usize = D1_MAX_VALUE_BYTES;

    async fn all(&self, statement: Statement) -> Sent<D1Rows> {
        {
            let prepared = self.prepare(&statement)?;
            let result = self.round_trip(1, prepared.all()).await?;
            rows_of(&result)
        }
    }

    async fn batch(&self, statements: Vec<Statement>) -> Sent<Vec<D1Rows>> {
        {
            let prepared = statements
                .iter()
                .map(|statement| self.prepare(statement).map(JsValue::from))
                .collect::<Result<Array, _>>()?;
            let results = self
                .round_trip(statements.len(), self.db.batch(&prepared))
                .await?;
            let results = copied_array(&results, "batch() did not resolve to an array", &results)?;
            if results.length() as usize != statements.len() {
                return Err(Rejection {
                    error: malformed(format!(
                        "batch() of {} statements resolved to {} results",
                        statements.len(),
                        results.length()
                    )),
                    cause: Some(results.into()),
                });
            }
            results.iter().map(|result| rows_of(&result)).collect()
        }
    }
}

impl D1 {
    /// Awaits what a D1 call of `statements` statements returned (`sent`: a promise, or what it
    /// threw) and records the round trip when metered: each result's `meta` (one result for
    /// `all`, an array of them for `batch`), or none when it failed.
    async fn round_trip(
        &self,
        statements: usize,
        sent: Result<JsValue, JsValue>,
    ) -> Result<JsValue, Rejection<JsValue>> {
        let answer = match sent {
            Ok(returned) => settled(&returned).await,
            Err(thrown) => Err(thrown),
        };
        if let Some(cost) = &self.meter {
            let results = match &answer {
                Ok(answer) if is_array(answer) == Ok(true) => {
                    array_from(answer).unwrap_or_default()
                }
                Ok(answer) => Array::of1(answer),
                Err(_) => Array::new(),
            };
            let metas = results.iter().map(|result| meta_of(&result));
            cost.borrow_mut().round_trip(statements, metas);
        }
        answer.map_err(d1_failure)
    }
}

/// The figures D1 reported in a result's `meta`; whatever is missing or not of its type is `None`
/// (a faulty binding's result included: every read here catches).
fn meta_of(result: &JsValue) -> Meta {
    let meta = Reflect::get(result, &JsValue::from_str("meta")).unwrap_or(JsValue::UNDEFINED);
    let field =
        |name: &str| Reflect::get(&meta, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    Meta {
        rows_read: field("rows_read").as_f64(),
        rows_written: field("rows_written").as_f64(),
        duration_ms: field("duration").as_f64(),
        served_by_region: field("served_by_region").as_string(),
        served_by_primary: field("served_by_primary").as_bool(),
    }
}

/// The rows of one `D1Result`: a copy of its `results` array. Anything else is malformed, with
/// the whole result as the cause.
fn rows_of(result: &JsValue) -> Result<D1Rows, Rejection<JsValue>> {
    let what = "a D1 result has no results array";
    match Reflect::get(result, &JsValue::from_str("results")) {
        Ok(rows) => copied_array(&rows, what, result).map(D1Rows),
        Err(_) => Err(malformed_because(what, result.clone())),
    }
}

/// A plain copy of an array D1 handed back, so that reading its length or elements later cannot
/// throw (D1's own array could be a Proxy, and a JS exception thrown through wasm would leave the
/// call's promise unsettled). When `value` is not an array, the failure is `what` with `answer`
/// (what D1 resolved to) as the cause; when copying throws, what was thrown is the cause.
fn copied_array(
    value: &JsValue,
    what: &str,
    answer: &JsValue,
) -> Result<Array, Rejection<JsValue>> {
    match is_array(value) {
        Ok(true) => array_from(value).map_err(|thrown| malformed_because(what, thrown)),
        Ok(false) => Err(malformed_because(what, answer.clone())),
        Err(thrown) => Err(malformed_because(what, thrown)),
    }
}

/// A parameter as D1 binds it. NULL is `null`: D1 refuses `undefined`.
fn to_js(value: &SqlValue) -> JsValue {
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

/// D1 threw or rejected: keep its error as the cause and its message as ours, and read the
/// violated constraint out of D1's text, which relays SQLite's: `D1_ERROR: FOREIGN KEY constraint
/// failed: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_FOREIGNKEY)`.
fn d1_failure(cause: JsValue) -> Rejection<JsValue> {
    let message = message_of(&cause)
        .or_else(|| cause.as_string())
        .unwrap_or_else(|| "D1 failed without a message".to_owned());
    Rejection {
        error: Error::Storage {
            violation: Violation::from_sqlite_message(&message),
            message,
        },
        cause: Some(cause),
    }
}

/// What a D1 call returned, awaited: a promise, or (from a faulty binding) a plain value or a
/// thenable that throws, each of which settles (the throw as a rejection) instead of crossing the
/// wasm as an exception.
async fn settled(returned: &JsValue) -> Result<JsValue, JsValue> {
    wasm_bindgen_futures::JsFuture::from(settle(returned)?).await
}

fn malformed(what: String) -> Error {
    Error::MalformedResult(what)
}

fn malformed_because(what: &str, cause: JsValue) -> Rejection<JsValue> {
    Rejection {
        error: malformed(what.to_owned()),
        cause: Some(cause),
    }
}
