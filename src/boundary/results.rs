//! What both storage backends hand back, in one shape: D1's (`{ results, meta }` per statement).
//! The rows of a result as a [`ResultSet`] over the engine's own row objects (copied into a plain
//! array, nothing else), the figures of its `meta`, and an engine failure as the core's error.

use js_sys::Array;
use wasm_bindgen::JsValue;

use crate::boundary::args::message_of;
use crate::boundary::externs::{cell_kinds, is_array};
use crate::boundary::guarded::{self, array_copy};
use crate::core::cost::Meta;
use crate::core::error::Error;
use crate::core::storage::Rejection;
use crate::core::value::{ResultSet, SqlKind};

/// One statement's rows: a plain copy of the array of row objects the engine returned (D1's
/// `results`, or a Durable Object cursor's rows, which the backend hands over in D1's shape).
#[derive(Debug)]
pub struct JsRows(Array);

impl JsRows {
    /// The rows, as the engine returned them.
    pub fn into_array(self) -> Array {
        self.0
    }
}

impl ResultSet for JsRows {
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
        guarded::get(&self.0.get(index as u32), column)
            .map(|cell| cell.as_string())
            .map_err(|_| malformed(format!("column {column} could not be read")))
    }

    fn number_at(&self, index: usize, column: &str) -> Result<Option<f64>, Error> {
        if index >= self.0.length() as usize {
            return Ok(None);
        }
        guarded::get(&self.0.get(index as u32), column)
            .map(|cell| cell.as_f64())
            .map_err(|_| malformed(format!("column {column} could not be read")))
    }

    /// Slices and reverses the copy this backend made of D1's array (a plain array: neither can
    /// throw).
    fn into_window(self, keep: usize, reversed: bool) -> Self {
        let window = self.0.slice(0, keep as u32);
        JsRows(if reversed { window.reverse() } else { window })
    }
}

/// The figures the engine reported in a result's `meta` (D1's, or the Durable Object backend's
/// copy of its cursor's); whatever is missing or not of its type is `None`
/// (a faulty binding's result included: every read here catches).
pub fn meta_of(result: &JsValue) -> Meta {
    let meta = guarded::get(result, "meta").unwrap_or(JsValue::UNDEFINED);
    let field = |name: &str| guarded::get(&meta, name).unwrap_or(JsValue::UNDEFINED);
    Meta {
        rows_read: field("rows_read").as_f64(),
        rows_written: field("rows_written").as_f64(),
        duration_ms: field("duration").as_f64(),
        served_by_region: field("served_by_region").as_string(),
        served_by_primary: field("served_by_primary").as_bool(),
    }
}

/// The rows of one result (`{ results, meta }`, D1's shape): a copy of its `results` array.
/// Anything else is malformed, with the whole result as the cause.
pub fn rows_of(result: &JsValue) -> Result<JsRows, Rejection<JsValue>> {
    let what = "a result has no results array";
    match guarded::get(result, "results") {
        Ok(rows) => copied_array(&rows, what, result).map(JsRows),
        Err(_) => Err(malformed_because(what, result.clone())),
    }
}

/// A plain copy of an array D1 handed back, so that reading its length or elements later cannot
/// throw (D1's own array could be a Proxy, and a JS exception thrown through wasm would leave the
/// call's promise unsettled). When `value` is not an array, the failure is `what` with `answer`
/// (what D1 resolved to) as the cause; when copying throws, what was thrown is the cause.
pub fn copied_array(
    value: &JsValue,
    what: &str,
    answer: &JsValue,
) -> Result<Array, Rejection<JsValue>> {
    match is_array(value) {
        Ok(true) => array_copy(value).map_err(|thrown| malformed_because(what, thrown)),
        Ok(false) => Err(malformed_because(what, answer.clone())),
        Err(thrown) => Err(malformed_because(what, thrown)),
    }
}

/// The engine threw or rejected: keep its error as the cause and its message as ours, and read the
/// violated constraint out of its text, which relays SQLite's (D1: `D1_ERROR: FOREIGN KEY
/// constraint failed: SQLITE_CONSTRAINT (extended: ...)`; a Durable Object the same without the
/// `D1_ERROR: ` prefix).
pub fn engine_failure(cause: JsValue) -> Rejection<JsValue> {
    let message = message_of(&cause)
        .or_else(|| cause.as_string())
        .unwrap_or_else(|| "the storage failed without a message".to_owned());
    Rejection {
        error: Error::storage(message),
        cause: Some(cause),
    }
}

/// A result that is not what the engine promises, saying what was wrong.
pub fn malformed(what: String) -> Error {
    Error::MalformedResult(what)
}

/// [`malformed`], keeping what the engine handed back (or threw) as the cause.
pub fn malformed_because(what: &str, cause: JsValue) -> Rejection<JsValue> {
    Rejection {
        error: malformed(what.to_owned()),
        cause: Some(cause),
    }
}
