//! Branches: a message's parent, the reads along a branch (`history`, pages, the message a write
//! answers with), `selectBranch` and `forkConversation`. Their SQL comes from
//! `src/generate/sources/branches.rs` and `branching.rs`; how a NULL `parent_id` reads (the message
//! before it, so conversations written before branching read as they were) from `walk.rs`.

use crate::core::arg::Arg;
use crate::core::chat::{self, Scope};
use crate::core::error::{Error, ErrorCode, Method};
use crate::core::layer::{DataLayer, Outcome, Rows};
use crate::core::model::Conversation;
use crate::core::rows::Checked;
use crate::core::sql;
use crate::core::statement::{text, Statement};
use crate::core::storage::Storage;
use crate::core::time::iso_timestamp;
use crate::core::value::{ResultSet, SqlValue};
use crate::core::violation::Violation;

/// `chat.selectBranch(conversationId, messageId)`.
pub const SELECT_BRANCH: Method = Method {
    name: "selectBranch",
    message_prefix: "Failed to select branch: ",
    default_code: ErrorCode::UpdateError,
};

/// `chat.forkConversation(conversationId, messageId, { conversationId, title? })`.
pub const FORK_CONVERSATION: Method = Method {
    name: "forkConversation",
    message_prefix: "Failed to fork conversation: ",
    default_code: ErrorCode::InsertError,
};

/// The walk's bound when a whole path is copied (`forkConversation`): more than any conversation
/// D1 could hold under its 10 GB limit at one byte a message would need, so never reached.
const WHOLE_PATH: i64 = 1 << 40;

/// Where a branch read starts.
#[derive(Debug, Clone, Copy)]
pub enum From<'a> {
    /// The conversation's active leaf.
    ActiveLeaf,
    /// This message.
    Leaf(&'a str),
    /// Above the message of a cursor (its id, and its instant in case it was deleted since).
    Before { id: &'a str, instant: &'a str },
}

/// The newest `limit` messages of a branch of a conversation of the session, newest first; a reply
/// `streaming` whose last write is before `stale_before` reads `interrupted`.
pub fn branch(
    scope: &Scope,
    conversation_id: &str,
    from: From,
    limit: u32,
    stale_before: &str,
) -> Statement {
    let (leaf, before, instant) = match from {
        From::ActiveLeaf => (None, None, None),
        From::Leaf(id) => (Some(id), None, None),
        From::Before { id, instant } => (None, Some(id), Some(instant)),
    };
    let optional = |value: Option<&str>| value.map_or(SqlValue::Null, text);
    sql::branch(
        optional(before),
        text(conversation_id),
        optional(instant),
        optional(leaf),
        text(&scope.session_id),
        SqlValue::Integer(limit.into()),
        text(stale_before),
    )
}

/// The newest `limit` messages of the active branch, newest first.
pub fn active_branch(
    scope: &Scope,
    conversation_id: &str,
    limit: u32,
    stale_before: &str,
) -> Statement {
    branch(
        scope,
        conversation_id,
        From::ActiveLeaf,
        limit,
        stale_before,
    )
}

/// The newest `limit` messages from `leaf_id` up its branch, newest first.
pub fn branch_to(
    scope: &Scope,
    conversation_id: &str,
    leaf_id: &str,
    limit: u32,
    stale_before: &str,
) -> Statement {
    branch(
        scope,
        conversation_id,
        From::Leaf(leaf_id),
        limit,
        stale_before,
    )
}

/// The `limit` messages above the message of a cursor (`before_id`, stamped `instant`).
pub fn branch_before(
    scope: &Scope,
    conversation_id: &str,
    (before_id, instant): (&str, &str),
    limit: u32,
    stale_before: &str,
) -> Statement {
    let from = From::Before {
        id: before_id,
        instant,
    };
    branch(scope, conversation_id, from, limit, stale_before)
}

/// Deletes the descendants of `message_id` (every branch below it) in a conversation of the
/// session; returns their ids.
pub fn delete_below(scope: &Scope, conversation_id: &str, message_id: &str) -> Statement {
    sql::delete_below(
        text(message_id),
        text(conversation_id),
        text(&scope.session_id),
    )
}

