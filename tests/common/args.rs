//! The arguments the boundary hands the core, built in Rust, and the answers of drop-in writes
//! read back as text.

use chat_d1::core::arg::{Arg, Scalar};
use chat_d1::core::chat::args::{MessageArgs, TurnArgs};
use chat_d1::core::chat::parts::{PartArgs, PartsArgs};
use chat_d1::core::chat::replies::ReplyArgs;
use chat_d1::core::dropin::sessions::Metadata;
use chat_d1::core::model::{Conversation, Message};
use chat_d1::core::value::SqlValue;

/// A string argument, as the boundary hands it to the core.
pub fn text(value: impl AsRef<str>) -> Arg {
    Arg::Text(value.as_ref().to_owned())
}

/// A text parameter, as a statement binds it.
pub fn param(value: &str) -> SqlValue {
    SqlValue::Text(value.to_owned())
}

/// Session metadata already serialized to `json` (or none).
pub fn metadata(json: Option<&str>) -> Metadata<rusqlite::Error> {
    Metadata {
        arg: json.map_or(Arg::Undefined, |_| Arg::Object),
        json: Ok(json.map(str::to_owned)),
    }
}

/// A value echoed back by a drop-in write, as the text it was given as.
pub fn echoed(value: &Scalar) -> String {
    match value {
        Scalar::Text(text) => text.clone(),
        other => panic!("expected text, got {other:?}"),
    }
}

/// A conversation a drop-in write echoed, with its values as text.
pub fn echoed_conversation(c: &Conversation<Scalar>) -> Conversation {
    Conversation {
        id: echoed(&c.id),
        session_id: echoed(&c.session_id),
        title: c.title.as_ref().map(echoed),
        created_at: c.created_at.clone(),
        updated_at: c.updated_at.clone(),
    }
}

/// A message a drop-in write echoed, with its values as text.
pub fn echoed_message(m: &Message<Scalar>) -> Message {
    Message {
        id: echoed(&m.id),
        conversation_id: echoed(&m.conversation_id),
        role: m.role,
        content: echoed(&m.content),
        created_at: m.created_at.clone(),
    }
}

/// A conversation as a drop-in write binds it, from text values.
pub fn scalar_conversation(c: &Conversation) -> Conversation<Scalar> {
    let scalar = |s: &str| Scalar::Text(s.to_owned());
    Conversation {
        id: scalar(&c.id),
        session_id: scalar(&c.session_id),
        title: c.title.as_deref().map(scalar),
        created_at: c.created_at.clone(),
        updated_at: c.updated_at.clone(),
    }
}

/// A message as a drop-in write binds it, from text values.
pub fn scalar_message(m: &Message) -> Message<Scalar> {
    let scalar = |s: &str| Scalar::Text(s.to_owned());
    Message {
        id: scalar(&m.id),
        conversation_id: scalar(&m.conversation_id),
        role: m.role,
        content: scalar(&m.content),
        created_at: m.created_at.clone(),
    }
}

/// The arguments of a turn into `conversation`, creating it when `new`, with the message `message`
/// (content `content of {message}`) and `historyLimit` when `history` is given.
pub fn turn(
    conversation: &str,
    message: &str,
    new: bool,
    history: Option<f64>,
) -> TurnArgs<rusqlite::Error> {
    TurnArgs {
        turn: Arg::PlainObject,
        conversation_id: text(conversation),
        new_conversation: if new {
            Arg::PlainObject
        } else {
            Arg::Undefined
        },
        title: Arg::Undefined,
        message: Arg::PlainObject,
        message_id: text(message),
        content: text(format!("content of {message}")),
        parts: PartsArgs::absent(),
        session_metadata: metadata(None),
        history_limit: history.map_or(Arg::Undefined, Arg::Number),
        parent_id: Arg::Undefined,
        reply: Arg::Undefined,
        reply_id: Arg::Undefined,
    }
}

/// `addMessage`'s message: an assistant reply `id` with `content`, and metadata already serialized
/// to `json` from a plain object (or none).
pub fn reply(id: &str, content: &str, json: Option<&str>) -> MessageArgs<rusqlite::Error> {
    MessageArgs {
        message: Arg::PlainObject,
        id: text(id),
        role: text("assistant"),
        content: text(content),
        parts: PartsArgs::absent(),
        metadata: Metadata {
            arg: json.map_or(Arg::Undefined, |_| Arg::PlainObject),
            json: Ok(json.map(str::to_owned)),
        },
    }
}

/// A message given as parts, as the boundary reads one: each `(type, text)` a plain object part
/// whose JSON is `{"type":…,"text":…}` (test strings need no escaping).
pub fn parts_message(id: &str, role: &str, parts: &[(&str, &str)]) -> MessageArgs<rusqlite::Error> {
    let items = parts
        .iter()
        .map(|(kind, text)| PartArgs {
            part: Arg::PlainObject,
            kind: self::text(kind),
            text: self::text(text),
            json: Ok(Some(format!("{{\"type\":\"{kind}\",\"text\":\"{text}\"}}"))),
        })
        .collect();
    MessageArgs {
        message: Arg::PlainObject,
        id: text(id),
        role: text(role),
        content: Arg::Undefined,
        parts: PartsArgs {
            arg: Arg::Object,
            items: Some(items),
        },
        metadata: metadata(None),
    }
}

/// `updateReply`'s or `finishReply`'s body: `content`, finished with `status` when given.
pub fn reply_body(content: &str, status: Option<&str>) -> ReplyArgs<rusqlite::Error> {
    ReplyArgs {
        reply: Arg::PlainObject,
        content: text(content),
        parts: PartsArgs::absent(),
        metadata: metadata(None),
        status: status.map_or(Arg::Undefined, text),
    }
}
