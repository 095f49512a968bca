//! The results as the plain JS objects the handlers read: snake_case keys, `title: null` when
//! untitled, JSON columns parsed (`metadata` a real object, absent when none was stored).
//!
//! How a model's rows reach JS is the model's [`Answer`]: every method that returns messages of
//! the chat API returns them through the same conversion, whichever method it is. Reads hand back
//! the engine's own row objects, which the core has checked: they already have exactly the
//! contract's keys, in SELECT order, so nothing is copied through wasm memory and a conversation of
//! 10,000 messages costs what reading it costs (a chat message only has its JSON columns parsed in
//! place: the rows are the engine's fresh objects, made for this call and held by no one else).

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::boundary::backend::Backend;
use crate::boundary::guarded;
use crate::boundary::objects::{failed, object, parse_json, Converted};
use crate::core::chat::pages::{ConversationPage, Page};
use crate::core::chat::search::SearchPage;
use crate::core::chat::search_hits::{hit_conversation_keys, snippet_html, SCORE_COLUMN};
use crate::core::chat::turns::Turn;
use crate::core::dropin::conversations::FoundConversation;
use crate::core::dropin::sessions::FoundSession;
use crate::core::error::Error;
use crate::core::layer::Rows;
use crate::core::model::{ChatMessage, ClientSession, Conversation, Message};
use crate::core::storage::Rejection;

/// How the checked rows of a model become what JS receives.
pub trait Answer: Sized {
    /// The rows, as JS receives them: by default the engine's row objects as they are.
    fn answer(rows: Array) -> Converted {
        Ok(rows.into())
    }
}

impl Answer for Conversation {}

/// The drop-in API's messages: exactly the contract's five keys, as stored.
impl Answer for Message {}

/// The chat API's messages: `metadata` parsed into an object, or the key removed when none was
/// stored; `parts` parsed, or for a message stored as text alone one text part of its content (so
/// each is a structural superset of the AI SDK's `UIMessage`); `sibling_index`, `sibling_count`,
/// `sibling_previous` and `sibling_next`, which the walk along its branch read, as
/// `siblings: { index, count, previous, next }`.
impl Answer for ChatMessage {
    fn answer(rows: Array) -> Converted {
        let (metadata_key, parts_key) = (JsValue::from_str("metadata"), JsValue::from_str("parts"));
        for row in rows.iter() {
            let siblings = object(&[
                ("index", take(&row, "sibling_index", Cell::Number)?),
                ("count", take(&row, "sibling_count", Cell::Number)?),
                ("previous", take(&row, "sibling_previous", Cell::Id)?),
                ("next", take(&row, "sibling_next", Cell::Id)?),
            ])?;
            Reflect::set(&row, &JsValue::from_str("siblings"), &siblings).map_err(failed)?;
            match stored_json(&row, "metadata")? {
                Some(metadata) => {
                    Reflect::set(&row, &metadata_key, &metadata).map_err(failed)?;
                }
                None => {
                    Reflect::delete_property(row.unchecked_ref::<Object>(), &metadata_key)
                        .map_err(failed)?;
                }
            }
            let parts = match stored_json(&row, "parts")? {
                Some(parts) => parts,
                None => text_parts(guarded::get(&row, "content").map_err(failed)?)?,
            };
            Reflect::set(&row, &parts_key, &parts).map_err(failed)?;
        }
        Ok(rows.into())
    }
}

/// What a computed column of a chat message holds.
enum Cell {
    /// A count.
    Number,
    /// A message id, or NULL.
    Id,
    /// A column whose rows the core checked (a search result's conversation columns).
    Checked,
}

/// The value in `row`'s computed column `column`, which is removed from the row: a number, or
/// for an id a string or `null`.
fn take(row: &JsValue, column: &str, cell: Cell) -> Converted {
    let value = guarded::get(row, column).map_err(failed)?;
    Reflect::delete_property(row.unchecked_ref::<Object>(), &JsValue::from_str(column))
        .map_err(failed)?;
    let expected = match cell {
        Cell::Number => value.as_f64().is_some(),
        Cell::Id => value.is_null() || value.is_string(),
        Cell::Checked => true,
    };
    match expected {
        true => Ok(value),
        false => Err(Error::MalformedResult(format!("{column} holds an unexpected value")).into()),
    }
}

/// A JSON column of `row`, parsed; `None` when it is NULL.
fn stored_json(row: &JsValue, column: &str) -> Result<Option<JsValue>, Rejection<JsValue>> {
    let stored = guarded::get(row, column).map_err(failed)?;
    stored
        .as_string()
        .map(|json| parse_json(column, json))
        .transpose()
}

/// `[{ type: "text", text }]`: the parts of a message stored as text alone.
fn text_parts(text: JsValue) -> Converted {
    let part = object(&[("type", JsValue::from_str("text")), ("text", text)])?;
    Ok(Array::of1(&part).into())
}

