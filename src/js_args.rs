//! The caller's JS arguments as Rust values. Each method takes its arguments as raw `JsValue`s so
//! that nothing a Worker passes can make the generated glue throw or the wasm panic; this module
//! decides what each JS value means and rejects the rest with a validation [`Error`].

use js_sys::{JsString, Number, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::database::Rejection;
use crate::error::Error;
use crate::validate::JsNumber;

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray`; `Err` holds what JS threw while looking, as it does for a revoked Proxy.
    /// js-sys's binding does not catch: a JS exception thrown through wasm would leave the call's
    /// promise unsettled forever.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    pub fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// The `message` of a thrown JS value, when it has a string one.
pub fn message_of(error: &JsValue) -> Option<String> {
    Reflect::get(error, &JsValue::from_str("message"))
        .ok()
        .and_then(|message| message.as_string())
}

/// What a JS value is, in words for an error message: `a number`, `null`, `an array`...
pub fn describe(value: &JsValue) -> String {
    if value.is_null() {
        return "null".to_owned();
    }
    match is_array(value) {
        Ok(true) => return "an array".to_owned(),
        Ok(false) => {}
        Err(_) => return "an object that cannot be inspected (a revoked Proxy?)".to_owned(),
    }
    let kind = value.js_typeof().as_string().unwrap_or_default();
    match kind.as_str() {
        "undefined" => "undefined".to_owned(),
        "object" => "an object".to_owned(),
        other => format!("a {other}"),
    }
}

/// A required string argument. Strings holding a lone surrogate are refused: UTF-8 cannot hold
/// them, and storing a silently altered copy would corrupt the caller's data.
pub fn string(argument: &'static str, value: &JsValue) -> Result<String, Error> {
    let text = value
        .dyn_ref::<JsString>()
        .ok_or_else(|| Error::NotAString {
            argument,
            found: describe(value),
        })?;
    if !text.is_well_formed() {
        return Err(Error::MalformedString { argument });
    }
    Ok(String::from(text))
}

/// The optional conversation title: `undefined`, `null` and `""` all mean none (the old layer's
/// falsy check); any other non-string is refused rather than stored as something else.
pub fn optional_title(value: &JsValue) -> Result<Option<String>, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    string("title", value).map(Some)
}

/// The message role, still unchecked: the core decides which strings are roles.
pub fn role(value: &JsValue) -> Result<String, Error> {
    if !value.is_string() {
        return Err(Error::InvalidRole {
            found: describe(value),
        });
    }
    string("role", value)
}

/// The optional list limit: `undefined` for the default, else a number the core checks.
pub fn optional_limit(value: &JsValue) -> Result<Option<JsNumber>, Error> {
    if value.is_undefined() {
        return Ok(None);
    }
    let number = value.as_f64().ok_or_else(|| Error::InvalidLimit {
        found: describe(value),
    })?;
    // Number.prototype.toString cannot throw on a number with radix 10.
    let shown = value
        .unchecked_ref::<Number>()
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default();
    Ok(Some(JsNumber {
        value: number,
        shown,
    }))
}

/// Optional session metadata as JSON text. `undefined` and `null` mean none. Anything else must be
/// a plain object (its prototype `Object.prototype` or `null`): not an array, Map, Date or class
/// instance, whose JSON form would not read back as what was passed. It is serialized with the
/// runtime's own `JSON.stringify`, exactly as the old layer did, so what reads back is what the old
/// layer would have returned; a value JSON cannot hold (a BigInt, a cycle, a throwing getter) is
/// refused with the thrown error as the cause.
pub fn optional_metadata(value: &JsValue) -> Result<Option<String>, Rejection<JsValue>> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let not_plain = || Error::InvalidMetadata {
        found: describe(value),
    };
    if !value.is_object() {
        return Err(not_plain().into());
    }
    match is_array(value) {
        Ok(false) => {}
        Ok(true) => return Err(not_plain().into()),
        Err(cause) => {
            return Err(Rejection {
                error: not_plain(),
                cause: Some(cause),
            })
        }
    }
    let prototype = Reflect::get_prototype_of(value).map_err(|cause| Rejection {
        error: not_plain(),
        cause: Some(cause),
    })?;
    let object_prototype = Object::get_prototype_of(&Object::new().into());
    if !(prototype.is_null() || prototype == object_prototype) {
        return Err(not_plain().into());
    }
    let json = JSON::stringify(value).map_err(|cause| Rejection {
        error: Error::InvalidMetadata {
            found: format!(
                "an object JSON cannot represent ({})",
                message_of(&cause).as_deref().unwrap_or("it threw")
            ),
        },
        cause: Some(cause),
    })?;
    Ok(Some(String::from(json)))
}
