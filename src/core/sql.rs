//! The SQL text of every statement, and its binder: the one function that binds its
//! parameters, in the order the SQL takes them. Rendered by sea-query from the sources in
//! `src/generate/sources/` by `cargo run --example generate`: do not edit. A test fails
//! when it is stale.
#![allow(clippy::too_many_arguments)]

use crate::core::statement::Statement;
use crate::core::value::SqlValue;

/// `getOrCreateSession`: upsert the session and return it as stored.
pub const GET_OR_CREATE_SESSION: &str = "INSERT INTO \"client_sessions\" (\"id\", \"created_at\", \"last_activity\", \"metadata\") VALUES (?, ?, ?, ?) ON CONFLICT (\"id\") DO UPDATE SET \"last_activity\" = MAX(\"client_sessions\".\"last_activity\", \"excluded\".\"last_activity\") RETURNING \"id\", \"created_at\", \"last_activity\", \"metadata\"";

/// [`GET_OR_CREATE_SESSION`], which binds id, now, now, metadata.
pub fn get_or_create_session(id: SqlValue, now: SqlValue, metadata: SqlValue) -> Statement {
    Statement { sql: GET_OR_CREATE_SESSION, params: vec![id, now.clone(), now, metadata] }
}

/// `getOrCreateSession` with an id that is not a string, first of its batch: whether the session exists.
pub const SESSION_EXISTS: &str = "SELECT \"id\" FROM \"client_sessions\" WHERE \"id\" = ?";

/// [`SESSION_EXISTS`], which binds id.
pub fn session_exists(id: SqlValue) -> Statement {
    Statement { sql: SESSION_EXISTS, params: vec![id] }
}

/// `getOrCreateSession` when the metadata is not sent: touch a known session only.
pub const TOUCH_SESSION: &str = "UPDATE \"client_sessions\" SET \"last_activity\" = MAX(\"last_activity\", ?) WHERE \"id\" = ? RETURNING \"id\", \"created_at\", \"last_activity\", \"metadata\"";

/// [`TOUCH_SESSION`], which binds now, id.
pub fn touch_session(now: SqlValue, id: SqlValue) -> Statement {
    Statement { sql: TOUCH_SESSION, params: vec![now, id] }
}

/// `createConversation`: insert the conversation.
pub const CREATE_CONVERSATION: &str = "INSERT INTO \"conversations\" (\"id\", \"session_id\", \"title\", \"created_at\", \"updated_at\") VALUES (?, ?, ?, ?, ?)";

/// [`CREATE_CONVERSATION`], which binds id, session_id, title, created_at, updated_at.
pub fn create_conversation(id: SqlValue, session_id: SqlValue, title: SqlValue, created_at: SqlValue, updated_at: SqlValue) -> Statement {
    Statement { sql: CREATE_CONVERSATION, params: vec![id, session_id, title, created_at, updated_at] }
}

/// `listConversations`.
pub const LIST_CONVERSATIONS: &str = "SELECT \"id\", \"session_id\", \"title\", \"created_at\", \"updated_at\" FROM \"conversations\" WHERE \"session_id\" = ? ORDER BY \"updated_at\" DESC LIMIT ?";

/// [`LIST_CONVERSATIONS`], which binds session_id, limit.
pub fn list_conversations(session_id: SqlValue, limit: SqlValue) -> Statement {
    Statement { sql: LIST_CONVERSATIONS, params: vec![session_id, limit] }
}

/// `getConversationWithMessages`, first of its batch: the conversation.
pub const CONVERSATION_BY_ID: &str = "SELECT \"id\", \"session_id\", \"title\", \"created_at\", \"updated_at\" FROM \"conversations\" WHERE \"id\" = ?";

/// [`CONVERSATION_BY_ID`], which binds id.
pub fn conversation_by_id(id: SqlValue) -> Statement {
    Statement { sql: CONVERSATION_BY_ID, params: vec![id] }
}

/// `getConversationWithMessages`, second of its batch: its messages in order.
pub const MESSAGES_OF_CONVERSATION: &str = "SELECT \"id\", \"conversation_id\", \"role\", \"content\", \"created_at\" FROM \"messages\" WHERE \"conversation_id\" = ? ORDER BY \"created_at\" ASC, \"rowid\" ASC";

/// [`MESSAGES_OF_CONVERSATION`], which binds id.
pub fn messages_of_conversation(id: SqlValue) -> Statement {
    Statement { sql: MESSAGES_OF_CONVERSATION, params: vec![id] }
}

