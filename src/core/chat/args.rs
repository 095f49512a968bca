//! The chat API's message-bearing arguments as the boundary read them off the JS objects, each
//! field still unchecked, and the one check of a message (`addMessage`'s, each of `saveMessages`').

use crate::core::arg::Arg;
use crate::core::chat::check;
use crate::core::chat::parts::{body, Names, PartsArgs};
use crate::core::dropin::sessions::Metadata;
use crate::core::error::Error;
use crate::core::model::Message;
use crate::core::storage::Rejection;

/// A turn's arguments as the boundary read them off the JS object, each still unchecked.
#[derive(Debug)]
pub struct TurnArgs<Cause> {
    /// `turn` itself.
    pub turn: Arg,
    /// `turn.conversationId`.
    pub conversation_id: Arg,
    /// `turn.newConversation`.
    pub new_conversation: Arg,
    /// `turn.newConversation.title`.
    pub title: Arg,
    /// `turn.message`.
    pub message: Arg,
    /// `turn.message.id`.
    pub message_id: Arg,
    /// `turn.message.content`.
    pub content: Arg,
    /// `turn.message.parts`.
    pub parts: PartsArgs<Cause>,
    /// `turn.sessionMetadata`.
    pub session_metadata: Metadata<Cause>,
    /// `turn.historyLimit`.
    pub history_limit: Arg,
    /// `turn.parentId`.
    pub parent_id: Arg,
    /// `turn.reply`.
    pub reply: Arg,
    /// `turn.reply.id`.
    pub reply_id: Arg,
}

/// `addMessage`'s message argument as the boundary read it off the JS object, each still unchecked.
#[derive(Debug)]
pub struct MessageArgs<Cause> {
    /// `message` itself.
    pub message: Arg,
    /// `message.id`.
    pub id: Arg,
    /// `message.role`.
    pub role: Arg,
    /// `message.content`.
    pub content: Arg,
    /// `message.parts`.
    pub parts: PartsArgs<Cause>,
    /// `message.metadata`.
    pub metadata: Metadata<Cause>,
}

/// Refuses `arg` unless it is a plain object, naming it `argument`.
pub fn expect_object(argument: &'static str, arg: &Arg) -> Result<(), Error> {
    match arg {
        Arg::PlainObject => Ok(()),
        other => Err(Error::Invalid {
            argument,
            expected: "an object",
            found: other.describe().to_owned(),
        }),
    }
}

/// The names a message's fields go by in messages, e.g. `message.id` or `messages[].id`.
#[derive(Debug, Clone, Copy)]
pub struct MessageNames {
    /// The message itself.
    pub message: &'static str,
    /// Its `id`.
    pub id: &'static str,
    /// Its `role`.
    pub role: &'static str,
    /// Its `metadata`.
    pub metadata: &'static str,
    /// Its `content` and `parts`.
    pub body: Names,
}

/// A message checked: the row to write and its JSON columns.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedMessage {
    /// The row, `created_at` the call's instant.
    pub message: Message,
    /// Its metadata as JSON text.
    pub metadata: Option<String>,
    /// Its parts as JSON text, when given as parts.
    pub parts: Option<String>,
}

/// Checks a message written into `conversation_id` at `now`: a plain object, an id, a role, a body
/// (content or parts), metadata, all of it within D1's row limit.
pub fn checked_message<C>(
    names: MessageNames,
    args: MessageArgs<C>,
    conversation_id: &str,
    now: String,
) -> Result<CheckedMessage, Rejection<C>> {
    expect_object(names.message, &args.message)?;
    let id = check::id(names.id, &args.id)?;
    let role = check::role(names.role, &args.role)?;
    let body = body(names.body, &args.content, args.parts)?;
    let metadata = check::metadata(names.metadata, args.metadata)?;
    let metadata_text = metadata.as_deref().unwrap_or_default();
    body.check_row(names.body, &[&id, conversation_id, metadata_text])?;
    let message = Message {
        id,
        conversation_id: conversation_id.to_owned(),
        role,
        content: body.content,
        created_at: now,
    };
    Ok(CheckedMessage {
        message,
        metadata,
        parts: body.parts,
    })
}
