//! Saving: the chat API's `saveMessages`, what the AI SDK's `onFinish({ messages })` hands over,
//! stored in one round trip. Idempotent: a listed id stored in this conversation is updated only
//! where its parts or metadata changed, a new id is inserted in list order, and an id stored in
//! another conversation or session fails the whole call (an upsert never reaches across
//! ownership). Messages the list leaves out stay as they are. A listed message with parts is saved
//! by its parts (a `content` beside them, as chat-d1's own messages carry, is their text).

use crate::core::arg::Arg;
use crate::core::chat::args::{checked_message, CheckedMessage, MessageArgs, MessageNames};
use crate::core::chat::pages::conversation_of_session;
use crate::core::chat::parts::Names;
use crate::core::chat::writing::{bind_owned_message, Stored};
use crate::core::chat::{self, Scope};
use crate::core::error::{Error, ErrorCode, Method};
use crate::core::layer::{explained, DataLayer, Outcome};
use crate::core::sql;
use crate::core::statement::{text, Statement};
use crate::core::storage::{Rejection, Storage};
use crate::core::time::iso_timestamp;
use crate::core::value::{ResultSet, SqlValue};
use crate::core::violation::Violation;

/// `chat.saveMessages(conversationId, messages)`.
pub const SAVE_MESSAGES: Method = Method {
    name: "saveMessages",
    message_prefix: "Failed to save messages: ",
    default_code: ErrorCode::InsertError,
};

/// The names of a listed message.
const LISTED: MessageNames = MessageNames {
    message: "messages[]",
    id: "messages[].id",
    role: "messages[].role",
    metadata: "messages[].metadata",
    body: Names {
        content: "messages[].content",
        parts: "messages[].parts",
    },
};

/// The most messages one `saveMessages` takes: one statement each in one batch, and the boundary
/// reads no more of a longer list than its length.
pub const MAX_MESSAGES: usize = 1000;

/// `messages` as the boundary read it.
#[derive(Debug)]
pub enum MessageList<Cause> {
    /// An array, each element read as a message.
    Messages(Vec<MessageArgs<Cause>>),
    /// An array of more than [`MAX_MESSAGES`] elements, left unread.
    TooLong,
    /// Not an array: what it was.
    NotAnArray(Arg),
}

/// What `saveMessages` did with the list: `inserted + updated + unchanged` is its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    /// New ids, inserted.
    pub inserted: usize,
    /// Stored ids whose parts or metadata changed.
    pub updated: usize,
    /// Stored ids already as listed.
    pub unchanged: usize,
}

/// `texts` as a JSON array of strings (the listed ids are bound as one). Escapes what JSON
/// requires: quotes, backslashes, control characters.
fn json_strings(texts: &[&str]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut json = String::from("[");
    for (i, text) in texts.iter().enumerate() {
        json.push_str(if i == 0 { "\"" } else { ",\"" });
        for c in text.chars() {
            let code = u32::from(c) as usize;
            match c {
                '"' | '\\' => {
                    json.push('\\');
                    json.push(c);
                }
                _ if code < 0x20 => {
                    json.push_str("\\u00");
                    json.push(char::from(HEX[code >> 4]));
                    json.push(char::from(HEX[code & 15]));
                }
                _ => json.push(c),
            }
        }
        json.push('"');
    }
    json.push(']');
    json
}

/// Checks listed message `index`, naming the index in what a refusal says was found.
fn listed<C>(
    index: usize,
    args: MessageArgs<C>,
    conversation_id: &str,
    now: &str,
) -> Result<CheckedMessage, Rejection<C>> {
    let at = |mut rejection: Rejection<C>| {
        if let Error::Invalid { found, .. } = &mut rejection.error {
            found.push_str(", at index ");
            found.push_str(&index.to_string());
        }
        rejection
    };
    // chat-d1's own messages carry `content` beside `parts` (their text): a list built from
    // `history` or a page saves as it reads, its parts what is stored.
    let mut args = args;
    if !matches!(args.parts.arg, Arg::Undefined) {
        args.content = Arg::Undefined;
    }
    checked_message(LISTED, args, conversation_id, now.to_owned()).map_err(at)
}