/// `createMessage`, first of its batch: insert the message.
pub const INSERT_MESSAGE: &str = "INSERT INTO \"messages\" (\"id\", \"conversation_id\", \"role\", \"content\", \"created_at\") VALUES (?, ?, ?, ?, ?)";

/// [`INSERT_MESSAGE`], which binds id, conversation_id, role, content, created_at.
pub fn insert_message(id: SqlValue, conversation_id: SqlValue, role: SqlValue, content: SqlValue, created_at: SqlValue) -> Statement {
    Statement { sql: INSERT_MESSAGE, params: vec![id, conversation_id, role, content, created_at] }
}

/// `createMessage`, second of its batch: move `updated_at` forward.
pub const TOUCH_CONVERSATION: &str = "UPDATE \"conversations\" SET \"updated_at\" = MAX(\"updated_at\", ?) WHERE \"id\" = ?";

/// [`TOUCH_CONVERSATION`], which binds created_at, conversation_id.
pub fn touch_conversation(created_at: SqlValue, conversation_id: SqlValue) -> Statement {
    Statement { sql: TOUCH_CONVERSATION, params: vec![created_at, conversation_id] }
}

/// `startTurn`, `addMessage`: insert a message into a conversation of the session, or nothing.
pub const INSERT_OWNED_MESSAGE: &str = "INSERT INTO \"messages\" (\"id\", \"conversation_id\", \"role\", \"content\", \"created_at\", \"metadata\", \"parts\") SELECT ?, \"id\", ?, ?, ?, ?, ? FROM \"conversations\" WHERE \"id\" = ? AND \"session_id\" = ? RETURNING \"id\", \"conversation_id\", \"role\", \"content\", \"created_at\", \"metadata\", \"parts\"";

/// [`INSERT_OWNED_MESSAGE`], which binds id, role, content, created_at, metadata, parts, conversation_id, session_id.
pub fn insert_owned_message(id: SqlValue, role: SqlValue, content: SqlValue, created_at: SqlValue, metadata: SqlValue, parts: SqlValue, conversation_id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: INSERT_OWNED_MESSAGE, params: vec![id, role, content, created_at, metadata, parts, conversation_id, session_id] }
}

/// `startTurn`, `addMessage`: move a conversation of the session's `updated_at` forward.
pub const TOUCH_OWNED_CONVERSATION: &str = "UPDATE \"conversations\" SET \"updated_at\" = MAX(\"updated_at\", ?) WHERE \"id\" = ? AND \"session_id\" = ? RETURNING \"id\", \"session_id\", \"title\", \"created_at\", \"updated_at\"";

/// [`TOUCH_OWNED_CONVERSATION`], which binds at, conversation_id, session_id.
pub fn touch_owned_conversation(at: SqlValue, conversation_id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: TOUCH_OWNED_CONVERSATION, params: vec![at, conversation_id, session_id] }
}

/// `startTurn`: the newest messages of a conversation of the session, newest first.
pub const RECENT_MESSAGES: &str = "SELECT \"id\", \"conversation_id\", \"role\", \"content\", \"created_at\", \"metadata\", \"parts\" FROM \"messages\" WHERE \"conversation_id\" = ? AND EXISTS(SELECT 1 FROM \"conversations\" WHERE \"id\" = ? AND \"session_id\" = ?) ORDER BY \"created_at\" DESC, \"rowid\" DESC LIMIT ?";

/// [`RECENT_MESSAGES`], which binds conversation_id, conversation_id, session_id, limit.
pub fn recent_messages(conversation_id: SqlValue, session_id: SqlValue, limit: SqlValue) -> Statement {
    Statement { sql: RECENT_MESSAGES, params: vec![conversation_id.clone(), conversation_id, session_id, limit] }
}

/// `renameConversation`: set the title of a conversation of the session.
pub const RENAME_CONVERSATION: &str = "UPDATE \"conversations\" SET \"title\" = ? WHERE \"id\" = ? AND \"session_id\" = ? RETURNING \"id\", \"session_id\", \"title\", \"created_at\", \"updated_at\"";

/// [`RENAME_CONVERSATION`], which binds title, id, session_id.
pub fn rename_conversation(title: SqlValue, id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: RENAME_CONVERSATION, params: vec![title, id, session_id] }
}

/// `deleteConversation`: delete a conversation of the session.
pub const DELETE_CONVERSATION: &str = "DELETE FROM \"conversations\" WHERE \"id\" = ? AND \"session_id\" = ? RETURNING \"id\"";

/// [`DELETE_CONVERSATION`], which binds id, session_id.
pub fn delete_conversation(id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: DELETE_CONVERSATION, params: vec![id, session_id] }
}

