//! Turns: the chat API's `startTurn` and `addMessage`, the two round trips of a chat turn. Their
//! statements' binding and the operations; their SQL comes from `src/generate/sources/turns.rs`.
//!
//! Ownership is enforced in SQL: a message is inserted by `INSERT ... SELECT` from the
//! conversation row of this session, the touch and the history read are filtered by it too, so a
//! conversation of another session is neither read nor written and looks exactly like one that
//! does not exist.

use crate::core::arg::{Arg, Scalar};
use crate::core::chat::args::{
    checked_message, expect_object, CheckedMessage, MessageArgs, MessageNames, TurnArgs,
};
use crate::core::chat::branches::branch_to;
use crate::core::chat::parent::Parent;
use crate::core::chat::parts::{body, Names};
use crate::core::chat::writing::{
    insert_owned_message, reserve_reply, touch_owned_conversation, Stored,
};
use crate::core::chat::{self, Limit, Scope};
use crate::core::dropin::sessions::upsert_session;
use crate::core::error::quote;
use crate::core::error::{Error, ErrorCode, Method};
use crate::core::layer::{explained, DataLayer, Outcome, Rows};
use crate::core::model::{ChatMessage, ClientSession, Conversation, Message, MessageRole};
use crate::core::rows::Checked;
use crate::core::storage::Storage;
use crate::core::time::iso_timestamp;
use crate::core::value::{ResultSet, SqlValue};
use crate::core::violation::Violation;

/// `chat.startTurn(turn)`.
pub const START_TURN: Method = Method {
    name: "startTurn",
    message_prefix: "Failed to start turn: ",
    default_code: ErrorCode::InsertError,
};

/// `chat.addMessage(conversationId, message)`.
pub const ADD_MESSAGE: Method = Method {
    name: "addMessage",
    message_prefix: "Failed to add message: ",
    default_code: ErrorCode::InsertError,
};

/// `historyLimit` when the turn gives none, and the most it may ask for.
pub const HISTORY: Limit = Limit {
    default: 50,
    max: 1000,
    expected: "an integer from 1 to 1000",
};

/// The names of `startTurn`'s message body.
const TURN_BODY: Names = Names {
    content: "turn.message.content",
    parts: "turn.message.parts",
};

/// The names of `addMessage`'s message.
const MESSAGE: MessageNames = MessageNames {
    message: "message",
    id: "message.id",
    role: "message.role",
    metadata: "message.metadata",
    body: Names {
        content: "message.content",
        parts: "message.parts",
    },
};

/// `startTurn`'s result: every part as stored, checked rows ready to hand back.
pub struct Turn<S: Storage> {
    /// The session, created or touched.
    pub session: Rows<ClientSession, S>,
    /// The conversation after this turn's write.
    pub conversation: Rows<Conversation, S>,
    /// The newest messages of the stored user message's branch, oldest first, ending with it (the
    /// turn's `message` is that last row: one walk reads both).
    pub history: Rows<ChatMessage, S>,
    /// True when older messages exist beyond `history`.
    pub history_truncated: bool,
    /// The reply reserved with `turn.reply` (`streaming`, empty parts, under the user message,
    /// the active leaf), when one was asked for.
    pub reply: Option<Rows<ChatMessage, S>>,
}

