//! The parent a new message is written under (`parentId` on `startTurn` and `addMessage`).

use crate::core::arg::Arg;
use crate::core::chat;
use crate::core::error::Error;
use crate::core::statement::text;
use crate::core::storage::Rejection;
use crate::core::value::SqlValue;
use crate::core::violation::Violation;

/// The parent a new message is written under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parent {
    /// `parentId` left out: the conversation's active leaf.
    ActiveLeaf,
    /// `parentId: null`: a new first message (editing the first message of a conversation).
    Root,
    /// `parentId: "..."`: that message, which must be in the conversation.
    Message(String),
}

impl Parent {
    /// `parentId` as given: left out, `null`, or a message id.
    pub fn check(argument: &'static str, arg: &Arg) -> Result<Parent, Error> {
        match arg {
            Arg::Undefined => Ok(Parent::ActiveLeaf),
            Arg::Null => Ok(Parent::Root),
            other => Ok(Parent::Message(chat::id(argument, other)?)),
        }
    }

    /// The `parent_id` parameter of the owned insert: NULL for the active leaf, `''` for a root.
    pub fn value(&self) -> SqlValue {
        match self {
            Parent::ActiveLeaf => SqlValue::Null,
            Parent::Root => text(""),
            Parent::Message(id) => text(id),
        }
    }

    /// A write's failure explained: the owned insert fails on `messages.conversation_id`'s NOT
    /// NULL exactly when the named parent is not a message of the conversation (see
    /// `generate::sources::turns::owned_insert`), which is `NOT_FOUND`.
    pub fn explained<C>(&self, rejection: Rejection<C>) -> Rejection<C> {
        match (self, &rejection.error) {
            (
                Parent::Message(id),
                Error::Storage {
                    violation: Some(Violation::NotNull(column)),
                    ..
                },
            ) if column == "messages.conversation_id" => Rejection {
                error: Error::not_found("message", id),
                cause: rejection.cause,
            },
            _ => rejection,
        }
    }
}
