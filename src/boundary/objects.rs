//! Fresh JS objects the wasm builds: what a drop-in write answers (keyed by the schema's column
//! names, in table order, as a read of the same row would be), counts, and the plain-object and
//! JSON helpers the answers share.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use crate::boundary::guarded;
use crate::core::arg::Scalar;
use crate::core::chat::retention::Purged;
use crate::core::chat::search_index::SearchProgress;
use crate::core::error::{quote, Error};
use crate::core::model::{Conversation, Message};
use crate::core::schema::{Columns, CONVERSATIONS, MESSAGE_CONTRACT};
use crate::core::storage::Rejection;

/// A JS value, or why it could not be made.
pub type Converted = Result<JsValue, Rejection<JsValue>>;

/// A new conversation. `given` holds the caller's `id`, `sessionId` and `title`; each is answered
/// as `answer` says (a string as stored, anything else as given). `title` is `null`, never absent, when none was stored.
pub fn conversation(conversation: &Conversation<Scalar>, given: [&JsValue; 3]) -> Converted {
    let [id, session_id, title] = given;
    let stored_title = conversation
        .title
        .as_ref()
        .map_or(JsValue::NULL, |stored| answer(stored, title));
    keyed(
        CONVERSATIONS,
        [
            answer(&conversation.id, id),
            answer(&conversation.session_id, session_id),
            stored_title,
            conversation.created_at.as_str().into(),
            conversation.updated_at.as_str().into(),
        ],
    )
}

/// A new message. `given` holds the caller's `id`, `conversationId` and `content`.
pub fn message(message: &Message<Scalar>, given: [&JsValue; 3]) -> Converted {
    let [id, conversation_id, content] = given;
    keyed(
        MESSAGE_CONTRACT,
        [
            answer(&message.id, id),
            answer(&message.conversation_id, conversation_id),
            message.role.as_str().into(),
            answer(&message.content, content),
            message.created_at.as_str().into(),
        ],
    )
}

/// A row as a plain object: the table's column names as keys, with `values` in table order.
fn keyed<C: sea_query::Iden + Copy, const N: usize>(
    columns: Columns<C>,
    values: [JsValue; N],
) -> Converted {
    let properties: Vec<(&str, JsValue)> = columns.names().zip(values).collect();
    object(&properties)
}

/// What a drop-in write answers for one of the caller's values: a string as stored (well-formed),
/// anything else the very value given, as the old layer did (see [`Scalar::is_text`]).
fn answer(stored: &Scalar, given: &JsValue) -> JsValue {
    match stored {
        Scalar::Text(text) => JsValue::from_str(text),
        _ => given.clone(),
    }
}

/// A plain object with these properties, in this order.
pub fn object(properties: &[(&str, JsValue)]) -> Converted {
    let object: JsValue = Object::new().into();
    for (key, value) in properties {
        Reflect::set(&object, &JsValue::from_str(key), value).map_err(failed)?;
    }
    Ok(object)
}

/// A column's stored JSON as a JS value; a row whose text is not JSON is refused, naming it.
pub fn parse_json(column: &str, json: String) -> Converted {
    guarded::parse_json(&json).map_err(|cause| Rejection {
        error: Error::UnexpectedColumnValue {
            column: column.to_owned(),
            value: quote(&json),
        },
        cause: Some(cause),
    })
}

/// `{ name: count, ... }`, e.g. what `erase` deleted.
pub fn counts(counts: &[(&str, usize)]) -> Converted {
    let properties: Vec<(&str, JsValue)> = counts
        .iter()
        .map(|(name, count)| (*name, JsValue::from_f64(*count as f64)))
        .collect();
    object(&properties)
}

/// `purgeInactiveSessions`' answer: `{ sessions, done }`.
pub fn purged(purged: Purged) -> Converted {
    object(&[
        ("sessions", JsValue::from_f64(purged.sessions as f64)),
        ("done", JsValue::from_bool(purged.done)),
    ])
}

/// `enableSearch`'s answer: `{ indexed, done }`.
pub fn search_progress(progress: SearchProgress) -> Converted {
    object(&[
        ("indexed", JsValue::from_f64(progress.indexed as f64)),
        ("done", JsValue::from_bool(progress.done)),
    ])
}

/// A property that could not be set or read on an object the wasm holds.
pub fn failed(cause: JsValue) -> Rejection<JsValue> {
    Rejection {
        error: Error::ToJs("a property could not be set".to_owned()),
        cause: Some(cause),
    }
}