/// Sessions: each a new object (the row's own may be held by whoever handed it to us), with
/// `metadata` parsed from its JSON or left out when NULL.
impl Answer for ClientSession {
    fn answer(rows: Array) -> Converted {
        let sessions: Array = rows
            .iter()
            .map(|row| session_object(&row, None))
            .collect::<Result<_, _>>()?;
        Ok(sessions.into())
    }
}

/// A session row as a new object, `id` instead of the stored one when given.
fn session_object(row: &JsValue, id: Option<&JsValue>) -> Converted {
    let value = |key: &str| guarded::get(row, key).map_err(failed);
    let id = match id {
        Some(id) => id.clone(),
        None => value("id")?,
    };
    let mut properties = vec![
        ("id", id),
        ("created_at", value("created_at")?),
        ("last_activity", value("last_activity")?),
    ];
    if let Some(metadata) = stored_json(row, "metadata")? {
        properties.push(("metadata", metadata));
    }
    object(&properties)
}

/// A checked result, as its model answers it.
pub fn rows<M: Answer>(rows: Rows<M, Backend>) -> Converted {
    M::answer(rows.into_inner().into_array())
}

/// The one row of a result the data layer checked to hold exactly one, as its model answers it.
pub fn row<M: Answer>(rows: Rows<M, Backend>) -> Converted {
    let answered: Array = M::answer(rows.into_inner().into_array())?.unchecked_into();
    Ok(answered.get(0))
}

/// A drop-in session: its row, with `given_id` as its id when the core says the old layer
/// answered with it.
pub fn session(found: FoundSession<Backend>, given_id: &JsValue) -> Converted {
    let id = found.answers_given_id.then_some(given_id);
    session_object(&found.rows.into_inner().into_array().get(0), id)
}

/// `startTurn`'s `Turn`: `{ session, conversation, message, history, history_truncated, reply? }`,
/// the message being the history's last row (the same object), `reply` the reserved reply when
/// one was asked for.
pub fn turn(turn: Turn<Backend>) -> Converted {
    let history: Array = rows(turn.history)?.unchecked_into();
    let mut properties = vec![
        ("session", row(turn.session)?),
        ("conversation", row(turn.conversation)?),
        ("message", history.get(history.length().saturating_sub(1))),
        ("history", history.into()),
        (
            "history_truncated",
            JsValue::from_bool(turn.history_truncated),
        ),
    ];
    if let Some(reply) = turn.reply {
        properties.push(("reply", row(reply)?));
    }
    object(&properties)
}

/// The cursor of the next page, `null` on the last.
fn cursor(next: Option<String>) -> JsValue {
    next.as_deref().map_or(JsValue::NULL, JsValue::from_str)
}

/// A page: `{ [name]: rows, next_cursor }`.
pub fn page<M: Answer>(name: &str, page: Page<M, Backend>) -> Converted {
    object(&[
        (name, rows(page.rows)?),
        ("next_cursor", cursor(page.next_cursor)),
    ])
}

/// `getConversation`'s answer: `{ conversation, messages, next_cursor }`, or `null`.
pub fn conversation_page(found: Option<ConversationPage<Backend>>) -> Converted {
    let Some(found) = found else {
        return Ok(JsValue::NULL);
    };
    object(&[
        ("conversation", row(found.conversation)?),
        ("messages", rows(found.messages.rows)?),
        ("next_cursor", cursor(found.messages.next_cursor)),
    ])
}

/// `searchMessages`' answer: `{ results: [{ message, conversation, snippet }], next_cursor }`.
/// Each row's `snippet` (as HTML, see `snippet_html`) and conversation columns are taken off it
/// into its result; the rest is answered as a chat message.
pub fn search_page(page: SearchPage<Backend>) -> Converted {
    let rows = page.hits.into_inner().into_array();
    let results = Array::new();
    let conversation_keys = hit_conversation_keys();
    for row in rows.iter() {
        take(&row, SCORE_COLUMN, Cell::Checked)?;
        let snippet = take(&row, "snippet", Cell::Checked)?.as_string();
        let snippet = JsValue::from_str(&snippet_html(&snippet.unwrap_or_default()));
        let mut conversation = vec![("id", guarded::get(&row, "conversation_id").map_err(failed)?)];
        for (key, column) in &conversation_keys {
            conversation.push((key, take(&row, column, Cell::Checked)?));
        }
        let conversation = object(&conversation)?;
        results.push(&object(&[
            ("message", row),
            ("conversation", conversation),
            ("snippet", snippet),
        ])?);
    }
    ChatMessage::answer(rows)?;
    object(&[
        ("results", results.into()),
        ("next_cursor", cursor(page.next_cursor)),
    ])
}

/// `{ conversation, messages }`, or `null` when the conversation does not exist.
pub fn found(found: Option<FoundConversation<Backend>>) -> Converted {
    let Some(found) = found else {
        return Ok(JsValue::NULL);
    };
    object(&[
        ("conversation", row(found.conversation)?),
        ("messages", rows(found.messages)?),
    ])
}
