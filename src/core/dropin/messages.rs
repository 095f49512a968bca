//! Messages: `createMessage`. Its statements, how its arguments are bound to them, and the
//! operation. Its SQL comes from `src/generate/sources/` (generated into `core::sql`).

use crate::core::arg::{Arg, Scalar};
use crate::core::error::{Error, ErrorCode, Method};
use crate::core::layer::{explained, DataLayer, Outcome};
use crate::core::model::{Message, MessageRole};
use crate::core::sql;
use crate::core::statement::{text, Statement};
use crate::core::storage::Storage;
use crate::core::time::iso_timestamp;
use crate::core::validate;
use crate::core::violation::Violation;

/// `createMessage(id, conversationId, role, content)`.
pub const CREATE_MESSAGE: Method = Method {
    name: "createMessage",
    message_prefix: "Failed to create message: ",
    default_code: ErrorCode::InsertError,
};

/// The message insert and the `updated_at` touch, sent as one batch (one transaction); see
/// `src/generate/sources/messages.rs` (`create_message`).
pub fn insert_message(message: &Message<Scalar>) -> [Statement; 2] {
    [
        sql::insert_message(
            message.id.inserted(),
            message.conversation_id.inserted(),
            text(message.role.as_str()),
            message.content.inserted(),
            text(&message.created_at),
        ),
        sql::touch_conversation(
            text(&message.created_at),
            message.conversation_id.inserted(),
        ),
    ]
}

impl<S: Storage> DataLayer<S> {
    /// Stores a message and moves its conversation's `updated_at` to the message's time, both in
    /// one transaction. The role must be `user` or `assistant`: the one input the old layer stored
    /// (its tables had lost the CHECK) that is refused here.
    pub async fn create_message(
        &self,
        id: &Arg,
        conversation_id: &Arg,
        role: &Arg,
        content: &Arg,
        now_millis: i64,
    ) -> Outcome<Message<Scalar>, S> {
        let message = Message {
            id: id.scalar("id")?,
            conversation_id: conversation_id.scalar("conversationId")?,
            role: parse_role(role)?,
            content: content.scalar("content")?,
            created_at: iso_timestamp(now_millis)?,
        };
        let m = &message;
        self.storage()
            .batch(insert_message(m).into())
            .await
            .map_err(explained(|violation| match violation {
                Violation::ForeignKey => Some(format!(
                    "conversation {} does not exist",
                    m.conversation_id.shown()
                )),
                Violation::Unique(_) => {
                    Some(format!("a message with id {} already exists", m.id.shown()))
                }
                Violation::NotNull(column) if column.ends_with("content") => Some(format!(
                    "content is {}: a message needs content",
                    m.content.shown()
                )),
                Violation::NotNull(_) => Some(format!(
                    "conversationId is {}: a message needs a conversation",
                    m.conversation_id.shown()
                )),
                Violation::Check | Violation::Other => None,
            }))?;
        Ok(message)
    }
}

/// The role of a new message: exactly `"user"` or `"assistant"`.
fn parse_role(role: &Arg) -> Result<MessageRole, Error> {
    match role {
        Arg::Text(text) => validate::parse_role(text),
        other => Err(Error::InvalidRole {
            found: other.describe().to_owned(),
        }),
    }
}
