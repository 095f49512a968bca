//! The caller's JS arguments as Rust values. Each method takes its arguments as raw `JsValue`s so
//! that nothing a Worker passes can make the generated glue throw or the wasm panic; this module
//! says what kind of value each is, and the core decides what the method does with it.

use js_sys::{JsString, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::boundary::externs::is_array;
use crate::boundary::guarded::{self, binary_values};
use crate::core::arg::{bytes, wrapped_bytes, Arg, MAX_ARRAY_DEPTH};
use crate::core::chat::args::{MessageArgs, TurnArgs};
use crate::core::chat::parts::{PartArgs, PartsArgs};
use crate::core::chat::replies::ReplyArgs;
use crate::core::chat::saving::{MessageList, MAX_MESSAGES};
use crate::core::dropin::sessions::Metadata;
use crate::core::validate::D1_MAX_VALUE_BYTES;

/// The `message` of a thrown JS value, when it has a string one.
pub fn message_of(error: &JsValue) -> Option<String> {
    guarded::get(error, "message")
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

/// A drop-in method's argument, sorted the way the old layer's answer depended on it. Strings come
/// out well-formed (each lone surrogate replaced by U+FFFD, as `String.prototype.toWellFormed`),
/// so what is stored is valid UTF-8 and what is returned is what was stored. Nothing here throws:
/// `typeof` never does, and the array checks go through catching imports (a revoked Proxy makes
/// them throw; it then counts as an object, which D1 would have refused anyway).
pub fn arg(value: &JsValue) -> Arg {
    arg_within(value, MAX_ARRAY_DEPTH)
}

fn arg_within(value: &JsValue, depth: usize) -> Arg {
    if let Some(text) = value.dyn_ref::<JsString>() {
        // Copying a string into wasm already replaces each lone surrogate by U+FFFD.
        return if text.is_well_formed() {
            Arg::Text(String::from(text))
        } else {
            Arg::RepairedText(String::from(text))
        };
    }
    if let Some(x) = value.as_f64() {
        return Arg::Number(x);
    }
    if let Some(b) = value.as_bool() {
        return Arg::Boolean(b);
    }
    if value.is_undefined() {
        return Arg::Undefined;
    }
    if value.is_null() {
        return Arg::Null;
    }
    if value.is_bigint() {
        // `0n == 0` is true and compares without throwing.
        return Arg::BigInt {
            zero: value.loose_eq(&JsValue::from_f64(0.0)),
        };
    }
    if value.is_symbol() {
        return Arg::Primitive("a symbol");
    }
    if value.is_function() {
        return Arg::Primitive("a function");
    }
    match binary_values(value) {
        Ok(values) if values.is_undefined() => {}
        Ok(values) => {
            let elements = array_items(&values).unwrap_or_default();
            return Arg::Bytes(wrapped_bytes(elements.iter().map(JsValue::as_f64)));
        }
        Err(_) => return Arg::Object,
    }
    match is_array(value) {
        Ok(true) if depth > 0 => {}
        Ok(false) if is_plain_object(value) => return Arg::PlainObject,
        _ => return Arg::Object,
    }
    let items = match array_items(value) {
        Some(items) => items,
        None => return Arg::Object,
    };
    let only = match items.as_slice() {
        [item] => Some(Box::new(arg_within(item, depth - 1))),
        _ => None,
    };
    Arg::Array {
        only,
        bytes: numbers_as_bytes(items),
    }
}

/// The bytes D1 binds for these elements, by the core's rule.
fn numbers_as_bytes(items: Vec<JsValue>) -> Option<Vec<u8>> {
    bytes(items.iter().map(JsValue::as_f64))
}

/// True for an object whose prototype is `Object.prototype` or `null`: what a JSON body or an
/// object literal holds (not a Date, Map or class instance). A Proxy whose trap throws is not.
fn is_plain_object(value: &JsValue) -> bool {
    match guarded::prototype_of(value) {
        Ok(prototype) => {
            prototype.is_null()
                || prototype == JsValue::from(Object::get_prototype_of(&Object::new().into()))
        }
        Err(_) => false,
    }
}

/// The elements of an array, read through catching imports; `None` when reading one throws (a
/// Proxy) or the array is longer than anything D1 stores in one value.
fn array_items(array: &JsValue) -> Option<Vec<JsValue>> {
    let length = guarded::get(array, "length").ok()?.as_f64()?;
    if length > D1_MAX_VALUE_BYTES as f64 {
        return None;
    }
    (0..length as u32)
        .map(|index| guarded::get_index(array, index).ok())
        .collect()
}

/// `getOrCreateSession`'s metadata: the value, and `JSON.stringify(value)` by the runtime's own
/// serializer, exactly as the old layer called it (`undefined` when it yields nothing; the error
/// when it throws: a BigInt, a cycle, a throwing getter). The data layer decides whether it is used.
pub fn metadata(value: &JsValue) -> Metadata<JsValue> {
    Metadata {
        arg: arg(value),
        json: guarded::stringify_json(value),
    }
}

/// The property `name` of `object` as an [`Arg`], through a catching read; `undefined` when
/// `object` is not a plain object (the core then refuses `object` itself), and a value the core
/// refuses when the read throws (a getter, a Proxy trap).
pub fn field(object: &JsValue, parent: &Arg, name: &str) -> Arg {
    // Options left out altogether (`undefined`) read as an empty object.
    if *parent != Arg::PlainObject || object.is_undefined() {
        return Arg::Undefined;
    }
    match guarded::get(object, name) {
        Ok(value) => arg(&value),
        Err(_) => Arg::Primitive("a property that throws when read"),
    }
}

/// The property `name` of `object` as a JS value, `undefined` when it cannot be read.
pub fn raw_field(object: &JsValue, name: &str) -> JsValue {
    guarded::get(object, name).unwrap_or(JsValue::UNDEFINED)
}

/// `addMessage`'s message argument, read field by field for the core to check.
pub fn message(value: &JsValue) -> MessageArgs<JsValue> {
    let message = arg(value);
    MessageArgs {
        id: field(value, &message, "id"),
        role: field(value, &message, "role"),
        content: field(value, &message, "content"),
        parts: parts_field(value, &message, "parts"),
        metadata: metadata_field(value, &message, "metadata"),
        message,
    }
}

/// `addMessage`'s message argument and its `parentId` (which `saveMessages`' messages, a path,
/// do not have).
pub fn message_under_parent(value: &JsValue) -> (MessageArgs<JsValue>, Arg) {
    let message = message(value);
    let parent_id = field(value, &message.message, "parentId");
    (message, parent_id)
}

/// `updateReply`'s or `finishReply`'s third argument, read field by field for the core to check.
pub fn reply(value: &JsValue) -> ReplyArgs<JsValue> {
    let reply = arg(value);
    ReplyArgs {
        content: field(value, &reply, "content"),
        parts: parts_field(value, &reply, "parts"),
        metadata: metadata_field(value, &reply, "metadata"),
        status: field(value, &reply, "status"),
        reply,
    }
}

/// The metadata property `name` of `object` (see [`metadata`]); none when `object` is not a plain
/// object (the core then refuses `object` itself).
fn metadata_field(object: &JsValue, parent: &Arg, name: &str) -> Metadata<JsValue> {
    if *parent == Arg::PlainObject {
        metadata(&raw_field(object, name))
    } else {
        metadata(&JsValue::UNDEFINED)
    }
}

/// `startTurn`'s argument, read field by field for the core to check.
pub fn turn(value: &JsValue) -> TurnArgs<JsValue> {
    let turn = arg(value);
    let new_conversation_value = raw_field(value, "newConversation");
    let new_conversation = field(value, &turn, "newConversation");
    let message_value = raw_field(value, "message");
    let message = field(value, &turn, "message");
    let session_metadata = metadata_field(value, &turn, "sessionMetadata");
    TurnArgs {
        conversation_id: field(value, &turn, "conversationId"),
        title: field(&new_conversation_value, &new_conversation, "title"),
        message_id: field(&message_value, &message, "id"),
        content: field(&message_value, &message, "content"),
        parts: parts_field(&message_value, &message, "parts"),
        history_limit: field(value, &turn, "historyLimit"),
        parent_id: field(value, &turn, "parentId"),
        reply: field(value, &turn, "reply"),
        reply_id: field(
            &raw_field(value, "reply"),
            &field(value, &turn, "reply"),
            "id",
        ),
        session_metadata,
        new_conversation,
        message,
        turn,
    }
}

/// An options argument: `undefined` reads as an empty plain object (every option left out);
/// anything else as it is, for the core to check.
pub fn options(value: &JsValue) -> Arg {
    match arg(value) {
        Arg::Undefined => Arg::PlainObject,
        other => other,
    }
}

/// A message's `parts` field: for an array, each element's type, text and `JSON.stringify`; the
/// field as an `Arg` otherwise (absent when the message is not a plain object).
fn parts_field(object: &JsValue, parent: &Arg, name: &str) -> PartsArgs<JsValue> {
    if *parent != Arg::PlainObject {
        return PartsArgs::absent();
    }
    let value = raw_field(object, name);
    let items = match is_array(&value) {
        Ok(true) => array_items(&value),
        _ => None,
    };
    let Some(items) = items else {
        return PartsArgs {
            arg: arg(&value),
            items: None,
        };
    };
    // Read no more than twice what a row can hold: past it the core refuses the message anyway,
    // and a string shared by many parts must not be copied into the wasm many times over.
    let mut bytes = 0;
    let mut read = Vec::new();
    for item in &items {
        if bytes > 2 * D1_MAX_VALUE_BYTES {
            break;
        }
        let part = part(item);
        bytes += part
            .json
            .as_ref()
            .map_or(0, |json| json.as_ref().map_or(0, String::len));
        read.push(part);
    }
    PartsArgs {
        arg: Arg::Object,
        items: Some(read),
    }
}

/// One element of `parts`, as the core checks it: its `text` read only for a text part.
fn part(value: &JsValue) -> PartArgs<JsValue> {
    let part = arg(value);
    let kind = field(value, &part, "type");
    let text = match &kind {
        Arg::Text(kind) if kind == "text" => field(value, &part, "text"),
        _ => Arg::Undefined,
    };
    PartArgs {
        kind,
        text,
        json: guarded::stringify_json(value),
        part,
    }
}

/// `saveMessages`' list: for an array of at most [`MAX_MESSAGES`], each element read as a message;
/// a longer one is left unread.
pub fn messages(value: &JsValue) -> MessageList<JsValue> {
    if is_array(value) != Ok(true) {
        return MessageList::NotAnArray(arg(value));
    }
    let length = guarded::get(value, "length").ok().and_then(|n| n.as_f64());
    if length.is_none_or(|n| n > MAX_MESSAGES as f64) {
        return MessageList::TooLong;
    }
    match array_items(value) {
        Some(items) => MessageList::Messages(items.iter().map(message).collect()),
        None => MessageList::NotAnArray(Arg::Object),
    }
}