/// `deleteMessagesAfter`, first of its batch: the message, in a conversation of the session.
pub const OWNED_MESSAGE: &str = "SELECT \"id\" FROM \"messages\" WHERE \"id\" = ? AND \"conversation_id\" = ? AND EXISTS(SELECT 1 FROM \"conversations\" WHERE \"id\" = ? AND \"session_id\" = ?)";

/// [`OWNED_MESSAGE`], which binds message_id, conversation_id, conversation_id, session_id.
pub fn owned_message(message_id: SqlValue, conversation_id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: OWNED_MESSAGE, params: vec![message_id, conversation_id.clone(), conversation_id, session_id] }
}

/// `deleteMessagesAfter`, second of its batch: delete the messages after it.
pub const DELETE_MESSAGES_AFTER: &str = "DELETE FROM \"messages\" WHERE \"conversation_id\" = ? AND EXISTS(SELECT 1 FROM \"conversations\" WHERE \"id\" = ? AND \"session_id\" = ?) AND (\"created_at\", \"rowid\") > (SELECT \"created_at\", \"rowid\" FROM \"messages\" WHERE \"id\" = ? AND \"conversation_id\" = ?) RETURNING \"id\"";

/// [`DELETE_MESSAGES_AFTER`], which binds conversation_id, conversation_id, session_id, message_id, conversation_id.
pub fn delete_messages_after(conversation_id: SqlValue, session_id: SqlValue, message_id: SqlValue) -> Statement {
    Statement { sql: DELETE_MESSAGES_AFTER, params: vec![conversation_id.clone(), conversation_id.clone(), session_id, message_id, conversation_id] }
}

/// `countMessagesSince`: the session's messages of a role since an instant, as `n`.
pub const COUNT_USER_MESSAGES_SINCE: &str = "SELECT COUNT(*) AS \"n\" FROM \"messages\" INNER JOIN \"conversations\" ON \"conversations\".\"id\" = \"messages\".\"conversation_id\" WHERE \"conversations\".\"session_id\" = ? AND \"messages\".\"role\" = ? AND \"messages\".\"created_at\" >= ?";

/// [`COUNT_USER_MESSAGES_SINCE`], which binds session_id, role, since.
pub fn count_user_messages_since(session_id: SqlValue, role: SqlValue, since: SqlValue) -> Statement {
    Statement { sql: COUNT_USER_MESSAGES_SINCE, params: vec![session_id, role, since] }
}

/// `erase`, first of its batch: the session's messages, as `n`.
pub const COUNT_SESSION_MESSAGES: &str = "SELECT COUNT(*) AS \"n\" FROM \"messages\" INNER JOIN \"conversations\" ON \"conversations\".\"id\" = \"messages\".\"conversation_id\" WHERE \"conversations\".\"session_id\" = ?";

/// [`COUNT_SESSION_MESSAGES`], which binds session_id.
pub fn count_session_messages(session_id: SqlValue) -> Statement {
    Statement { sql: COUNT_SESSION_MESSAGES, params: vec![session_id] }
}

/// `erase`, second of its batch: delete the session's conversations.
pub const DELETE_SESSION_CONVERSATIONS: &str = "DELETE FROM \"conversations\" WHERE \"session_id\" = ? RETURNING \"id\"";

/// [`DELETE_SESSION_CONVERSATIONS`], which binds session_id.
pub fn delete_session_conversations(session_id: SqlValue) -> Statement {
    Statement { sql: DELETE_SESSION_CONVERSATIONS, params: vec![session_id] }
}

/// `erase`, last of its batch: delete the session.
pub const DELETE_SESSION: &str = "DELETE FROM \"client_sessions\" WHERE \"id\" = ?";

/// [`DELETE_SESSION`], which binds session_id.
pub fn delete_session(session_id: SqlValue) -> Statement {
    Statement { sql: DELETE_SESSION, params: vec![session_id] }
}

/// `purgeInactiveSessions`: delete the oldest inactive sessions.
pub const PURGE_INACTIVE_SESSIONS: &str = "DELETE FROM \"client_sessions\" WHERE \"rowid\" IN (SELECT \"rowid\" FROM \"client_sessions\" WHERE \"last_activity\" < ? ORDER BY \"last_activity\" ASC LIMIT ?) RETURNING \"id\"";

/// [`PURGE_INACTIVE_SESSIONS`], which binds before, limit.
pub fn purge_inactive_sessions(before: SqlValue, limit: SqlValue) -> Statement {
    Statement { sql: PURGE_INACTIVE_SESSIONS, params: vec![before, limit] }
}

