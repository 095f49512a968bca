//! Conversations: `createConversation`, `listConversations`, `getConversationWithMessages`. Their
//! statements, how their arguments are bound to them, and the operations; at the end, the
//! sea-query source their SQL is generated from.

use crate::core::arg::{Arg, Scalar};
use crate::core::error::{Error, ErrorCode, Method};
use crate::core::layer::{explained, DataLayer, Outcome, Rows};
use crate::core::model::{Conversation, ConversationWithMessages, Message};
use crate::core::rows::Checked;
use crate::core::sql;
use crate::core::statement::{text, Statement};
use crate::core::storage::{Storage, Violation};
use crate::core::time::iso_timestamp;
use crate::core::value::{ResultSet, SqlValue};

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

/// The conversation insert, its columns in table order; see [`source::create_conversation`].
pub fn insert_conversation(conversation: &Conversation<Scalar>) -> Statement {
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

/// A session's conversations, newest first; see [`source::list_conversations`]. `limit` as
/// [`Arg::limit`] decides it.
pub fn select_conversations(session_id: SqlValue, limit: SqlValue) -> Statement {
    Statement {
        sql: sql::LIST_CONVERSATIONS,
        params: vec![session_id, limit],
    }
}

/// A conversation and its messages, as a batch of two reads; see
/// [`source::get_conversation_with_messages`].
pub fn select_conversation_with_messages(conversation_id: SqlValue) -> [Statement; 2] {
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

/// The sea-query source of this capability's SQL, used at build time only:
/// `cargo run --example generate` renders it into [`crate::core::sql`].
#[cfg(not(target_arch = "wasm32"))]
pub mod source {
    use sea_query::{Expr, ExprTrait, Order, Query};

    use crate::core::arg::Scalar;
    use crate::core::model::Conversation;
    use crate::core::schema::{
        Conversations as C, Messages as M, RowId, CONVERSATIONS, MESSAGE_CONTRACT,
    };
    use crate::core::value::SqlValue;
    use crate::generate::sql::{insert_into, value, Built, Rendered};

    /// This capability's statements, for `core/sql.rs`.
    pub fn rendered() -> Vec<Rendered> {
        let p = || SqlValue::Null;
        let conversation = Conversation {
            id: Scalar::Null,
            session_id: Scalar::Null,
            title: None,
            created_at: "now".into(),
            updated_at: "now".into(),
        };
        let [by_id, messages] = get_conversation_with_messages(p());
        vec![
            Rendered::new(
                "CREATE_CONVERSATION",
                "`createConversation`: insert the conversation. Parameters: id, session_id, title, created_at, updated_at.",
                create_conversation(&conversation),
            ),
            Rendered::new(
                "LIST_CONVERSATIONS",
                "`listConversations`. Parameters: session_id, limit.",
                list_conversations(p(), 10),
            ),
            Rendered::new(
                "CONVERSATION_BY_ID",
                "`getConversationWithMessages`, first of its batch: the conversation. Parameter: id.",
                by_id,
            ),
            Rendered::new(
                "MESSAGES_OF_CONVERSATION",
                "`getConversationWithMessages`, second of its batch: its messages in order. Parameter: conversation_id.",
                messages,
            ),
        ]
    }

    /// Inserts a conversation. The caller already knows every column, so nothing is returned.
    pub fn create_conversation(conversation: &Conversation<Scalar>) -> Built {
        let title = conversation.title.clone().unwrap_or(Scalar::Null);
        let mut insert = insert_into(C::Table, CONVERSATIONS.idens());
        insert
            .values([
                value(conversation.id.inserted()),
                value(conversation.session_id.inserted()),
                value(title.inserted()),
                conversation.created_at.as_str().into(),
                conversation.updated_at.as_str().into(),
            ])
            .expect("one value per column");
        Built::from(&insert)
    }

    /// A session's conversations, most recently updated first, at most `limit`. Served by
    /// `idx_conv_session_updated` in index order: no scan, no sort.
    pub fn list_conversations(session_id: SqlValue, limit: u64) -> Built {
        let select = Query::select()
            .columns(CONVERSATIONS.idens())
            .from(C::Table)
            .and_where(Expr::col(C::SessionId).eq(value(session_id)))
            .order_by(C::UpdatedAt, Order::Desc)
            .limit(limit)
            .to_owned();
        Built::from(&select)
    }

    /// A conversation and its messages, as a batch of two reads (one round trip, one consistent
    /// snapshot). Messages come oldest first; rows written in the same millisecond keep insertion
    /// order through the rowid, which `idx_msg_conversation` already carries, so no sort is needed.
    pub fn get_conversation_with_messages(conversation_id: SqlValue) -> [Built; 2] {
        let conversation = Query::select()
            .columns(CONVERSATIONS.idens())
            .from(C::Table)
            .and_where(Expr::col(C::Id).eq(value(conversation_id.clone())))
            .to_owned();
        let messages = Query::select()
            .columns(MESSAGE_CONTRACT.idens())
            .from(M::Table)
            .and_where(Expr::col(M::ConversationId).eq(value(conversation_id)))
            .order_by(M::CreatedAt, Order::Asc)
            .order_by(RowId, Order::Asc)
            .to_owned();
        [Built::from(&conversation), Built::from(&messages)]
    }
}
