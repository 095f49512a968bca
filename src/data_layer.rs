//! The five operations of the data layer, independent of JS: validate, build SQL, make exactly
//! one round trip, decode. The exported `DatabaseClient` only converts JS values around these.

use crate::database::{Database, Rejection};
use crate::decode::Checked;
use crate::error::Error;
use crate::model::{ClientSession, Conversation, ConversationWithMessages, Message};
use crate::queries;
use crate::time::iso_timestamp;
use crate::validate::{
    check_metadata_json, check_row_size, check_size, list_limit, normalize_title, parse_role,
    JsNumber,
};
use crate::value::ResultSet;

/// What every operation returns: the value, or the error with its underlying cause.
pub type Outcome<T, D> = Result<T, Rejection<<D as Database>::Cause>>;

/// A read's result: the database's own rows, checked to decode as the model they stand for.
pub type Rows<M, D> = Checked<M, <D as Database>::Rows>;

/// `getConversationWithMessages`' result, as checked rows.
/// Its `conversation` holds exactly one row.
pub type FoundConversation<D> = ConversationWithMessages<Rows<Conversation, D>, Rows<Message, D>>;

/// The data layer over any [`Database`]. Stateless apart from the database handle, so one instance
/// serves any number of concurrent calls.
#[derive(Debug, Clone)]
pub struct DataLayer<D> {
    db: D,
}

impl<D: Database> DataLayer<D> {
    /// Wraps a database handle.
    pub fn new(db: D) -> Self {
        DataLayer { db }
    }

    /// The wrapped database handle.
    pub fn database(&self) -> &D {
        &self.db
    }

    /// Returns the session `id`, creating it when new. An existing session keeps its `created_at`
    /// and metadata (`metadata_json` is then ignored) and has `last_activity` moved to now.
    /// `metadata_json` is the JSON text of a plain object, already serialized by the caller.
    pub async fn get_or_create_session(
        &self,
        id: &str,
        metadata_json: Option<&str>,
        now_millis: i64,
    ) -> Outcome<Rows<ClientSession, D>, D> {
        check_size("sessionId", id)?;
        if let Some(json) = metadata_json {
            check_metadata_json(json)?;
        }
        let now = iso_timestamp(now_millis)?;
        let statement = queries::get_or_create_session(id, &now, metadata_json);
        // The upsert binds exactly the row it would insert.
        check_row_size("client_sessions", &statement.params)?;
        let rows = self.db.all(statement).await?;
        // The upsert returns its row whichever way it went: exactly one.
        if rows.len() != 1 {
            return Err(Error::MissingRow.into());
        }
        Ok(Checked::check(rows)?)
    }

    /// Creates a conversation in session `session_id`; an empty title is stored as no title.
    pub async fn create_conversation(
        &self,
        id: &str,
        session_id: &str,
        title: Option<String>,
        now_millis: i64,
    ) -> Outcome<Conversation, D> {
        check_size("id", id)?;
        check_size("sessionId", session_id)?;
        let title = normalize_title(title);
        if let Some(title) = &title {
            check_size("title", title)?;
        }
        let now = iso_timestamp(now_millis)?;
        let conversation = Conversation {
            id: id.to_owned(),
            session_id: session_id.to_owned(),
            title,
            created_at: now.clone(),
            updated_at: now,
        };
        let insert = queries::create_conversation(&conversation);
        check_row_size("conversations", &insert.params)?;
        self.db.all(insert).await?;
        Ok(conversation)
    }

    /// Stores a message and moves its conversation's `updated_at` to the message's time, both in
    /// one transaction.
    pub async fn create_message(
        &self,
        id: &str,
        conversation_id: &str,
        role: &str,
        content: String,
        now_millis: i64,
    ) -> Outcome<Message, D> {
        check_size("id", id)?;
        check_size("conversationId", conversation_id)?;
        let role = parse_role(role)?;
        check_size("content", &content)?;
        let message = Message {
            id: id.to_owned(),
            conversation_id: conversation_id.to_owned(),
            role,
            content,
            created_at: iso_timestamp(now_millis)?,
        };
        let [insert, touch] = queries::create_message(&message);
        check_row_size("messages", &insert.params)?;
        self.db.batch(vec![insert, touch]).await?;
        Ok(message)
    }

    /// The session's conversations, most recently updated first; `limit` defaults to 10 and must
    /// be a positive integer.
    pub async fn list_conversations(
        &self,
        session_id: &str,
        limit: Option<JsNumber>,
    ) -> Outcome<Rows<Conversation, D>, D> {
        check_size("sessionId", session_id)?;
        let limit = list_limit(limit)?;
        let rows = self
            .db
            .all(queries::list_conversations(session_id, limit))
            .await?;
        Ok(Checked::check(rows)?)
    }

    /// The conversation with all its messages, oldest first, or `None` when it does not exist.
    pub async fn get_conversation_with_messages(
        &self,
        conversation_id: &str,
    ) -> Outcome<Option<FoundConversation<D>>, D> {
        check_size("conversationId", conversation_id)?;
        let statements = queries::get_conversation_with_messages(conversation_id);
        let results = self.db.batch(statements.into()).await?;
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
