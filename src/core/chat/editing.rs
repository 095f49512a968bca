//! Editing a session's conversations: the chat API's `renameConversation`, `deleteConversation`
//! and `deleteMessagesAfter` (for "regenerate" and "edit and resend"). Each statement binds the
//! session id, so another session's conversation is neither read nor written.

use crate::core::arg::Arg;
use crate::core::chat::branches::{delete_below, leaf_at};
use crate::core::chat::{self, Scope};
use crate::core::error::{Error, ErrorCode, Method};
use crate::core::layer::{DataLayer, Outcome, Rows};
use crate::core::model::Conversation;
use crate::core::rows::Checked;
use crate::core::sql;
use crate::core::statement::{text, Statement};
use crate::core::storage::Storage;
use crate::core::value::{ResultSet, SqlValue};

/// `chat.renameConversation(conversationId, title)`.
pub const RENAME_CONVERSATION: Method = Method {
    name: "renameConversation",
    message_prefix: "Failed to rename conversation: ",
    default_code: ErrorCode::UpdateError,
};

/// `chat.deleteConversation(conversationId)`.
pub const DELETE_CONVERSATION: Method = Method {
    name: "deleteConversation",
    message_prefix: "Failed to delete conversation: ",
    default_code: ErrorCode::DeleteError,
};

/// `chat.deleteMessagesAfter(conversationId, messageId)`.
pub const DELETE_MESSAGES_AFTER: Method = Method {
    name: "deleteMessagesAfter",
    message_prefix: "Failed to delete messages: ",
    default_code: ErrorCode::DeleteError,
};

/// Sets (or clears) the title of a conversation of the session; returns it as stored.
pub fn rename_owned_conversation(scope: &Scope, id: &str, title: Option<&str>) -> Statement {
    sql::rename_conversation(
        title.map_or(SqlValue::Null, text),
        text(id),
        text(&scope.session_id),
    )
}

/// Deletes a conversation of the session (its messages go with it); returns its id.
pub fn delete_owned_conversation(scope: &Scope, id: &str) -> Statement {
    sql::delete_conversation(text(id), text(&scope.session_id))
}

/// The message, when it is in a conversation of the session.
pub fn owned_message(scope: &Scope, conversation_id: &str, message_id: &str) -> Statement {
    sql::owned_message(
        text(message_id),
        text(conversation_id),
        text(&scope.session_id),
    )
}

impl<S: Storage> DataLayer<S> {
    /// Sets the title (`undefined`, `null` or `""` clears it); `updated_at` is unchanged.
    pub async fn rename_conversation(
        &self,
        scope: &Scope,
        conversation_id: &Arg,
        title: &Arg,
    ) -> Outcome<Rows<Conversation, S>, S> {
        let id = chat::id("conversationId", conversation_id)?;
        let title = chat::title("title", title)?;
        chat::check_row(
            "title",
            &[&id, &scope.session_id, title.as_deref().unwrap_or("")],
        )?;
        let statement = rename_owned_conversation(scope, &id, title.as_deref());
        let rows = self.storage().all(statement).await?;
        if rows.is_empty() {
            return Err(Error::not_found("conversation", &id).into());
        }
        Ok(Checked::check(rows)?)
    }

    /// Deletes the conversation with all its messages; `false` when there was nothing of this
    /// session's to delete.
    pub async fn delete_conversation(
        &self,
        scope: &Scope,
        conversation_id: &Arg,
    ) -> Outcome<bool, S> {
        let id = chat::id("conversationId", conversation_id)?;
        let rows = self
            .storage()
            .all(delete_owned_conversation(scope, &id))
            .await?;
        Ok(!rows.is_empty())
    }

    /// Deletes `message_id`'s descendants, every branch below it (on a conversation without
    /// branches: every message after it), and makes it the active leaf; resolves to how many went.
    /// `NOT_FOUND` when the conversation or the message is not there (or not the session's).
    pub async fn delete_messages_after(
        &self,
        scope: &Scope,
        conversation_id: &Arg,
        message_id: &Arg,
    ) -> Outcome<usize, S> {
        let conversation_id = chat::id("conversationId", conversation_id)?;
        let message_id = chat::id("messageId", message_id)?;
        let batch = vec![
            owned_message(scope, &conversation_id, &message_id),
            delete_below(scope, &conversation_id, &message_id),
            leaf_at(scope, &conversation_id, &message_id),
        ];
        let mut results = self.storage().batch(batch).await?.into_iter();
        let found = results.next().ok_or(Error::MissingRow)?;
        let deleted = results.next().ok_or(Error::MissingRow)?;
        if found.is_empty() {
            // The delete compared against no message, so it deleted nothing.
            return Err(Error::not_found("message", &message_id).into());
        }
        Ok(deleted.len())
    }
}