/// The upsert of one listed message: inserted, its parent is the message listed before it (the
/// list is a path), or for the first the active leaf.
fn save_message(scope: &Scope, listed: &CheckedMessage, previous: Option<&str>) -> Statement {
    let json = Stored {
        metadata: listed.metadata.as_deref(),
        parts: listed.parts.as_deref(),
        reserved: None,
    };
    let parent = previous.map_or(SqlValue::Null, text);
    bind_owned_message(sql::save_message, scope, &listed.message, json, parent)
}

impl<S: Storage> DataLayer<S> {
    /// Stores the list in one batch: the conversation, which listed ids are stored in it, one
    /// upsert per message, the touch.
    pub async fn save_messages(
        &self,
        scope: &Scope,
        conversation_id: &Arg,
        list: MessageList<S::Cause>,
        now_millis: i64,
    ) -> Outcome<Saved, S> {
        let conversation_id = chat::id("conversationId", conversation_id)?;
        let found = match list {
            MessageList::Messages(messages) => Ok(messages),
            MessageList::TooLong => Err("an array of more"),
            MessageList::NotAnArray(other) => Err(other.describe()),
        };
        let messages = found.map_err(|found| Error::Invalid {
            argument: "messages",
            expected: "an array of at most 1000 messages",
            found: found.to_owned(),
        })?;
        let now = iso_timestamp(now_millis)?;
        let listed = messages
            .into_iter()
            .enumerate()
            .map(|(index, args)| listed(index, args, &conversation_id, &now))
            .collect::<Result<Vec<_>, _>>()?;
        let ids: Vec<&str> = listed.iter().map(|l| l.message.id.as_str()).collect();
        if let Some(index) = (1..ids.len()).find(|&i| ids[..i].contains(&ids[i])) {
            return Err(Error::Invalid {
                argument: "messages[].id",
                expected: "an id no other listed message has",
                found: format!("a repeated id, at index {index}"),
            }
            .into());
        }
        let ids_json = json_strings(&ids);
        let mut statements = vec![
            conversation_of_session(scope, &conversation_id),
            sql::existing_messages(
                text(&ids_json),
                text(&conversation_id),
                text(&scope.session_id),
            ),
        ];
        let previous = |index: usize| index.checked_sub(1).map(|before| ids[before]);
        statements.extend(
            (listed.iter().enumerate()).map(|(i, listed)| save_message(scope, listed, previous(i))),
        );
        statements.push(sql::touch_saved_conversation(
            text(&now),
            text(&conversation_id),
            text(&scope.session_id),
            text(&ids_json),
        ));
        let results =
            self.storage().batch(statements).await.map_err(explained(
                |violation| match violation {
                    Violation::NotNull(column) if column.ends_with("conversation_id") => {
                        Some("a listed message id is stored in another conversation".to_owned())
                    }
                    _ => None,
                },
            ))?;
        let mut results = results.into_iter();
        let mut next = || results.next().ok_or(Error::MissingRow);
        if next()?.is_empty() {
            return Err(Error::not_found("conversation", &conversation_id).into());
        }
        let existing = next()?;
        let stored: Vec<String> = (0..existing.len())
            .map(|i| existing.text_at(i, "id").map(Option::unwrap_or_default))
            .collect::<Result<_, _>>()?;
        let mut saved = Saved {
            inserted: 0,
            updated: 0,
            unchanged: 0,
        };
        for id in &ids {
            match (next()?.is_empty(), stored.iter().any(|s| s == id)) {
                (true, _) => saved.unchanged += 1,
                (false, true) => saved.updated += 1,
                (false, false) => saved.inserted += 1,
            }
        }
        Ok(saved)
    }
}