/// `listConversations`, first page.
pub const CONVERSATIONS_PAGE: &str = "SELECT \"id\", \"session_id\", \"title\", \"created_at\", \"updated_at\" FROM \"conversations\" WHERE \"session_id\" = ? ORDER BY \"updated_at\" DESC, \"rowid\" ASC LIMIT ?";

/// [`CONVERSATIONS_PAGE`], which binds session_id, limit.
pub fn conversations_page(session_id: SqlValue, limit: SqlValue) -> Statement {
    Statement { sql: CONVERSATIONS_PAGE, params: vec![session_id, limit] }
}

/// `listConversations`, the page after a conversation.
pub const CONVERSATIONS_PAGE_AFTER: &str = "SELECT \"id\", \"session_id\", \"title\", \"created_at\", \"updated_at\" FROM (SELECT \"id\", \"session_id\", \"title\", \"created_at\", \"updated_at\", \"rowid\" AS \"sequence\" FROM \"conversations\" WHERE \"session_id\" = ? AND (\"updated_at\" = ? AND \"rowid\" > (SELECT \"rowid\" FROM \"conversations\" WHERE \"id\" = ? AND \"session_id\" = ?)) UNION ALL SELECT \"id\", \"session_id\", \"title\", \"created_at\", \"updated_at\", \"rowid\" AS \"sequence\" FROM \"conversations\" WHERE \"session_id\" = ? AND \"updated_at\" < ? ORDER BY \"updated_at\" DESC, \"sequence\" ASC LIMIT ?) AS \"page\"";

/// [`CONVERSATIONS_PAGE_AFTER`], which binds session_id, instant, after_id, session_id, session_id, instant, limit.
pub fn conversations_page_after(session_id: SqlValue, instant: SqlValue, after_id: SqlValue, limit: SqlValue) -> Statement {
    Statement { sql: CONVERSATIONS_PAGE_AFTER, params: vec![session_id.clone(), instant.clone(), after_id, session_id.clone(), session_id, instant, limit] }
}

/// `getConversation`, first of its batch: a conversation of the session.
pub const CONVERSATION_OF_SESSION: &str = "SELECT \"id\", \"session_id\", \"title\", \"created_at\", \"updated_at\" FROM \"conversations\" WHERE \"id\" = ? AND \"session_id\" = ?";

/// [`CONVERSATION_OF_SESSION`], which binds id, session_id.
pub fn conversation_of_session(id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: CONVERSATION_OF_SESSION, params: vec![id, session_id] }
}

/// `getConversation`, second of its batch: the messages before one, newest first.
pub const MESSAGES_PAGE_BEFORE: &str = "SELECT \"id\", \"conversation_id\", \"role\", \"content\", \"created_at\", \"metadata\", \"parts\" FROM (SELECT \"id\", \"conversation_id\", \"role\", \"content\", \"created_at\", \"metadata\", \"parts\", \"rowid\" AS \"sequence\" FROM \"messages\" WHERE \"conversation_id\" = ? AND EXISTS(SELECT 1 FROM \"conversations\" WHERE \"id\" = ? AND \"session_id\" = ?) AND (\"created_at\" = ? AND \"rowid\" < (SELECT \"rowid\" FROM \"messages\" WHERE \"id\" = ? AND \"conversation_id\" = ?)) UNION ALL SELECT \"id\", \"conversation_id\", \"role\", \"content\", \"created_at\", \"metadata\", \"parts\", \"rowid\" AS \"sequence\" FROM \"messages\" WHERE \"conversation_id\" = ? AND EXISTS(SELECT 1 FROM \"conversations\" WHERE \"id\" = ? AND \"session_id\" = ?) AND \"created_at\" < ? ORDER BY \"created_at\" DESC, \"sequence\" DESC LIMIT ?) AS \"page\"";

/// [`MESSAGES_PAGE_BEFORE`], which binds conversation_id, conversation_id, session_id, instant, before_id, conversation_id, conversation_id, conversation_id, session_id, instant, limit.
pub fn messages_page_before(conversation_id: SqlValue, session_id: SqlValue, instant: SqlValue, before_id: SqlValue, limit: SqlValue) -> Statement {
    Statement { sql: MESSAGES_PAGE_BEFORE, params: vec![conversation_id.clone(), conversation_id.clone(), session_id.clone(), instant.clone(), before_id, conversation_id.clone(), conversation_id.clone(), conversation_id, session_id, instant, limit] }
}