impl<S: Storage> DataLayer<S> {
    /// The write-and-read half of a chat turn, before the model is called, in one batch: creates
    /// or touches the session, creates the conversation when asked, stores the user message under
    /// its parent (the active leaf unless `parentId` names one), makes it the active leaf and moves
    /// the conversation's `updated_at` to it, and reads the newest `historyLimit` messages of its
    /// branch, ending with it.
    pub async fn start_turn(
        &self,
        scope: &Scope,
        args: TurnArgs<S::Cause>,
        now_millis: i64,
    ) -> Outcome<Turn<S>, S> {
        expect_object("turn", &args.turn)?;
        let conversation_id = chat::id("turn.conversationId", &args.conversation_id)?;
        let title = match &args.new_conversation {
            Arg::Undefined => None,
            Arg::PlainObject => Some(chat::title("turn.newConversation.title", &args.title)?),
            other => {
                return Err(expect_object("turn.newConversation", other)
                    .unwrap_err()
                    .into())
            }
        };
        expect_object("turn.message", &args.message)?;
        let message_id = chat::id("turn.message.id", &args.message_id)?;
        let body = body(TURN_BODY, &args.content, args.parts)?;
        let metadata = chat::metadata("turn.sessionMetadata", args.session_metadata)?;
        let limit = chat::limit("turn.historyLimit", &args.history_limit, HISTORY)?;
        let parent = Parent::check("turn.parentId", &args.parent_id)?;
        let reply_id = match &args.reply {
            Arg::Undefined => None,
            Arg::PlainObject => Some(chat::id("turn.reply.id", &args.reply_id)?),
            other => return Err(expect_object("turn.reply", other).unwrap_err().into()),
        };
        body.check_row(TURN_BODY, &[&message_id, &conversation_id])?;
        if let Some(Some(title)) = &title {
            chat::check_row(
                "turn.newConversation.title",
                &[&conversation_id, &scope.session_id, title],
            )?;
        }
        let now = iso_timestamp(now_millis)?;
        let message = Message {
            id: message_id,
            conversation_id: conversation_id.clone(),
            role: MessageRole::User,
            content: body.content,
            created_at: now.clone(),
        };
        let session = SqlValue::Text(scope.session_id.clone());
        let mut statements = vec![upsert_session(session, &now, metadata.as_deref())];
        if let Some(title) = title {
            statements.push(crate::core::dropin::conversations::insert_conversation(
                &Conversation {
                    id: Scalar::Text(conversation_id.clone()),
                    session_id: Scalar::Text(scope.session_id.clone()),
                    title: title.map(Scalar::Text),
                    created_at: now.clone(),
                    updated_at: now.clone(),
                },
            ));
        }
        let new_conversation = statements.len() == 2;
        let parts = Stored {
            parts: body.parts.as_deref(),
            ..Stored::default()
        };
        statements.push(insert_owned_message(scope, &message, parts, &parent));
        if let Some(reply_id) = &reply_id {
            statements.push(reserve_reply(scope, &message, reply_id, &now));
        }
        statements.push(touch_owned_conversation(scope, &conversation_id, &now));
        let stale = self.stale_before(now_millis)?;
        let history = branch_to(scope, &conversation_id, &message.id, limit + 1, &stale);
        statements.push(history);
        if let Some(reply_id) = &reply_id {
            statements.push(branch_to(scope, &conversation_id, reply_id, 1, &stale));
        }
        let results = self
            .storage()
            .batch(statements)
            .await
            .map_err(|rejection| parent.explained(rejection))
            .map_err(explained(|violation| match violation {
                Violation::Unique(column) if column.starts_with("conversations") => Some(format!(
                    "a conversation with id {} already exists",
                    quote(&conversation_id)
                )),
                Violation::Unique(_) => Some(format!(
                    "a message with id {} already exists",
                    reply_id
                        .as_deref()
                        .map_or(quote(&message.id), |reply| format!(
                            "{} or {}",
                            quote(&message.id),
                            quote(reply)
                        ))
                )),
                _ => None,
            }))?;
        let mut results = results.into_iter();
        let mut next = || results.next().ok_or(Error::MissingRow);
        let session = next()?;
        if new_conversation {
            next()?;
        }
        let inserted = next()?;
        if reply_id.is_some() {
            next()?;
        }
        let (conversation, history) = (next()?, next()?);
        let reply = match reply_id {
            Some(_) => Some(Checked::check(next()?)?),
            None => None,
        };
        if inserted.is_empty() {
            return Err(Error::not_found("conversation", &conversation_id).into());
        }
        if history.is_empty() {
            // The walk starts at the message just inserted: it cannot come back empty.
            return Err(Error::MissingRow.into());
        }
        let history_truncated = history.len() > limit as usize;
        Ok(Turn {
            session: Checked::check(session)?,
            conversation: Checked::check(conversation)?,
            history: Checked::check(history.into_window(limit as usize, true))?,
            history_truncated,
            reply,
        })
    }

    /// Stores a message (typically the assistant's reply once streamed), with the metadata the app
    /// gives, under `message.parentId` (`parent_id`; the active leaf when left out), in a
    /// conversation of the session and moves its `updated_at`, in one batch.
    pub async fn add_message(
        &self,
        scope: &Scope,
        conversation_id: &Arg,
        (args, parent_id): (MessageArgs<S::Cause>, &Arg),
        now_millis: i64,
    ) -> Outcome<Rows<ChatMessage, S>, S> {
        let conversation_id = chat::id("conversationId", conversation_id)?;
        let parent = Parent::check("message.parentId", parent_id)?;
        let stale = self.stale_before(now_millis)?;
        let CheckedMessage {
            message,
            metadata,
            parts,
        } = checked_message(MESSAGE, args, &conversation_id, iso_timestamp(now_millis)?)?;
        let statements = vec![
            insert_owned_message(
                scope,
                &message,
                Stored {
                    metadata: metadata.as_deref(),
                    parts: parts.as_deref(),
                    reserved: None,
                },
                &parent,
            ),
            touch_owned_conversation(scope, &conversation_id, &message.created_at),
            branch_to(scope, &conversation_id, &message.id, 1, &stale),
        ];
        let mut results = self
            .storage()
            .batch(statements)
            .await
            .map_err(|rejection| parent.explained(rejection))
            .map_err(explained(|violation| match violation {
                Violation::Unique(_) => Some(format!(
                    "a message with id {} already exists",
                    quote(&message.id)
                )),
                _ => None,
            }))?
            .into_iter();
        let inserted = results.next().ok_or(Error::MissingRow)?;
        let message = results.last().ok_or(Error::MissingRow)?;
        if inserted.is_empty() {
            return Err(Error::not_found("conversation", &conversation_id).into());
        }
        Ok(Checked::check(message)?)
    }
}