/// `message_id` becomes the active leaf of its conversation of the session.
pub fn leaf_at(scope: &Scope, conversation_id: &str, message_id: &str) -> Statement {
    sql::leaf_at(
        text(message_id),
        text(conversation_id),
        text(&scope.session_id),
    )
}

/// `forkConversation`'s result.
pub struct Fork<S: Storage> {
    /// The new conversation.
    pub conversation: Rows<Conversation, S>,
    /// How many messages were copied into it.
    pub messages: usize,
}

/// `forkConversation`'s options, as the boundary read them.
#[derive(Debug)]
pub struct ForkArgs {
    /// `options` itself.
    pub options: Arg,
    /// `options.conversationId`.
    pub conversation_id: Arg,
    /// `options.title`: left out copies the source's.
    pub title: Arg,
}

impl<S: Storage> DataLayer<S> {
    /// Makes the newest leaf under `message_id` the conversation's active leaf; resolves to the
    /// conversation. `NOT_FOUND` when the message is not in a conversation of the session.
    pub async fn select_branch(
        &self,
        scope: &Scope,
        conversation_id: &Arg,
        message_id: &Arg,
    ) -> Outcome<Rows<Conversation, S>, S> {
        let conversation_id = chat::id("conversationId", conversation_id)?;
        let message_id = chat::id("messageId", message_id)?;
        let statement = sql::select_branch(
            text(&message_id),
            text(&conversation_id),
            text(&scope.session_id),
        );
        let rows = self.storage().all(statement).await?;
        if rows.is_empty() {
            return Err(Error::not_found("message", &message_id).into());
        }
        Ok(Checked::check(rows)?)
    }

    /// Copies the path from the root to `message_id` into a new conversation of the session, fresh
    /// ids, order, parts and metadata kept, in one batch; resolves to the new conversation and how
    /// many messages it holds.
    pub async fn fork_conversation(
        &self,
        scope: &Scope,
        conversation_id: &Arg,
        message_id: &Arg,
        args: ForkArgs,
        now_millis: i64,
    ) -> Outcome<Fork<S>, S> {
        let source = chat::id("conversationId", conversation_id)?;
        let message_id = chat::id("messageId", message_id)?;
        crate::core::chat::args::expect_object("options", &args.options)?;
        let new_id = chat::id("options.conversationId", &args.conversation_id)?;
        let (keep_title, title) = match &args.title {
            Arg::Undefined => (1, None),
            other => (0, chat::title("options.title", other)?),
        };
        chat::check_row(
            "options.title",
            &[&new_id, &scope.session_id, title.as_deref().unwrap_or("")],
        )?;
        let now = iso_timestamp(now_millis)?;
        let (new, session) = (|| text(&new_id), || text(&scope.session_id));
        let batch = vec![
            sql::fork_conversation(
                new(),
                SqlValue::Integer(keep_title),
                title.as_deref().map_or(SqlValue::Null, text),
                text(&now),
                text(&source),
                session(),
                text(&message_id),
            ),
            sql::fork_messages(
                text(&message_id),
                text(&source),
                session(),
                SqlValue::Integer(WHOLE_PATH),
                new(),
            ),
            sql::count_conversation_messages(new(), session()),
        ];
        let results = self
            .storage()
            .batch(batch)
            .await
            .map_err(crate::core::layer::explained(|violation| match violation {
                Violation::Unique(_) => Some(format!(
                    "a conversation with id {} already exists",
                    crate::core::error::quote(&new_id)
                )),
                _ => None,
            }))?;
        let mut results = results.into_iter();
        let conversation = results.next().ok_or(Error::MissingRow)?;
        let count = results.last().ok_or(Error::MissingRow)?;
        if conversation.is_empty() {
            return Err(Error::not_found("message", &message_id).into());
        }
        let messages = count.first_number("messages")?.ok_or(Error::MissingRow)? as usize;
        Ok(Fork {
            conversation: Checked::check(conversation)?,
            messages,
        })
    }
}
