//! Decoding result rows into the Rust models, for assertions. Test-only: the shipped path checks
//! rows and hands the engine's own row objects back (see `chat_d1::core::rows`).

use chat_d1::core::dropin::sessions::FoundSession;
use chat_d1::core::error::Error;
use chat_d1::core::model::{
    ChatMessage, ClientSession, Conversation, ConversationWithMessages, Message, MessageRole,
};
use chat_d1::core::rows::{Checked, FromTable};
use chat_d1::core::value::{Row, SqlValue};

use super::{Sqlite, SqliteRows};

fn text(row: &impl Row, column: &str) -> String {
    match row.get(column) {
        Ok(SqlValue::Text(text)) => text,
        other => panic!("column {column} holds {other:?}, not text"),
    }
}

fn optional_text(row: &impl Row, column: &str) -> Option<String> {
    match row.get(column) {
        Ok(SqlValue::Null) => None,
        _ => Some(text(row, column)),
    }
}

/// A model decoded from a row its table's check accepted.
pub trait Decode: FromTable + Sized {
    /// Decodes, failing the test when the row does not hold what the model can.
    fn decode(row: &impl Row) -> Self;
}

impl Decode for ClientSession {
    fn decode(row: &impl Row) -> Self {
        ClientSession {
            id: text(row, "id"),
            created_at: text(row, "created_at"),
            last_activity: text(row, "last_activity"),
            metadata_json: optional_text(row, "metadata"),
        }
    }
}

impl Decode for Conversation {
    fn decode(row: &impl Row) -> Self {
        Conversation {
            id: text(row, "id"),
            session_id: text(row, "session_id"),
            title: optional_text(row, "title"),
            created_at: text(row, "created_at"),
            updated_at: text(row, "updated_at"),
        }
    }
}

impl Decode for Message {
    fn decode(row: &impl Row) -> Self {
        let role = text(row, "role");
        Message {
            id: text(row, "id"),
            conversation_id: text(row, "conversation_id"),
            role: MessageRole::parse(&role).unwrap_or_else(|| panic!("role {role:?}")),
            content: text(row, "content"),
            created_at: text(row, "created_at"),
        }
    }
}

/// Decodes what the data layer's reads return (checked rows) into models, for assertions.
pub trait Decoded {
    /// The decoded form.
    type Model;
    /// Decodes, failing the test if a checked row does not decode.
    fn decoded(self) -> Self::Model;
}

impl<M: Decode> Decoded for Checked<M, SqliteRows> {
    type Model = Vec<M>;
    fn decoded(self) -> Vec<M> {
        self.into_inner().iter().map(M::decode).collect()
    }
}

/// A chat API message row: the message, and its metadata JSON when one is stored.
impl Decoded for Checked<ChatMessage, SqliteRows> {
    type Model = Vec<(Message, Option<String>)>;
    fn decoded(self) -> Self::Model {
        let rows = self.into_inner();
        let decode = |row| (Message::decode(row), optional_text(row, "metadata"));
        rows.iter().map(decode).collect()
    }
}

impl Decoded for FoundSession<Sqlite> {
    type Model = ClientSession;
    fn decoded(self) -> ClientSession {
        assert!(!self.answers_given_id, "string ids are answered as stored");
        only(self.rows.decoded())
    }
}

impl<T: Decoded> Decoded for Option<T> {
    type Model = Option<T::Model>;
    fn decoded(self) -> Self::Model {
        self.map(Decoded::decoded)
    }
}

impl Decoded
    for ConversationWithMessages<Checked<Conversation, SqliteRows>, Checked<Message, SqliteRows>>
{
    type Model = ConversationWithMessages;
    fn decoded(self) -> ConversationWithMessages {
        ConversationWithMessages {
            conversation: only(self.conversation.decoded()),
            messages: self.messages.decoded(),
        }
    }
}

fn only<M>(mut models: Vec<M>) -> M {
    assert_eq!(models.len(), 1, "exactly one row");
    models.remove(0)
}

/// A check error for a row, for tests that look at what the check says.
pub fn check_error<M: FromTable>(row: &impl Row) -> Option<Error> {
    M::check_row(row).err()
}
