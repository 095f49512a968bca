//! The results as the plain JS objects the handlers read: snake_case keys, `title: null` when
//! untitled, `metadata` a real object and absent when none was stored.
//!
//! Reads hand back D1's own row objects, which the core has checked: they already have exactly the
//! contract's keys, in SELECT order, so nothing is copied through wasm memory and a conversation
//! of 10,000 messages costs what reading it costs. Writes build a fresh object from the model.

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::JsValue;

use crate::d1_database::D1;
use crate::data_layer::{FoundConversation, Rows};
use crate::database::Rejection;
use crate::error::Error;
use crate::model::{ClientSession, Conversation, Message};
use crate::validate::quote;

type Converted = Result<JsValue, Rejection<JsValue>>;

/// A session as a new object: the row's values, and `metadata` parsed into an object or left out
/// when NULL. The row itself is not modified: whoever handed it to us may hold it too.
pub fn session(rows: Rows<ClientSession, D1>) -> Converted {
    let row = only_row(rows);
    let value = |key: &str| Reflect::get(&row, &JsValue::from_str(key)).map_err(failed);
    let mut properties = vec![
        ("id", value("id")?),
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

/// A new conversation. `title` is `null`, never absent, when there is none.
pub fn conversation(conversation: &Conversation) -> Converted {
    let title = conversation
        .title
        .as_deref()
        .map_or(JsValue::NULL, JsValue::from_str);
    object(&[
        ("id", conversation.id.as_str().into()),
        ("session_id", conversation.session_id.as_str().into()),
        ("title", title),
        ("created_at", conversation.created_at.as_str().into()),
        ("updated_at", conversation.updated_at.as_str().into()),
    ])
}

/// A new message.
pub fn message(message: &Message) -> Converted {
    object(&[
        ("id", message.id.as_str().into()),
        ("conversation_id", message.conversation_id.as_str().into()),
        ("role", message.role.as_str().into()),
        ("content", message.content.as_str().into()),
        ("created_at", message.created_at.as_str().into()),
    ])
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
