//! Conversations: `createConversation`, `listConversations`, `getConversationWithMessages`. Their
//! statements, how their arguments are bound to them, and the operations. Their SQL comes from
//! `src/generate/sources/conversations.rs` (generated into `core::sql`).

use crate::core::arg::{Arg, Scalar};
use crate::core::error::{Error, ErrorCode, Method};
use crate::core::layer::{explained, DataLayer, Outcome, Rows};
use crate::core::model::{Conversation, ConversationWithMessages, Message};
use crate::core::rows::Checked;
use crate::core::sql;
use crate::core::statement::{text, Statement};
use crate::core::storage::Storage;
use crate::core::time::iso_timestamp;
use crate::core::value::{ResultSet, SqlValue};
use crate::core::violation::Violation;

/// `createConversation(id, sessionId, title?)`.
pub const CREATE_CONVERSATION: Method = Method {
    name: "createConversation",
    message_prefix: "Failed to create conversation: ",
    default_code: ErrorCode::InsertError,
};

/// `listConversations(sessionId, limit = 10)`.
pub const LIST_CONVERSATIONS: Method = Method {
    name: "listConversations",
    message_prefix: "Failed to list conversations: ",
    default_code: ErrorCode::QueryError,
};

/// `getConversationWithMessages(conversationId)`.
pub const GET_CONVERSATION_WITH_MESSAGES: Method = Method {
    name: "getConversationWithMessages",
    message_prefix: "Failed to get conversation with messages: ",
    default_code: ErrorCode::QueryError,
};

/// The conversation insert, its columns in table order; see `src/generate/sources/conversations.rs` (`create_conversation`).
pub fn insert_conversation(conversation: &Conversation<Scalar>) -> Statement {
    let title = conversation.title.as_ref().unwrap_or(&Scalar::Null);
    sql::create_conversation(
        conversation.id.inserted(),
        conversation.session_id.inserted(),
        title.inserted(),
        text(&conversation.created_at),
        text(&conversation.updated_at),
    )
}

/// A session's conversations, newest first; see `src/generate/sources/conversations.rs` (`list_conversations`). `limit` as
/// [`Arg::limit`] decides it.
pub fn select_conversations(session_id: SqlValue, limit: SqlValue) -> Statement {
    sql::list_conversations(session_id, limit)
}

/// A conversation and its messages, as a batch of two reads; see
/// `src/generate/sources/conversations.rs` (`get_conversation_with_messages`).
pub fn select_conversation_with_messages(conversation_id: SqlValue) -> [Statement; 2] {
    [
        sql::conversation_by_id(conversation_id.clone()),
        sql::messages_of_conversation(conversation_id),
    ]
}

/// `getConversationWithMessages`' result, as checked rows; `conversation` holds exactly one.
pub type FoundConversation<S> = ConversationWithMessages<Rows<Conversation, S>, Rows<Message, S>>;

impl<S: Storage> DataLayer<S> {
    /// Creates a conversation in session `session_id`; a falsy title is stored as no title.
    /// Resolves to the values as given, as the old layer did.
    pub async fn create_conversation(
        &self,
        id: &Arg,
        session_id: &Arg,
        title: &Arg,
        now_millis: i64,
    ) -> Outcome<Conversation<Scalar>, S> {
        let now = iso_timestamp(now_millis)?;
        let conversation = Conversation {
            id: id.scalar("id")?,
            session_id: session_id.scalar("sessionId")?,
            title: Some(title.title()?).filter(|title| *title != Scalar::Null),
            created_at: now.clone(),
            updated_at: now,
        };
        let c = &conversation;
        self.storage()
            .all(insert_conversation(c))
            .await
            .map_err(explained(|violation| match violation {
                Violation::ForeignKey => {
                    Some(format!("session {} does not exist", c.session_id.shown()))
                }
                Violation::Unique(_) => Some(format!(
                    "a conversation with id {} already exists",
                    c.id.shown()
                )),
                Violation::NotNull(_) => Some(format!(
                    "sessionId is {}: a conversation needs a session",
                    c.session_id.shown()
                )),
                Violation::Check | Violation::Other => None,
            }))?;
        Ok(conversation)
    }

    /// The session's conversations, most recently updated first, as many as drizzle's limit rule
    /// gives for `limit` (see [`Arg::limit`]).
    pub async fn list_conversations(
        &self,
        session_id: &Arg,
        limit: &Arg,
    ) -> Outcome<Rows<Conversation, S>, S> {
        let statement = select_conversations(session_id.compared("sessionId")?, limit.limit()?);
        let rows = self.storage().all(statement).await?;
        Ok(Checked::check(rows)?)
    }

    /// The conversation with all its messages, oldest first, or `None` when it does not exist.
    pub async fn get_conversation_with_messages(
        &self,
        conversation_id: &Arg,
    ) -> Outcome<Option<FoundConversation<S>>, S> {
        let id = conversation_id.compared("conversationId")?;
        let results = self
            .storage()
            .batch(select_conversation_with_messages(id).into())
            .await?;
        let [conversation_rows, message_rows] = <[_; 2]>::try_from(results).map_err(|results| {
            Error::MalformedResult(format!(
                "a batch of 2 statements returned {} results",
                results.len()
            ))
        })?;
        // The id is the primary key: the first read returns no row or one.
        if conversation_rows.is_empty() {
            return Ok(None);
        }
        Ok(Some(ConversationWithMessages {
            conversation: Checked::check(conversation_rows)?,
            messages: Checked::check(message_rows)?,
        }))
    }
}
