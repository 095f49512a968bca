//! The statements each method sends: SQL rendered by sea-query at build time (see
//! [`crate::sql_builders`]), with this call's values as bound parameters.
//!
//! Every user value is a parameter, never part of the SQL text. Tests check that each function
//! here returns exactly what the sea-query builder of the same name builds.

use crate::arg::Scalar;
use crate::model::{Conversation, Message};
use crate::sql;
use crate::value::SqlValue;

/// One SQL statement with its bound parameters, ready for `db.prepare(sql).bind(...params)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The SQL text, with `?` placeholders.
    pub sql: &'static str,
    /// The values for the placeholders, in order.
    pub params: Vec<SqlValue>,
}

fn text(value: &str) -> SqlValue {
    SqlValue::Text(value.to_owned())
}

fn optional_text(value: Option<&str>) -> SqlValue {
    value.map_or(SqlValue::Null, text)
}

/// The session upsert; see [`crate::sql_builders::get_or_create_session`].
pub fn get_or_create_session(id: SqlValue, now: &str, metadata_json: Option<&str>) -> Statement {
    Statement {
        sql: sql::GET_OR_CREATE_SESSION,
        params: vec![id, text(now), text(now), optional_text(metadata_json)],
    }
}

/// Moves an existing session's `last_activity` and returns it, inserting nothing: for a call
/// whose metadata cannot be serialized, which the old layer answered only for a known session;
/// see [`crate::sql_builders::touch_session`].
pub fn touch_session(id: SqlValue, now: &str) -> Statement {
    Statement {
        sql: sql::TOUCH_SESSION,
        params: vec![text(now), id],
    }
}

/// The conversation insert; see [`crate::sql_builders::create_conversation`].
pub fn create_conversation(conversation: &Conversation<Scalar>) -> Statement {
    let title = conversation.title.as_ref().unwrap_or(&Scalar::Null);
    Statement {
        sql: sql::CREATE_CONVERSATION,
        params: vec![
            conversation.id.inserted(),
            conversation.session_id.inserted(),
            title.inserted(),
            text(&conversation.created_at),
            text(&conversation.updated_at),
        ],
    }
}

/// The message insert and `updated_at` touch, sent as one batch (one transaction); see
/// [`crate::sql_builders::create_message`].
pub fn create_message(message: &Message<Scalar>) -> [Statement; 2] {
    [
        Statement {
            sql: sql::INSERT_MESSAGE,
            params: vec![
                message.id.inserted(),
                message.conversation_id.inserted(),
                text(message.role.as_str()),
                message.content.inserted(),
                text(&message.created_at),
            ],
        },
        Statement {
            sql: sql::TOUCH_CONVERSATION,
            params: vec![
                text(&message.created_at),
                message.conversation_id.inserted(),
            ],
        },
    ]
}

/// A session's conversations, newest first; see [`crate::sql_builders::list_conversations`].
/// `limit` as [`crate::arg::Arg::limit`] decides it.
pub fn list_conversations(session_id: SqlValue, limit: SqlValue) -> Statement {
    Statement {
        sql: sql::LIST_CONVERSATIONS,
        params: vec![session_id, limit],
    }
}

/// A conversation and its messages, as a batch of two reads; see
/// [`crate::sql_builders::get_conversation_with_messages`].
pub fn get_conversation_with_messages(conversation_id: SqlValue) -> [Statement; 2] {
    [
        Statement {
            sql: sql::CONVERSATION_BY_ID,
            params: vec![conversation_id.clone()],
        },
        Statement {
            sql: sql::MESSAGES_OF_CONVERSATION,
            params: vec![conversation_id],
        },
    ]
}
