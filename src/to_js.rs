//! The results as the plain JS objects the handlers read: snake_case keys, `title: null` when
//! untitled, `metadata` a real object and absent when none was stored.
//!
//! Reads hand back D1's own row objects, which the core has checked: they already have exactly the
//! contract's keys, in SELECT order, so nothing is copied through wasm memory and a conversation
//! of 10,000 messages costs what reading it costs. Writes build a fresh object from the model.

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::JsValue;

use crate::arg::Scalar;
use crate::d1_database::D1;
use crate::data_layer::{FoundConversation, FoundSession, Rows};
use crate::database::Rejection;
use crate::error::Error;
use crate::model::{Conversation, Message};
use crate::validate::quote;

type Converted = Result<JsValue, Rejection<JsValue>>;

/// A session as a new object: the row's values (the id as given, when the old layer echoed it),
/// and `metadata` parsed from its JSON or left out when NULL. The row itself is not modified:
/// whoever handed it to us may hold it too.
pub fn session(found: FoundSession<D1>) -> Converted {
    let row = only_row(found.rows);
    let value = |key: &str| Reflect::get(&row, &JsValue::from_str(key)).map_err(failed);
    let id = match &found.given_id {
        Some(given) => scalar(given),
        None => value("id")?,
    };
    let mut properties = vec![
        ("id", id),
        ("created_at", value("created_at")?),
        ("last_activity", value("last_activity")?),
    ];
    if let Some(json) = value("metadata")?.as_string() {
        let metadata = JSON::parse(&json).map_err(|cause| Rejection {
            error: Error::UnexpectedColumnValue {
                column: "metadata".to_owned(),
                value: quote(&json),
            },
            cause: Some(cause),
        })?;
        properties.push(("metadata", metadata));
    }
    object(&properties)
}

/// A checked result as the array of row objects D1 returned.
pub fn rows<M>(rows: Rows<M, D1>) -> JsValue {
    rows.into_inner().into_array().into()
}

/// The row of a result the data layer checked to hold exactly one.
fn only_row<M>(rows: Rows<M, D1>) -> JsValue {
    rows.into_inner().into_array().get(0)
}

/// `{ conversation, messages }`, or `null` when the conversation does not exist.
pub fn found(found: Option<FoundConversation<D1>>) -> Converted {
    let Some(found) = found else {
        return Ok(JsValue::NULL);
    };
    object(&[
        ("conversation", only_row(found.conversation)),
        ("messages", rows(found.messages)),
    ])
}

/// A new conversation, with the values as given. `title` is `null`, never absent, when there is
/// none.
pub fn conversation(conversation: &Conversation<Scalar>) -> Converted {
    object(&[
        ("id", scalar(&conversation.id)),
        ("session_id", scalar(&conversation.session_id)),
        (
            "title",
            conversation.title.as_ref().map_or(JsValue::NULL, scalar),
        ),
        ("created_at", conversation.created_at.as_str().into()),
        ("updated_at", conversation.updated_at.as_str().into()),
    ])
}

/// A new message, with the values as given.
pub fn message(message: &Message<Scalar>) -> Converted {
    object(&[
        ("id", scalar(&message.id)),
        ("conversation_id", scalar(&message.conversation_id)),
        ("role", message.role.as_str().into()),
        ("content", scalar(&message.content)),
        ("created_at", message.created_at.as_str().into()),
    ])
}

/// A value the caller gave, as JS sees it again: the same string (well-formed), number, boolean,
/// `null` or `undefined`.
fn scalar(value: &Scalar) -> JsValue {
    match value {
        Scalar::Undefined => JsValue::UNDEFINED,
        Scalar::Null => JsValue::NULL,
        Scalar::Boolean(b) => JsValue::from_bool(*b),
        Scalar::Number(x) => JsValue::from_f64(*x),
        Scalar::Text(text) => JsValue::from_str(text),
    }
}

/// A plain object with these properties, in this order.
fn object(properties: &[(&str, JsValue)]) -> Converted {
    let object: JsValue = Object::new().into();
    for (key, value) in properties {
        Reflect::set(&object, &JsValue::from_str(key), value).map_err(failed)?;
    }
    Ok(object)
}

fn failed(cause: JsValue) -> Rejection<JsValue> {
    Rejection {
        error: Error::ToJs("a property could not be set".to_owned()),
        cause: Some(cause),
    }
}
