//! The core's models as the plain JS objects the handlers read: snake_case keys, `title: null`
//! when untitled, `metadata` a real object and absent when none was stored.

use js_sys::{Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::database::Rejection;
use crate::error::Error;
use crate::model::ClientSession;
use crate::validate::quote;

/// Any serializable model (or list or `Option` of models) as plain JS objects and arrays.
/// `None` becomes `null`, never `undefined`.
pub fn plain<T: Serialize>(value: &T) -> Result<JsValue, Rejection<JsValue>> {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);
    value
        .serialize(&serializer)
        .map_err(|e| Error::ToJs(e.to_string()).into())
}

/// A session, with its stored metadata parsed back into an object (or the key left out).
pub fn session(session: &ClientSession) -> Result<JsValue, Rejection<JsValue>> {
    let object = plain(session)?;
    if let Some(json) = &session.metadata_json {
        let metadata = JSON::parse(json).map_err(|cause| Rejection {
            error: Error::UnexpectedColumnValue {
                column: "metadata".to_owned(),
                value: quote(json),
            },
            cause: Some(cause),
        })?;
        Reflect::set(&object, &JsValue::from_str("metadata"), &metadata).map_err(|e| {
            Rejection {
                error: Error::ToJs("setting metadata failed".to_owned()),
                cause: Some(e),
            }
        })?;
    }
    Ok(object)
}
