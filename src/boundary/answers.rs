//! The results as the plain JS objects the handlers read: snake_case keys, `title: null` when
//! untitled, `metadata` a real object and absent when none was stored.
//!
//! Reads hand back the engine's own row objects, which the core has checked: they already have
//! exactly the contract's keys, in SELECT order, so nothing is copied through wasm memory and a
//! conversation of 10,000 messages costs what reading it costs (the chat API's messages only have
//! their `metadata` parsed in place). Writes build a fresh object keyed by the
//! schema's column names, in table order, as a read of the same row would be.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::boundary::backend::Backend;
use crate::boundary::guarded;
use crate::core::arg::Scalar;
use crate::core::chat::pages::{ConversationPage, Page};
use crate::core::chat::retention::Purged;
use crate::core::chat::turns::Turn;
use crate::core::dropin::conversations::FoundConversation;
use crate::core::dropin::sessions::FoundSession;
use crate::core::error::quote;
use crate::core::error::Error;
use crate::core::layer::Rows;
use crate::core::model::{ChatMessage, ClientSession, Conversation, Message};
use crate::core::schema::{Columns, CONVERSATIONS, MESSAGE_CONTRACT};
use crate::core::storage::Rejection;

type Converted = Result<JsValue, Rejection<JsValue>>;

/// A drop-in session: [`session_row`], with `given_id` as its id when the core says the old layer
/// answered with it.
pub fn session(found: FoundSession<Backend>, given_id: &JsValue) -> Converted {
    let id = found.answers_given_id.then_some(given_id);
    session_row(found.rows, id)
}

/// A session as a new object: the row's values (`id` instead of the stored one when given), and
/// `metadata` parsed from its JSON or left out when NULL. The row itself is not modified: whoever
/// handed it to us may hold it too.
pub fn session_row(rows: Rows<ClientSession, Backend>, id: Option<&JsValue>) -> Converted {
    let row = only_row(rows);
    let value = |key: &str| guarded::get(&row, key).map_err(failed);
    let id = match id {
        Some(id) => id.clone(),
        None => value("id")?,
    };
    let mut properties = vec![
        ("id", id),
        ("created_at", value("created_at")?),
        ("last_activity", value("last_activity")?),
    ];
    if let Some(json) = value("metadata")?.as_string() {
        properties.push(("metadata", parse_json("metadata", json)?));
    }
    object(&properties)
}

/// A column's stored JSON as a JS value; a row whose text is not JSON is refused, naming it.
fn parse_json(column: &str, json: String) -> Converted {
    guarded::parse_json(&json).map_err(|cause| Rejection {
        error: Error::UnexpectedColumnValue {
            column: column.to_owned(),
            value: quote(&json),
        },
        cause: Some(cause),
    })
}

/// `startTurn`'s `Turn`: `{ session, conversation, message, history, history_truncated }`.
pub fn turn(turn: Turn<Backend>) -> Converted {
    object(&[
        ("session", session_row(turn.session, None)?),
        ("conversation", only_row(turn.conversation)),
        ("message", chat_message(turn.message)?),
        ("history", chat_messages(turn.history)?),
        (
            "history_truncated",
            JsValue::from_bool(turn.history_truncated),
        ),
    ])
}

/// A page: `{ [name]: rows, next_cursor }`, the cursor `null` on the last page.
pub fn page<M>(name: &str, page: Page<M, Backend>) -> Converted {
    let cursor = page
        .next_cursor
        .as_deref()
        .map_or(JsValue::NULL, JsValue::from_str);
    object(&[(name, rows(page.rows)), ("next_cursor", cursor)])
}

/// `getConversation`'s answer: `{ conversation, messages, next_cursor }`, or `null`.
pub fn conversation_page(found: Option<ConversationPage<Backend>>) -> Converted {
    let Some(found) = found else {
        return Ok(JsValue::NULL);
    };
    let cursor = found
        .messages
        .next_cursor
        .as_deref()
        .map_or(JsValue::NULL, JsValue::from_str);
    object(&[
        ("conversation", only_row(found.conversation)),
        ("messages", chat_messages(found.messages.rows)?),
        ("next_cursor", cursor),
    ])
}

/// The one chat API message of a checked result: [`chat_messages`]'s row.
pub fn chat_message(rows: Rows<ChatMessage, Backend>) -> Converted {
    Ok(chat_messages(rows)?.unchecked_into::<Array>().get(0))
}

/// Chat API messages as the engine returned them, each with `metadata` parsed into an object, or
/// the key removed when none was stored: the rows are the engine's fresh objects, made for this
/// call and held by no one else, so they are changed in place rather than copied.
pub fn chat_messages(rows: Rows<ChatMessage, Backend>) -> Converted {
    let array = rows.into_inner().into_array();
    let key = JsValue::from_str("metadata");
    for row in array.iter() {
        let stored = guarded::get(&row, "metadata").map_err(failed)?;
        match stored.as_string() {
            Some(json) => {
                let metadata = parse_json("metadata", json)?;
                Reflect::set(&row, &key, &metadata).map_err(failed)?;
            }
            None => {
                Reflect::delete_property(row.unchecked_ref::<Object>(), &key).map_err(failed)?;
            }
        }
    }
    Ok(array.into())
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

/// The one row of a checked result, as D1 returned it.
pub fn row<M>(rows: Rows<M, Backend>) -> JsValue {
    only_row(rows)
}

/// A checked result as the array of row objects D1 returned.
pub fn rows<M>(rows: Rows<M, Backend>) -> JsValue {
    rows.into_inner().into_array().into()
}

/// The row of a result the data layer checked to hold exactly one.
fn only_row<M>(rows: Rows<M, Backend>) -> JsValue {
    rows.into_inner().into_array().get(0)
}

/// `{ conversation, messages }`, or `null` when the conversation does not exist.
pub fn found(found: Option<FoundConversation<Backend>>) -> Converted {
    let Some(found) = found else {
        return Ok(JsValue::NULL);
    };
    object(&[
        ("conversation", only_row(found.conversation)),
        ("messages", rows(found.messages)),
    ])
}

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