/// `saveMessages`: which of the listed ids (a JSON array) are stored in this conversation of the session.
pub const EXISTING_MESSAGES: &str = "SELECT \"id\" FROM \"messages\" WHERE \"id\" IN (SELECT \"value\" FROM json_each(?) AS \"listed\") AND \"conversation_id\" = ? AND EXISTS(SELECT 1 FROM \"conversations\" WHERE \"id\" = ? AND \"session_id\" = ?)";

/// [`EXISTING_MESSAGES`], which binds ids, conversation_id, conversation_id, session_id.
pub fn existing_messages(ids: SqlValue, conversation_id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: EXISTING_MESSAGES, params: vec![ids, conversation_id.clone(), conversation_id, session_id] }
}

/// `saveMessages`: insert a message into a conversation of the session, or update its parts and metadata where they changed; an id of another conversation fails the write.
pub const SAVE_MESSAGE: &str = "INSERT INTO \"messages\" (\"id\", \"conversation_id\", \"role\", \"content\", \"created_at\", \"metadata\", \"parts\") SELECT ?, \"id\", ?, ?, ?, ?, ? FROM \"conversations\" WHERE \"id\" = ? AND \"session_id\" = ? ON CONFLICT (\"id\") DO UPDATE SET \"conversation_id\" = (CASE WHEN (\"messages\".\"conversation_id\" = \"excluded\".\"conversation_id\") THEN \"messages\".\"conversation_id\" END), \"content\" = \"excluded\".\"content\", \"metadata\" = \"excluded\".\"metadata\", \"parts\" = \"excluded\".\"parts\" WHERE \"messages\".\"conversation_id\" IS NOT \"excluded\".\"conversation_id\" OR \"messages\".\"content\" IS NOT \"excluded\".\"content\" OR \"messages\".\"metadata\" IS NOT \"excluded\".\"metadata\" OR (COALESCE(\"messages\".\"parts\", json_array(json_object('type', 'text', 'text', \"messages\".\"content\")))) IS NOT \"excluded\".\"parts\" RETURNING \"id\"";

/// [`SAVE_MESSAGE`], which binds id, role, content, created_at, metadata, parts, conversation_id, session_id.
pub fn save_message(id: SqlValue, role: SqlValue, content: SqlValue, created_at: SqlValue, metadata: SqlValue, parts: SqlValue, conversation_id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: SAVE_MESSAGE, params: vec![id, role, content, created_at, metadata, parts, conversation_id, session_id] }
}

/// `saveMessages`, last of its batch: move `updated_at` to `now` when a message was inserted at `now`.
pub const TOUCH_SAVED_CONVERSATION: &str = "UPDATE \"conversations\" SET \"updated_at\" = ? WHERE \"id\" = ? AND \"session_id\" = ? AND \"updated_at\" < ? AND EXISTS(SELECT 1 FROM \"messages\" WHERE \"conversation_id\" = ? AND \"created_at\" = ?)";

/// [`TOUCH_SAVED_CONVERSATION`], which binds now, conversation_id, session_id, now, conversation_id, now.
pub fn touch_saved_conversation(now: SqlValue, conversation_id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: TOUCH_SAVED_CONVERSATION, params: vec![now.clone(), conversation_id.clone(), session_id, now.clone(), conversation_id, now] }
}

/// `migrate`: the table recording the migrations applied, made when missing.
pub const CREATE_MIGRATIONS_TABLE: &str = "CREATE TABLE IF NOT EXISTS \"chat_d1_migrations\" ( \"name\" text NOT NULL PRIMARY KEY )";

/// [`CREATE_MIGRATIONS_TABLE`], which takes no parameters.
pub fn create_migrations_table() -> Statement {
    Statement { sql: CREATE_MIGRATIONS_TABLE, params: vec![] }
}

/// `migrate`: the names of the migrations applied.
pub const APPLIED_MIGRATIONS: &str = "SELECT \"name\" FROM \"chat_d1_migrations\" ORDER BY \"name\" ASC";

/// [`APPLIED_MIGRATIONS`], which takes no parameters.
pub fn applied_migrations() -> Statement {
    Statement { sql: APPLIED_MIGRATIONS, params: vec![] }
}

/// `migrate`: record a migration as applied.
pub const RECORD_MIGRATION: &str = "INSERT INTO \"chat_d1_migrations\" (\"name\") VALUES (?)";

/// [`RECORD_MIGRATION`], which binds name.
pub fn record_migration(name: SqlValue) -> Statement {
    Statement { sql: RECORD_MIGRATION, params: vec![name] }
}
