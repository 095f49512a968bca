//! The chat API's message-bearing arguments as the boundary read them off the JS objects, each
//! field still unchecked: the operations check them before any SQL.

use crate::core::arg::Arg;
use crate::core::chat::parts::PartsArgs;
use crate::core::dropin::sessions::Metadata;
use crate::core::error::Error;

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
