//! Pages: the chat API's `listConversations` (a session's conversations, most recently updated
//! first) and `getConversation` (a conversation and one page of its messages). Keyset pages, never
//! OFFSET: each reads one row more than it keeps to learn whether more exist, and the next page
//! seeks to the position the cursor names (the last item's instant, and its rowid looked up by id)
//! through the same index, so a page costs the same wherever it starts.

use crate::core::arg::Arg;
use crate::core::chat::branches::{active_branch, branch_before, branch_to};
use crate::core::chat::cursor::{self, Kind, Position};
use crate::core::chat::{self, Limit, Scope};
use crate::core::dropin::conversations::LIST_CONVERSATIONS;
use crate::core::error::{Error, ErrorCode, Method};
use crate::core::layer::{DataLayer, Outcome, Rows};
use crate::core::model::{ChatMessage, Conversation};
use crate::core::rows::Checked;
use crate::core::sql;
use crate::core::statement::{text, Statement};
use crate::core::storage::Storage;
use crate::core::value::{ResultSet, SqlValue};

/// `chat.listConversations({ limit, cursor })`: the drop-in's name and message prefix.
pub const LIST_CONVERSATION_PAGE: Method = LIST_CONVERSATIONS;

/// `chat.getConversation(conversationId, { limit, before })`.
pub const GET_CONVERSATION: Method = Method {
    name: "getConversation",
    message_prefix: "Failed to get conversation: ",
    default_code: ErrorCode::QueryError,
};

/// Conversations per page of `listConversations`.
pub const CONVERSATIONS_PER_PAGE: Limit = Limit {
    default: 20,
    max: 100,
    expected: "an integer from 1 to 100",
};

/// Messages per page of `getConversation`.
pub const MESSAGES_PER_PAGE: Limit = Limit {
    default: 50,
    max: 1000,
    expected: "an integer from 1 to 1000",
};

/// The first `limit` conversations of the session, or those after the position `after` (two
/// index seeks merged; see `src/generate/sources/pages.rs`).
pub fn conversations_page(scope: &Scope, after: Option<&Position>, limit: u32) -> Statement {
    let session = || text(&scope.session_id);
    let limit = SqlValue::Integer(limit.into());
    match after {
        None => sql::conversations_page(session(), limit),
        Some(Position { instant, id }) => {
            sql::conversations_page_after(session(), text(instant), text(id), limit)
        }
    }
}

/// A conversation of the session.
pub fn conversation_of_session(scope: &Scope, id: &str) -> Statement {
    sql::conversation_of_session(text(id), text(&scope.session_id))
}

/// `getConversation`'s options, as the boundary read them, each unchecked.
#[derive(Debug, Clone, Copy)]
pub struct PageOptions<'a> {
    /// `options.limit`.
    pub limit: &'a Arg,
    /// `options.before`: a cursor.
    pub before: &'a Arg,
    /// `options.leafId`: the branch to read instead of the active one.
    pub leaf_id: &'a Arg,
}

/// A page of rows and the cursor to the next one (`None` on the last page).
pub struct Page<M, S: Storage> {
    /// The rows, in the order the caller receives them.
    pub rows: Rows<M, S>,
    /// The cursor that leads to the next page.
    pub next_cursor: Option<String>,
}

/// `getConversation`'s result.
pub struct ConversationPage<S: Storage> {
    /// The conversation.
    pub conversation: Rows<Conversation, S>,
    /// One page of its messages, oldest first, and the cursor to the older page.
    pub messages: Page<ChatMessage, S>,
}

/// Cuts `rows` (read with one row more than `limit`) to a page and makes the cursor after the last
/// kept row, whose position (its kind's instant column and id) the cursor names.
fn page<M: crate::core::rows::FromTable, R: ResultSet>(
    rows: R,
    limit: u32,
    kind: Kind,
    scope: &str,
    reversed: bool,
) -> Result<(Checked<M, R>, Option<String>), Error> {
    let limit = limit as usize;
    let next_cursor = if rows.len() > limit {
        let position = Position {
            instant: rows
                .text_at(limit - 1, kind.instant_column())?
                .ok_or(Error::MissingRow)?,
            id: rows.text_at(limit - 1, "id")?.ok_or(Error::MissingRow)?,
        };
        Some(cursor::encode(kind, scope, &position))
    } else {
        None
    };
    Ok((
        Checked::check(rows.into_window(limit, reversed))?,
        next_cursor,
    ))
}

impl<S: Storage> DataLayer<S> {
    /// One page of the session's conversations, most recently updated first.
    pub async fn list_conversation_page(
        &self,
        scope: &Scope,
        limit: &Arg,
        after: &Arg,
    ) -> Outcome<Page<Conversation, S>, S> {
        let limit = chat::limit("options.limit", limit, CONVERSATIONS_PER_PAGE)?;
        let after = cursor::decode(
            "options.cursor",
            Kind::Conversations,
            &scope.session_id,
            after,
        )?;
        let statement = conversations_page(scope, after.as_ref(), limit + 1);
        let rows = self.storage().all(statement).await?;
        let (rows, next_cursor) = page(rows, limit, Kind::Conversations, &scope.session_id, false)?;
        Ok(Page { rows, next_cursor })
    }

    /// The conversation and one page of a branch of its messages, oldest first: the newest `limit`
    /// of the active branch, or of the branch ending at `leafId`, or those above the cursor
    /// `before` (which stays on the branch it came from). `None` for an unknown or foreign
    /// conversation; `NOT_FOUND` for a `leafId` not in it.
    pub async fn get_conversation(
        &self,
        scope: &Scope,
        conversation_id: &Arg,
        options: PageOptions<'_>,
        now_millis: i64,
    ) -> Outcome<Option<ConversationPage<S>>, S> {
        let id = chat::id("conversationId", conversation_id)?;
        let limit = chat::limit("options.limit", options.limit, MESSAGES_PER_PAGE)?;
        let cursor_scope = format!("{}\0{id}", scope.session_id);
        let before = cursor::decode(
            "options.before",
            Kind::Messages,
            &cursor_scope,
            options.before,
        )?;
        let leaf = match options.leaf_id {
            Arg::Undefined => None,
            other => Some(chat::id("options.leafId", other)?),
        };
        let stale = self.stale_before(now_millis)?;
        let messages = match (&before, &leaf) {
            (Some(before), _) => {
                let cursor = (before.id.as_str(), before.instant.as_str());
                branch_before(scope, &id, cursor, limit + 1, &stale)
            }
            (None, Some(leaf)) => branch_to(scope, &id, leaf, limit + 1, &stale),
            (None, None) => active_branch(scope, &id, limit + 1, &stale),
        };
        let batch = vec![conversation_of_session(scope, &id), messages];
        let mut results = self.storage().batch(batch).await?.into_iter();
        let conversation = results.next().ok_or(Error::MissingRow)?;
        let messages = results.next().ok_or(Error::MissingRow)?;
        if conversation.is_empty() {
            return Ok(None);
        }
        if let (None, Some(leaf), true) = (&before, &leaf, messages.is_empty()) {
            return Err(Error::not_found("message", leaf).into());
        }
        let (rows, next_cursor) = page(messages, limit, Kind::Messages, &cursor_scope, true)?;
        Ok(Some(ConversationPage {
            conversation: Checked::check(conversation)?,
            messages: Page { rows, next_cursor },
        }))
    }
}
