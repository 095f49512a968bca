//! Writing a message into a conversation of the session: the owned insert's binding (shared by
//! `startTurn`, `addMessage` and `saveMessages`' upsert), the reservation of a reply in flight, and
//! the touch that makes the new message the active leaf. SQL from
//! `src/generate/sources/turns.rs`.

use crate::core::chat::parent::Parent;
use crate::core::chat::replies::STREAMING;
use crate::core::chat::Scope;
use crate::core::model::{Message, MessageRole};
use crate::core::sql;
use crate::core::statement::{text, Statement};
use crate::core::value::SqlValue;

/// A binder of a message written into a conversation of the session: the owned insert, or
/// `saveMessages`' upsert, which take the same parameters.
pub type OwnedMessageBinder = fn(
    SqlValue,
    SqlValue,
    SqlValue,
    SqlValue,
    SqlValue,
    SqlValue,
    SqlValue,
    SqlValue,
    SqlValue,
    SqlValue,
    SqlValue,
) -> Statement;

/// Inserts a message, with its metadata and parts JSON if any, under `parent` into a conversation
/// of the session, or nothing; returns it as stored.
pub fn insert_owned_message(
    scope: &Scope,
    message: &Message,
    stored: Stored,
    parent: &Parent,
) -> Statement {
    bind_owned_message(
        sql::insert_owned_message,
        scope,
        message,
        stored,
        parent.value(),
    )
}

/// A written message's columns beyond the drop-in's five.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stored<'a> {
    /// Its metadata, a JSON object's text.
    pub metadata: Option<&'a str>,
    /// Its parts, a JSON array's text.
    pub parts: Option<&'a str>,
    /// A reserved reply's status (`streaming`) and the instant of that write; `None` for a message
    /// written whole.
    pub reserved: Option<&'a str>,
}

/// `message` (with its other columns, under the parent `parent_id`: NULL for the active leaf)
/// bound by `binder` in a conversation of the session.
pub fn bind_owned_message(
    binder: OwnedMessageBinder,
    scope: &Scope,
    message: &Message,
    stored: Stored,
    parent_id: SqlValue,
) -> Statement {
    let column = |value: Option<&str>| value.map_or(SqlValue::Null, text);
    binder(
        text(&message.id),
        parent_id,
        text(message.role.as_str()),
        text(&message.content),
        text(&message.created_at),
        column(stored.metadata),
        column(stored.parts),
        column(stored.reserved.map(|_| STREAMING)),
        column(stored.reserved),
        text(&message.conversation_id),
        text(&scope.session_id),
    )
}

/// The reservation of `startTurn`'s reply `reply_id`: an assistant message under the user message
/// `message`, `streaming`, its parts empty.
pub fn reserve_reply(scope: &Scope, message: &Message, reply_id: &str, now: &str) -> Statement {
    let reply = Message {
        id: reply_id.to_owned(),
        conversation_id: message.conversation_id.clone(),
        role: MessageRole::Assistant,
        content: String::new(),
        created_at: now.to_owned(),
    };
    let reserved = Stored {
        metadata: None,
        parts: Some("[]"),
        reserved: Some(now),
    };
    let parent = Parent::Message(message.id.clone());
    insert_owned_message(scope, &reply, reserved, &parent)
}

/// Moves a conversation of the session's `updated_at` forward to `at`; returns it as stored.
pub fn touch_owned_conversation(scope: &Scope, conversation_id: &str, at: &str) -> Statement {
    sql::touch_owned_conversation(text(at), text(conversation_id), text(&scope.session_id))
}
