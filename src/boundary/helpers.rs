//! The helper functions the old models offered, now from Rust, and the bookmark check a Worker
//! relaying D1 bookmarks needs.

use wasm_bindgen::prelude::*;

use crate::boundary::externs::get_random_values;
use crate::core::ids::{is_bookmark, is_valid_session_id, uuid_v4};
use crate::core::model::MessageRole;

fn random_uuid() -> Result<String, JsValue> {
    let mut bytes = [0u8; 16];
    get_random_values(&mut bytes)?;
    Ok(uuid_v4(bytes))
}

/// A new random session id (UUID v4, lower case). Throws only if `crypto` is unavailable.
#[wasm_bindgen(js_name = generateSessionId)]
pub fn generate_session_id() -> Result<String, JsValue> {
    random_uuid()
}

/// A new random conversation id (UUID v4, lower case).
#[wasm_bindgen(js_name = generateConversationId)]
pub fn generate_conversation_id() -> Result<String, JsValue> {
    random_uuid()
}

/// A new random message id (UUID v4, lower case).
#[wasm_bindgen(js_name = generateMessageId)]
pub fn generate_message_id() -> Result<String, JsValue> {
    random_uuid()
}

/// True when `value` is a string holding a hyphenated UUID v4; false for anything else.
#[wasm_bindgen(js_name = isValidSessionId)]
pub fn is_valid_session_id_js(value: JsValue) -> bool {
    value
        .as_string()
        .is_some_and(|text| is_valid_session_id(&text))
}

/// True when `value` is `"user"` or `"assistant"`; false for anything else.
#[wasm_bindgen(js_name = isValidMessageRole)]
pub fn is_valid_message_role(value: JsValue) -> bool {
    value
        .as_string()
        .is_some_and(|text| MessageRole::parse(&text).is_some())
}

/// True when `value` is a string with the shape of a D1 bookmark (lower-case hex, as D1 hands them
/// out): what a Worker checks a relayed `x-d1-bookmark` with before `withSession(bookmark)`.
#[wasm_bindgen(js_name = isBookmark)]
pub fn is_bookmark_js(value: JsValue) -> bool {
    value.as_string().is_some_and(|text| is_bookmark(&text))
}
