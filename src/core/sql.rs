//! The SQL text of every statement, and its binder: the one function that binds its
//! parameters, in the order the SQL takes them. Rendered by sea-query from the sources in
//! `src/generate/sources/` by `cargo run --example generate`: do not edit. A test fails
//! when it is stale.
#![allow(clippy::too_many_arguments)]

use crate::core::statement::Statement;
use crate::core::value::SqlValue;

/// `getOrCreateSession`: upsert the session and return it as stored.
pub const GET_OR_CREATE_SESSION: &str = "INSERT INTO client_sessions (id, created_at, last_activity, metadata) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET last_activity = MAX(client_sessions.last_activity, excluded.last_activity) RETURNING id, created_at, last_activity, metadata";

/// [`GET_OR_CREATE_SESSION`], which binds id, now, now, metadata.
pub fn get_or_create_session(id: SqlValue, now: SqlValue, metadata: SqlValue) -> Statement {
    Statement { sql: GET_OR_CREATE_SESSION, params: vec![id, now.clone(), now, metadata] }
}

/// `getOrCreateSession` with an id that is not a string, first of its batch: whether the session exists.
pub const SESSION_EXISTS: &str = "SELECT id FROM client_sessions WHERE id = ?";

/// [`SESSION_EXISTS`], which binds id.
pub fn session_exists(id: SqlValue) -> Statement {
    Statement { sql: SESSION_EXISTS, params: vec![id] }
}

/// `getOrCreateSession` when the metadata is not sent: touch a known session only.
pub const TOUCH_SESSION: &str = "UPDATE client_sessions SET last_activity = MAX(last_activity, ?) WHERE id = ? RETURNING id, created_at, last_activity, metadata";

/// [`TOUCH_SESSION`], which binds now, id.
pub fn touch_session(now: SqlValue, id: SqlValue) -> Statement {
    Statement { sql: TOUCH_SESSION, params: vec![now, id] }
}

/// `createConversation`: insert the conversation.
pub const CREATE_CONVERSATION: &str = "INSERT INTO conversations (id, session_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)";

/// [`CREATE_CONVERSATION`], which binds id, session_id, title, created_at, updated_at.
pub fn create_conversation(id: SqlValue, session_id: SqlValue, title: SqlValue, created_at: SqlValue, updated_at: SqlValue) -> Statement {
    Statement { sql: CREATE_CONVERSATION, params: vec![id, session_id, title, created_at, updated_at] }
}

/// `listConversations`.
pub const LIST_CONVERSATIONS: &str = "SELECT id, session_id, title, created_at, updated_at FROM conversations WHERE session_id = ? ORDER BY updated_at DESC LIMIT ?";

/// [`LIST_CONVERSATIONS`], which binds session_id, limit.
pub fn list_conversations(session_id: SqlValue, limit: SqlValue) -> Statement {
    Statement { sql: LIST_CONVERSATIONS, params: vec![session_id, limit] }
}

/// `getConversationWithMessages`, first of its batch: the conversation.
pub const CONVERSATION_BY_ID: &str = "SELECT id, session_id, title, created_at, updated_at FROM conversations WHERE id = ?";

/// [`CONVERSATION_BY_ID`], which binds id.
pub fn conversation_by_id(id: SqlValue) -> Statement {
    Statement { sql: CONVERSATION_BY_ID, params: vec![id] }
}

/// `getConversationWithMessages`, second of its batch: its messages in order.
pub const MESSAGES_OF_CONVERSATION: &str = "SELECT id, conversation_id, role, content, created_at FROM messages WHERE conversation_id = ? ORDER BY created_at ASC, rowid ASC";

/// [`MESSAGES_OF_CONVERSATION`], which binds id.
pub fn messages_of_conversation(id: SqlValue) -> Statement {
    Statement { sql: MESSAGES_OF_CONVERSATION, params: vec![id] }
}

/// `createMessage`, first of its batch: insert the message.
pub const INSERT_MESSAGE: &str = "INSERT INTO messages (id, conversation_id, role, content, created_at) VALUES (?, ?, ?, ?, ?)";

/// [`INSERT_MESSAGE`], which binds id, conversation_id, role, content, created_at.
pub fn insert_message(id: SqlValue, conversation_id: SqlValue, role: SqlValue, content: SqlValue, created_at: SqlValue) -> Statement {
    Statement { sql: INSERT_MESSAGE, params: vec![id, conversation_id, role, content, created_at] }
}

/// `createMessage`, second of its batch: move `updated_at` forward.
pub const TOUCH_CONVERSATION: &str = "UPDATE conversations SET updated_at = MAX(updated_at, ?) WHERE id = ?";

/// [`TOUCH_CONVERSATION`], which binds created_at, conversation_id.
pub fn touch_conversation(created_at: SqlValue, conversation_id: SqlValue) -> Statement {
    Statement { sql: TOUCH_CONVERSATION, params: vec![created_at, conversation_id] }
}

/// `startTurn`, `addMessage`: insert a message into a conversation of the session, or nothing.
pub const INSERT_OWNED_MESSAGE: &str = "INSERT INTO messages (id, conversation_id, role, content, created_at, metadata, parts, parent_id, status, updated_at) SELECT ?, (CASE WHEN (? IS NULL OR ? = '' OR EXISTS(SELECT 1 FROM messages AS p WHERE p.id = ? AND p.conversation_id = conversations.id)) THEN conversations.id ELSE NULL END), ?, ?, MAX(?, COALESCE((SELECT l.created_at FROM messages AS l WHERE l.conversation_id = conversations.id ORDER BY l.created_at DESC, l.rowid DESC LIMIT 1), '')), ?, ?, (CASE WHEN (? IS NULL) THEN COALESCE((SELECT l.id FROM messages AS l WHERE l.id = conversations.active_leaf_id AND l.conversation_id = conversations.id), (SELECT l.id FROM messages AS l WHERE l.conversation_id = conversations.id ORDER BY l.created_at DESC, l.rowid DESC LIMIT 1), '') ELSE ? END), ?, ? FROM conversations WHERE id = ? AND session_id = ? RETURNING id, conversation_id, role, content, created_at, metadata, parts, parent_id, status, updated_at";

/// [`INSERT_OWNED_MESSAGE`], which binds id, parent_id, parent_id, parent_id, role, content, created_at, metadata, parts, parent_id, parent_id, status, updated_at, conversation_id, session_id.
pub fn insert_owned_message(id: SqlValue, parent_id: SqlValue, role: SqlValue, content: SqlValue, created_at: SqlValue, metadata: SqlValue, parts: SqlValue, status: SqlValue, updated_at: SqlValue, conversation_id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: INSERT_OWNED_MESSAGE, params: vec![id, parent_id.clone(), parent_id.clone(), parent_id.clone(), role, content, created_at, metadata, parts, parent_id.clone(), parent_id, status, updated_at, conversation_id, session_id] }
}

/// `startTurn`, `addMessage`: move a conversation of the session's `updated_at` forward.
pub const TOUCH_OWNED_CONVERSATION: &str = "UPDATE conversations SET updated_at = MAX(updated_at, ?), active_leaf_id = NULL WHERE id = ? AND session_id = ? RETURNING id, session_id, title, created_at, updated_at";

/// [`TOUCH_OWNED_CONVERSATION`], which binds at, conversation_id, session_id.
pub fn touch_owned_conversation(at: SqlValue, conversation_id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: TOUCH_OWNED_CONVERSATION, params: vec![at, conversation_id, session_id] }
}

/// `renameConversation`: set the title of a conversation of the session.
pub const RENAME_CONVERSATION: &str = "UPDATE conversations SET title = ? WHERE id = ? AND session_id = ? RETURNING id, session_id, title, created_at, updated_at";

/// [`RENAME_CONVERSATION`], which binds title, id, session_id.
pub fn rename_conversation(title: SqlValue, id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: RENAME_CONVERSATION, params: vec![title, id, session_id] }
}

/// `deleteConversation`: delete a conversation of the session.
pub const DELETE_CONVERSATION: &str = "DELETE FROM conversations WHERE id = ? AND session_id = ? RETURNING id";

/// [`DELETE_CONVERSATION`], which binds id, session_id.
pub fn delete_conversation(id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: DELETE_CONVERSATION, params: vec![id, session_id] }
}

/// `deleteMessagesAfter`, first of its batch: the message, in a conversation of the session.
pub const OWNED_MESSAGE: &str = "SELECT id FROM messages WHERE id = ? AND conversation_id = ? AND EXISTS(SELECT 1 FROM conversations WHERE id = ? AND session_id = ?)";

/// [`OWNED_MESSAGE`], which binds message_id, conversation_id, conversation_id, session_id.
pub fn owned_message(message_id: SqlValue, conversation_id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: OWNED_MESSAGE, params: vec![message_id, conversation_id.clone(), conversation_id, session_id] }
}

/// `countMessagesSince`: the session's messages of a role since an instant, as `n`.
pub const COUNT_USER_MESSAGES_SINCE: &str = "SELECT COUNT(*) AS n FROM messages INNER JOIN conversations ON conversations.id = messages.conversation_id WHERE conversations.session_id = ? AND messages.role = ? AND messages.created_at >= ?";

/// [`COUNT_USER_MESSAGES_SINCE`], which binds session_id, role, since.
pub fn count_user_messages_since(session_id: SqlValue, role: SqlValue, since: SqlValue) -> Statement {
    Statement { sql: COUNT_USER_MESSAGES_SINCE, params: vec![session_id, role, since] }
}

/// `erase`, first of its batch: the session's messages, as `n`.
pub const COUNT_SESSION_MESSAGES: &str = "SELECT COUNT(*) AS n FROM messages INNER JOIN conversations ON conversations.id = messages.conversation_id WHERE conversations.session_id = ?";

/// [`COUNT_SESSION_MESSAGES`], which binds session_id.
pub fn count_session_messages(session_id: SqlValue) -> Statement {
    Statement { sql: COUNT_SESSION_MESSAGES, params: vec![session_id] }
}

/// `erase`, second of its batch: delete the session's conversations.
pub const DELETE_SESSION_CONVERSATIONS: &str = "DELETE FROM conversations WHERE session_id = ? RETURNING id";

/// [`DELETE_SESSION_CONVERSATIONS`], which binds session_id.
pub fn delete_session_conversations(session_id: SqlValue) -> Statement {
    Statement { sql: DELETE_SESSION_CONVERSATIONS, params: vec![session_id] }
}

/// `erase`, last of its batch: delete the session.
pub const DELETE_SESSION: &str = "DELETE FROM client_sessions WHERE id = ?";

/// [`DELETE_SESSION`], which binds session_id.
pub fn delete_session(session_id: SqlValue) -> Statement {
    Statement { sql: DELETE_SESSION, params: vec![session_id] }
}

/// `purgeInactiveSessions`: delete the oldest inactive sessions.
pub const PURGE_INACTIVE_SESSIONS: &str = "DELETE FROM client_sessions WHERE rowid IN (SELECT rowid FROM client_sessions WHERE last_activity < ? ORDER BY last_activity ASC LIMIT ?) RETURNING id";

/// [`PURGE_INACTIVE_SESSIONS`], which binds before, limit.
pub fn purge_inactive_sessions(before: SqlValue, limit: SqlValue) -> Statement {
    Statement { sql: PURGE_INACTIVE_SESSIONS, params: vec![before, limit] }
}

/// `listConversations`, first page.
pub const CONVERSATIONS_PAGE: &str = "SELECT id, session_id, title, created_at, updated_at FROM conversations WHERE session_id = ? ORDER BY updated_at DESC, rowid ASC LIMIT ?";

/// [`CONVERSATIONS_PAGE`], which binds session_id, limit.
pub fn conversations_page(session_id: SqlValue, limit: SqlValue) -> Statement {
    Statement { sql: CONVERSATIONS_PAGE, params: vec![session_id, limit] }
}

/// `listConversations`, the page after a conversation.
pub const CONVERSATIONS_PAGE_AFTER: &str = "SELECT id, session_id, title, created_at, updated_at FROM (SELECT id, session_id, title, created_at, updated_at, rowid AS sequence FROM conversations WHERE session_id = ? AND (updated_at = ? AND rowid > (SELECT rowid FROM conversations WHERE id = ? AND session_id = ?)) UNION ALL SELECT id, session_id, title, created_at, updated_at, rowid AS sequence FROM conversations WHERE session_id = ? AND updated_at < ? ORDER BY updated_at DESC, sequence ASC LIMIT ?) AS page";

/// [`CONVERSATIONS_PAGE_AFTER`], which binds session_id, instant, after_id, session_id, session_id, instant, limit.
pub fn conversations_page_after(session_id: SqlValue, instant: SqlValue, after_id: SqlValue, limit: SqlValue) -> Statement {
    Statement { sql: CONVERSATIONS_PAGE_AFTER, params: vec![session_id.clone(), instant.clone(), after_id, session_id.clone(), session_id, instant, limit] }
}

/// `getConversation`, first of its batch: a conversation of the session.
pub const CONVERSATION_OF_SESSION: &str = "SELECT id, session_id, title, created_at, updated_at FROM conversations WHERE id = ? AND session_id = ?";

/// [`CONVERSATION_OF_SESSION`], which binds id, session_id.
pub fn conversation_of_session(id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: CONVERSATION_OF_SESSION, params: vec![id, session_id] }
}

/// `saveMessages`: which of the listed ids (a JSON array) are stored in this conversation of the session.
pub const EXISTING_MESSAGES: &str = "SELECT id FROM messages WHERE id IN (SELECT value FROM json_each(?) AS listed) AND conversation_id = ? AND EXISTS(SELECT 1 FROM conversations WHERE id = ? AND session_id = ?)";

/// [`EXISTING_MESSAGES`], which binds ids, conversation_id, conversation_id, session_id.
pub fn existing_messages(ids: SqlValue, conversation_id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: EXISTING_MESSAGES, params: vec![ids, conversation_id.clone(), conversation_id, session_id] }
}

/// `saveMessages`: insert a message into a conversation of the session, or update its parts and metadata where they changed; an id of another conversation fails the write.
pub const SAVE_MESSAGE: &str = "INSERT INTO messages (id, conversation_id, role, content, created_at, metadata, parts, parent_id, status, updated_at) SELECT ?, (CASE WHEN (? IS NULL OR ? = '' OR EXISTS(SELECT 1 FROM messages AS p WHERE p.id = ? AND p.conversation_id = conversations.id)) THEN conversations.id ELSE NULL END), ?, ?, MAX(?, COALESCE((SELECT l.created_at FROM messages AS l WHERE l.conversation_id = conversations.id ORDER BY l.created_at DESC, l.rowid DESC LIMIT 1), '')), ?, ?, (CASE WHEN (? IS NULL) THEN COALESCE((SELECT l.id FROM messages AS l WHERE l.id = conversations.active_leaf_id AND l.conversation_id = conversations.id), (SELECT l.id FROM messages AS l WHERE l.conversation_id = conversations.id ORDER BY l.created_at DESC, l.rowid DESC LIMIT 1), '') ELSE ? END), ?, ? FROM conversations WHERE id = ? AND session_id = ? ON CONFLICT (id) DO UPDATE SET conversation_id = (CASE WHEN (messages.conversation_id = excluded.conversation_id) THEN messages.conversation_id END), content = excluded.content, metadata = excluded.metadata, parts = excluded.parts, status = (CASE WHEN (messages.status = 'streaming') THEN 'done' ELSE messages.status END) WHERE messages.conversation_id IS NOT excluded.conversation_id OR messages.content IS NOT excluded.content OR messages.metadata IS NOT excluded.metadata OR (COALESCE(messages.parts, json_array(json_object('type', 'text', 'text', messages.content)))) IS NOT excluded.parts OR messages.status = 'streaming' RETURNING id";

/// [`SAVE_MESSAGE`], which binds id, parent_id, parent_id, parent_id, role, content, created_at, metadata, parts, parent_id, parent_id, status, updated_at, conversation_id, session_id.
pub fn save_message(id: SqlValue, parent_id: SqlValue, role: SqlValue, content: SqlValue, created_at: SqlValue, metadata: SqlValue, parts: SqlValue, status: SqlValue, updated_at: SqlValue, conversation_id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: SAVE_MESSAGE, params: vec![id, parent_id.clone(), parent_id.clone(), parent_id.clone(), role, content, created_at, metadata, parts, parent_id.clone(), parent_id, status, updated_at, conversation_id, session_id] }
}

/// `saveMessages`, last of its batch: when a message was inserted, move `updated_at` to `now` and make the newest message the active leaf.
pub const TOUCH_SAVED_CONVERSATION: &str = "UPDATE conversations SET updated_at = MAX(updated_at, ?), active_leaf_id = NULL WHERE id = ? AND session_id = ? AND (updated_at < ? OR active_leaf_id IS NOT NULL) AND EXISTS(SELECT 1 FROM messages WHERE conversation_id = ? AND created_at >= ? AND id IN (SELECT value FROM json_each(?) AS listed))";

/// [`TOUCH_SAVED_CONVERSATION`], which binds now, conversation_id, session_id, now, conversation_id, now, ids.
pub fn touch_saved_conversation(now: SqlValue, conversation_id: SqlValue, session_id: SqlValue, ids: SqlValue) -> Statement {
    Statement { sql: TOUCH_SAVED_CONVERSATION, params: vec![now.clone(), conversation_id.clone(), session_id, now.clone(), conversation_id, now, ids] }
}

/// `startTurn`'s history, `addMessage`'s answer, `getConversation`'s pages: the newest `limit` messages of a branch, newest first: the active one, the one ending at `leaf_id`, or above the cursor's message `before_id` (stamped `instant`).
pub const BRANCH: &str = "WITH RECURSIVE path (r, up, depth) AS (SELECT m.rowid, (CASE WHEN (m.parent_id IS NULL) THEN COALESCE((SELECT n.rowid FROM messages AS n WHERE n.conversation_id = m.conversation_id AND (n.created_at = m.created_at AND n.rowid < m.rowid) ORDER BY n.created_at DESC, n.rowid DESC LIMIT 1), (SELECT n.rowid FROM messages AS n WHERE n.conversation_id = m.conversation_id AND n.created_at < m.created_at ORDER BY n.created_at DESC, n.rowid DESC LIMIT 1)) WHEN (m.parent_id = '') THEN NULL ELSE (SELECT p.rowid FROM messages AS p WHERE p.id = m.parent_id AND p.conversation_id = m.conversation_id) END), (CASE WHEN (m.id = ?) THEN 0 ELSE 1 END) FROM messages AS m WHERE m.rowid = (CASE WHEN (? IS NOT NULL) THEN COALESCE((SELECT k.rowid FROM messages AS k WHERE k.id = ? AND k.conversation_id = ?), (SELECT l.rowid FROM messages AS l WHERE l.conversation_id = ? AND l.created_at < ? ORDER BY l.created_at DESC, l.rowid DESC LIMIT 1)) WHEN (? IS NOT NULL) THEN (SELECT k.rowid FROM messages AS k WHERE k.id = ? AND k.conversation_id = ?) ELSE (SELECT COALESCE((SELECT l.rowid FROM messages AS l WHERE l.id = conversations.active_leaf_id AND l.conversation_id = conversations.id), (SELECT l.rowid FROM messages AS l WHERE l.conversation_id = ? ORDER BY l.created_at DESC, l.rowid DESC LIMIT 1)) FROM conversations WHERE conversations.id = ?) END) AND (m.conversation_id = ? AND EXISTS(SELECT 1 FROM conversations WHERE id = ? AND session_id = ?)) UNION ALL SELECT m.rowid, (CASE WHEN (m.parent_id IS NULL) THEN COALESCE((SELECT n.rowid FROM messages AS n WHERE n.conversation_id = m.conversation_id AND (n.created_at = m.created_at AND n.rowid < m.rowid) ORDER BY n.created_at DESC, n.rowid DESC LIMIT 1), (SELECT n.rowid FROM messages AS n WHERE n.conversation_id = m.conversation_id AND n.created_at < m.created_at ORDER BY n.created_at DESC, n.rowid DESC LIMIT 1)) WHEN (m.parent_id = '') THEN NULL ELSE (SELECT p.rowid FROM messages AS p WHERE p.id = m.parent_id AND p.conversation_id = m.conversation_id) END), path.depth + 1 FROM path INNER JOIN messages AS m ON m.rowid = path.up WHERE path.depth < ?) , walked AS  MATERIALIZED (SELECT m.id AS id, m.conversation_id AS conversation_id, m.role AS role, m.content AS content, m.created_at AS created_at, m.metadata AS metadata, m.parts AS parts, m.status AS status, m.updated_at AS updated_at, m.rowid AS r, path.depth AS depth, m.parent_id AS stored, (SELECT u.id FROM messages AS u WHERE u.rowid = path.up) AS parent, COALESCE((SELECT u.id FROM messages AS u WHERE u.rowid = path.up), '') AS parent_key, (SELECT count(*) FROM messages AS s WHERE s.conversation_id = m.conversation_id AND s.parent_id = COALESCE((SELECT u.id FROM messages AS u WHERE u.rowid = path.up), '')) AS named, (CASE WHEN (path.up IS NULL) THEN (SELECT (CASE WHEN (f.parent_id IS NULL) THEN f.id ELSE NULL END) FROM messages AS f WHERE f.conversation_id = m.conversation_id ORDER BY f.created_at ASC, f.rowid ASC LIMIT 1) ELSE (SELECT x.id FROM messages AS x WHERE x.rowid = (SELECT COALESCE((SELECT n.rowid FROM messages AS n WHERE n.conversation_id = u.conversation_id AND (n.created_at = u.created_at AND n.rowid > u.rowid) ORDER BY n.created_at ASC, n.rowid ASC LIMIT 1), (SELECT n.rowid FROM messages AS n WHERE n.conversation_id = u.conversation_id AND n.created_at > u.created_at ORDER BY n.created_at ASC, n.rowid ASC LIMIT 1)) FROM messages AS u WHERE u.rowid = path.up) AND x.parent_id IS NULL) END) AS unnamed FROM path INNER JOIN messages AS m ON m.rowid = path.r WHERE path.depth >= 1) SELECT walked.id AS id, walked.conversation_id AS conversation_id, walked.role AS role, walked.content AS content, walked.created_at AS created_at, walked.metadata AS metadata, walked.parts AS parts, walked.parent AS parent_id, (CASE WHEN (walked.status = 'streaming' AND walked.updated_at < ?) THEN 'interrupted' ELSE COALESCE(walked.status, 'done') END) AS status, (CASE WHEN (walked.named + (walked.unnamed IS NOT NULL) <= 1) THEN 0 ELSE (SELECT count(*) FROM messages AS s WHERE s.conversation_id = walked.conversation_id AND s.parent_id = walked.parent_key AND (s.created_at, s.rowid) < (walked.created_at, walked.r)) + (walked.unnamed IS NOT NULL AND walked.stored IS NOT NULL) END) AS sibling_index, walked.named + (walked.unnamed IS NOT NULL) AS sibling_count, (CASE WHEN (walked.named + (walked.unnamed IS NOT NULL) <= 1) THEN NULL ELSE (CASE WHEN (walked.stored IS NOT NULL) THEN COALESCE((SELECT s.id FROM messages AS s WHERE s.conversation_id = walked.conversation_id AND s.parent_id = walked.parent_key AND (s.created_at, s.rowid) < (walked.created_at, walked.r) ORDER BY s.created_at DESC, s.rowid DESC LIMIT 1), walked.unnamed) ELSE NULL END) END) AS sibling_previous, (CASE WHEN (walked.named + (walked.unnamed IS NOT NULL) <= 1) THEN NULL ELSE (SELECT s.id FROM messages AS s WHERE s.conversation_id = walked.conversation_id AND s.parent_id = walked.parent_key AND (s.created_at, s.rowid) > (walked.created_at, walked.r) ORDER BY s.created_at ASC, s.rowid ASC LIMIT 1) END) AS sibling_next FROM walked ORDER BY walked.depth ASC";

/// [`BRANCH`], which binds before_id, before_id, before_id, conversation_id, conversation_id, instant, leaf_id, leaf_id, conversation_id, conversation_id, conversation_id, conversation_id, conversation_id, session_id, limit, stale_before.
pub fn branch(before_id: SqlValue, conversation_id: SqlValue, instant: SqlValue, leaf_id: SqlValue, session_id: SqlValue, limit: SqlValue, stale_before: SqlValue) -> Statement {
    Statement { sql: BRANCH, params: vec![before_id.clone(), before_id.clone(), before_id, conversation_id.clone(), conversation_id.clone(), instant, leaf_id.clone(), leaf_id, conversation_id.clone(), conversation_id.clone(), conversation_id.clone(), conversation_id.clone(), conversation_id, session_id, limit, stale_before] }
}

/// `selectBranch`: make the newest leaf under a message of a conversation of the session its active leaf.
pub const SELECT_BRANCH: &str = "WITH RECURSIVE below (r) AS (SELECT m.rowid FROM messages AS m WHERE m.id = ? AND m.conversation_id = ? AND EXISTS(SELECT 1 FROM conversations WHERE id = ? AND session_id = ?) UNION SELECT c.rowid FROM below INNER JOIN messages AS p ON p.rowid = below.r INNER JOIN messages AS c ON c.conversation_id = p.conversation_id AND c.parent_id = p.id UNION SELECT c.rowid FROM below INNER JOIN messages AS p ON p.rowid = below.r INNER JOIN messages AS c ON c.rowid = COALESCE((SELECT n.rowid FROM messages AS n WHERE n.conversation_id = p.conversation_id AND (n.created_at = p.created_at AND n.rowid > p.rowid) ORDER BY n.created_at ASC, n.rowid ASC LIMIT 1), (SELECT n.rowid FROM messages AS n WHERE n.conversation_id = p.conversation_id AND n.created_at > p.created_at ORDER BY n.created_at ASC, n.rowid ASC LIMIT 1)) AND c.parent_id IS NULL) UPDATE conversations SET active_leaf_id = (CASE WHEN ((SELECT d.rowid FROM below INNER JOIN messages AS d ON d.rowid = below.r ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1) = (SELECT l.rowid FROM messages AS l WHERE l.conversation_id = ? ORDER BY l.created_at DESC, l.rowid DESC LIMIT 1)) THEN NULL ELSE (SELECT d.id FROM below INNER JOIN messages AS d ON d.rowid = below.r ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1) END) WHERE id = ? AND session_id = ? AND EXISTS(SELECT 1 FROM messages AS m WHERE m.id = ? AND m.conversation_id = ? AND EXISTS(SELECT 1 FROM conversations WHERE id = ? AND session_id = ?)) RETURNING id, session_id, title, created_at, updated_at";

/// [`SELECT_BRANCH`], which binds message_id, conversation_id, conversation_id, session_id, conversation_id, conversation_id, session_id, message_id, conversation_id, conversation_id, session_id.
pub fn select_branch(message_id: SqlValue, conversation_id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: SELECT_BRANCH, params: vec![message_id.clone(), conversation_id.clone(), conversation_id.clone(), session_id.clone(), conversation_id.clone(), conversation_id.clone(), session_id.clone(), message_id, conversation_id.clone(), conversation_id, session_id] }
}

/// `deleteMessagesAfter`, second of its batch: delete a message's descendants, every branch.
pub const DELETE_BELOW: &str = "WITH RECURSIVE below (r) AS (SELECT m.rowid FROM messages AS m WHERE m.id = ? AND m.conversation_id = ? AND EXISTS(SELECT 1 FROM conversations WHERE id = ? AND session_id = ?) UNION SELECT c.rowid FROM below INNER JOIN messages AS p ON p.rowid = below.r INNER JOIN messages AS c ON c.conversation_id = p.conversation_id AND c.parent_id = p.id UNION SELECT c.rowid FROM below INNER JOIN messages AS p ON p.rowid = below.r INNER JOIN messages AS c ON c.rowid = COALESCE((SELECT n.rowid FROM messages AS n WHERE n.conversation_id = p.conversation_id AND (n.created_at = p.created_at AND n.rowid > p.rowid) ORDER BY n.created_at ASC, n.rowid ASC LIMIT 1), (SELECT n.rowid FROM messages AS n WHERE n.conversation_id = p.conversation_id AND n.created_at > p.created_at ORDER BY n.created_at ASC, n.rowid ASC LIMIT 1)) AND c.parent_id IS NULL) DELETE FROM messages WHERE rowid IN (SELECT r FROM below) AND id <> ? RETURNING id";

/// [`DELETE_BELOW`], which binds message_id, conversation_id, conversation_id, session_id, message_id.
pub fn delete_below(message_id: SqlValue, conversation_id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: DELETE_BELOW, params: vec![message_id.clone(), conversation_id.clone(), conversation_id, session_id, message_id] }
}

/// `deleteMessagesAfter`, last of its batch: the message becomes the active leaf.
pub const LEAF_AT: &str = "UPDATE conversations SET active_leaf_id = (CASE WHEN ((SELECT d.rowid FROM messages AS d WHERE d.id = ? AND d.conversation_id = ? AND EXISTS(SELECT 1 FROM conversations WHERE id = ? AND session_id = ?)) = (SELECT l.rowid FROM messages AS l WHERE l.conversation_id = ? ORDER BY l.created_at DESC, l.rowid DESC LIMIT 1)) THEN NULL ELSE (SELECT d.id FROM messages AS d WHERE d.id = ? AND d.conversation_id = ? AND EXISTS(SELECT 1 FROM conversations WHERE id = ? AND session_id = ?)) END) WHERE id = ? AND session_id = ? AND EXISTS(SELECT 1 FROM messages AS d WHERE d.id = ? AND d.conversation_id = ? AND EXISTS(SELECT 1 FROM conversations WHERE id = ? AND session_id = ?)) RETURNING id, session_id, title, created_at, updated_at";

/// [`LEAF_AT`], which binds message_id, conversation_id, conversation_id, session_id, conversation_id, message_id, conversation_id, conversation_id, session_id, conversation_id, session_id, message_id, conversation_id, conversation_id, session_id.
pub fn leaf_at(message_id: SqlValue, conversation_id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: LEAF_AT, params: vec![message_id.clone(), conversation_id.clone(), conversation_id.clone(), session_id.clone(), conversation_id.clone(), message_id.clone(), conversation_id.clone(), conversation_id.clone(), session_id.clone(), conversation_id.clone(), session_id.clone(), message_id, conversation_id.clone(), conversation_id, session_id] }
}

/// `forkConversation`, first of its batch: the new conversation, when the message is in a conversation of the session.
pub const FORK_CONVERSATION: &str = "INSERT INTO conversations (id, session_id, title, created_at, updated_at) SELECT ?, conversations.session_id, (CASE WHEN (? = 1) THEN conversations.title ELSE ? END), ?, ? FROM conversations WHERE id = ? AND session_id = ? AND EXISTS(SELECT 1 FROM messages AS m WHERE m.id = ? AND m.conversation_id = ?) RETURNING id, session_id, title, created_at, updated_at";

/// [`FORK_CONVERSATION`], which binds new_id, keep_title, title, now, now, conversation_id, session_id, message_id, conversation_id.
pub fn fork_conversation(new_id: SqlValue, keep_title: SqlValue, title: SqlValue, now: SqlValue, conversation_id: SqlValue, session_id: SqlValue, message_id: SqlValue) -> Statement {
    Statement { sql: FORK_CONVERSATION, params: vec![new_id, keep_title, title, now.clone(), now, conversation_id.clone(), session_id, message_id, conversation_id] }
}

/// `forkConversation`, second of its batch: copy the path from the root to the message into the new conversation, fresh ids.
pub const FORK_MESSAGES: &str = "WITH RECURSIVE path (r, up, depth) AS (SELECT m.rowid, (CASE WHEN (m.parent_id IS NULL) THEN COALESCE((SELECT n.rowid FROM messages AS n WHERE n.conversation_id = m.conversation_id AND (n.created_at = m.created_at AND n.rowid < m.rowid) ORDER BY n.created_at DESC, n.rowid DESC LIMIT 1), (SELECT n.rowid FROM messages AS n WHERE n.conversation_id = m.conversation_id AND n.created_at < m.created_at ORDER BY n.created_at DESC, n.rowid DESC LIMIT 1)) WHEN (m.parent_id = '') THEN NULL ELSE (SELECT p.rowid FROM messages AS p WHERE p.id = m.parent_id AND p.conversation_id = m.conversation_id) END), 1 FROM messages AS m WHERE m.id = ? AND m.conversation_id = ? AND EXISTS(SELECT 1 FROM conversations WHERE id = ? AND session_id = ?) UNION ALL SELECT m.rowid, (CASE WHEN (m.parent_id IS NULL) THEN COALESCE((SELECT n.rowid FROM messages AS n WHERE n.conversation_id = m.conversation_id AND (n.created_at = m.created_at AND n.rowid < m.rowid) ORDER BY n.created_at DESC, n.rowid DESC LIMIT 1), (SELECT n.rowid FROM messages AS n WHERE n.conversation_id = m.conversation_id AND n.created_at < m.created_at ORDER BY n.created_at DESC, n.rowid DESC LIMIT 1)) WHEN (m.parent_id = '') THEN NULL ELSE (SELECT p.rowid FROM messages AS p WHERE p.id = m.parent_id AND p.conversation_id = m.conversation_id) END), path.depth + 1 FROM path INNER JOIN messages AS m ON m.rowid = path.up WHERE path.depth < ?) INSERT INTO messages (id, conversation_id, role, content, created_at, metadata, parts, parent_id, status, updated_at) SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), ?, m.role, m.content, m.created_at, m.metadata, m.parts, NULL, (CASE WHEN (m.status = 'streaming') THEN 'stopped' ELSE m.status END), NULL FROM path INNER JOIN messages AS m ON m.rowid = path.r WHERE EXISTS(SELECT 1 FROM conversations WHERE id = ? AND session_id = ?) ORDER BY path.depth DESC";

/// [`FORK_MESSAGES`], which binds message_id, conversation_id, conversation_id, session_id, limit, new_id, new_id, session_id.
pub fn fork_messages(message_id: SqlValue, conversation_id: SqlValue, session_id: SqlValue, limit: SqlValue, new_id: SqlValue) -> Statement {
    Statement { sql: FORK_MESSAGES, params: vec![message_id, conversation_id.clone(), conversation_id, session_id.clone(), limit, new_id.clone(), new_id, session_id] }
}

/// `forkConversation`, last of its batch: how many messages the new conversation holds.
pub const COUNT_CONVERSATION_MESSAGES: &str = "SELECT count(*) AS messages FROM messages WHERE conversation_id = ? AND EXISTS(SELECT 1 FROM conversations WHERE id = ? AND session_id = ?)";

/// [`COUNT_CONVERSATION_MESSAGES`], which binds new_id, new_id, session_id.
pub fn count_conversation_messages(new_id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: COUNT_CONVERSATION_MESSAGES, params: vec![new_id.clone(), new_id, session_id] }
}

/// `updateReply`, `finishReply`, first of their batch: the reply's stored status, when it is in a conversation of the session.
pub const REPLY_STATE: &str = "SELECT status FROM messages WHERE id = ? AND conversation_id = ? AND EXISTS(SELECT 1 FROM conversations WHERE id = ? AND session_id = ?)";

/// [`REPLY_STATE`], which binds reply_id, conversation_id, conversation_id, session_id.
pub fn reply_state(reply_id: SqlValue, conversation_id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: REPLY_STATE, params: vec![reply_id, conversation_id.clone(), conversation_id, session_id] }
}

/// `updateReply`, `finishReply`: the reply's body, metadata (kept when NULL), status and time, only while it is `streaming`.
pub const WRITE_REPLY: &str = "UPDATE messages SET content = ?, parts = ?, metadata = COALESCE(?, metadata), status = ?, updated_at = ? WHERE id = ? AND conversation_id = ? AND EXISTS(SELECT 1 FROM conversations WHERE id = ? AND session_id = ?) AND status = 'streaming' RETURNING id";

/// [`WRITE_REPLY`], which binds content, parts, metadata, status, now, reply_id, conversation_id, conversation_id, session_id.
pub fn write_reply(content: SqlValue, parts: SqlValue, metadata: SqlValue, status: SqlValue, now: SqlValue, reply_id: SqlValue, conversation_id: SqlValue, session_id: SqlValue) -> Statement {
    Statement { sql: WRITE_REPLY, params: vec![content, parts, metadata, status, now, reply_id, conversation_id.clone(), conversation_id, session_id] }
}

/// `searchMessages`: the session's messages matching the FTS5 query `query` (its words, see `core::chat::search::fts_query`), best first, `limit` of them after the one of score `after_score` and id `after_id` (none: from the best), each with its `snippet`, its `search_score` and its conversation's columns (`conversation_title`...).
pub const SEARCH_MESSAGES: &str = "WITH matched AS  MATERIALIZED (SELECT message_search.rowid AS r, bm25(message_search, 1.0, 0.0) AS score FROM message_search INNER JOIN messages AS m ON m.rowid = (message_search.rowid) INNER JOIN conversations AS c ON c.id = m.conversation_id WHERE (message_search MATCH 'sid : ' || hex(substr(?, 1, 64)) || ' AND content : (' || ? || ')') AND c.session_id = ?) , ranked AS  MATERIALIZED (SELECT matched.r AS r, matched.score AS score FROM matched WHERE ? IS NULL OR matched.score > COALESCE((SELECT matched.score FROM matched WHERE matched.r = (SELECT a.rowid FROM messages AS a WHERE a.id = ?)), ?) OR (matched.score = COALESCE((SELECT matched.score FROM matched WHERE matched.r = (SELECT a.rowid FROM messages AS a WHERE a.id = ?)), ?) AND matched.r < (SELECT a.rowid FROM messages AS a WHERE a.id = ?)) ORDER BY matched.score ASC, matched.r DESC LIMIT ?) , hits AS  MATERIALIZED (SELECT ranked.r AS r, ranked.score AS score, snippet(message_search, 0, '\u{e000}', '\u{e001}', '…', 24) AS snippet FROM ranked CROSS JOIN message_search WHERE (message_search.rowid) = ranked.r AND (message_search MATCH 'sid : ' || hex(substr(?, 1, 64)) || ' AND content : (' || ? || ')')) , path (r, up, depth) AS (SELECT hits.r, (CASE WHEN (m.parent_id IS NULL) THEN COALESCE((SELECT n.rowid FROM messages AS n WHERE n.conversation_id = m.conversation_id AND (n.created_at = m.created_at AND n.rowid < m.rowid) ORDER BY n.created_at DESC, n.rowid DESC LIMIT 1), (SELECT n.rowid FROM messages AS n WHERE n.conversation_id = m.conversation_id AND n.created_at < m.created_at ORDER BY n.created_at DESC, n.rowid DESC LIMIT 1)) WHEN (m.parent_id = '') THEN NULL ELSE (SELECT p.rowid FROM messages AS p WHERE p.id = m.parent_id AND p.conversation_id = m.conversation_id) END), row_number() OVER (ORDER BY hits.score, hits.r DESC) FROM hits INNER JOIN messages AS m ON m.rowid = hits.r) , walked AS  MATERIALIZED (SELECT m.id AS id, m.conversation_id AS conversation_id, m.role AS role, m.content AS content, m.created_at AS created_at, m.metadata AS metadata, m.parts AS parts, m.status AS status, m.updated_at AS updated_at, m.rowid AS r, path.depth AS depth, m.parent_id AS stored, (SELECT u.id FROM messages AS u WHERE u.rowid = path.up) AS parent, COALESCE((SELECT u.id FROM messages AS u WHERE u.rowid = path.up), '') AS parent_key, (SELECT count(*) FROM messages AS s WHERE s.conversation_id = m.conversation_id AND s.parent_id = COALESCE((SELECT u.id FROM messages AS u WHERE u.rowid = path.up), '')) AS named, (CASE WHEN (path.up IS NULL) THEN (SELECT (CASE WHEN (f.parent_id IS NULL) THEN f.id ELSE NULL END) FROM messages AS f WHERE f.conversation_id = m.conversation_id ORDER BY f.created_at ASC, f.rowid ASC LIMIT 1) ELSE (SELECT x.id FROM messages AS x WHERE x.rowid = (SELECT COALESCE((SELECT n.rowid FROM messages AS n WHERE n.conversation_id = u.conversation_id AND (n.created_at = u.created_at AND n.rowid > u.rowid) ORDER BY n.created_at ASC, n.rowid ASC LIMIT 1), (SELECT n.rowid FROM messages AS n WHERE n.conversation_id = u.conversation_id AND n.created_at > u.created_at ORDER BY n.created_at ASC, n.rowid ASC LIMIT 1)) FROM messages AS u WHERE u.rowid = path.up) AND x.parent_id IS NULL) END) AS unnamed FROM path INNER JOIN messages AS m ON m.rowid = path.r WHERE path.depth >= 1) SELECT walked.id AS id, walked.conversation_id AS conversation_id, walked.role AS role, walked.content AS content, walked.created_at AS created_at, walked.metadata AS metadata, walked.parts AS parts, walked.parent AS parent_id, (CASE WHEN (walked.status = 'streaming' AND walked.updated_at < ?) THEN 'interrupted' ELSE COALESCE(walked.status, 'done') END) AS status, (CASE WHEN (walked.named + (walked.unnamed IS NOT NULL) <= 1) THEN 0 ELSE (SELECT count(*) FROM messages AS s WHERE s.conversation_id = walked.conversation_id AND s.parent_id = walked.parent_key AND (s.created_at, s.rowid) < (walked.created_at, walked.r)) + (walked.unnamed IS NOT NULL AND walked.stored IS NOT NULL) END) AS sibling_index, walked.named + (walked.unnamed IS NOT NULL) AS sibling_count, (CASE WHEN (walked.named + (walked.unnamed IS NOT NULL) <= 1) THEN NULL ELSE (CASE WHEN (walked.stored IS NOT NULL) THEN COALESCE((SELECT s.id FROM messages AS s WHERE s.conversation_id = walked.conversation_id AND s.parent_id = walked.parent_key AND (s.created_at, s.rowid) < (walked.created_at, walked.r) ORDER BY s.created_at DESC, s.rowid DESC LIMIT 1), walked.unnamed) ELSE NULL END) END) AS sibling_previous, (CASE WHEN (walked.named + (walked.unnamed IS NOT NULL) <= 1) THEN NULL ELSE (SELECT s.id FROM messages AS s WHERE s.conversation_id = walked.conversation_id AND s.parent_id = walked.parent_key AND (s.created_at, s.rowid) > (walked.created_at, walked.r) ORDER BY s.created_at ASC, s.rowid ASC LIMIT 1) END) AS sibling_next, hits.snippet AS snippet, hits.score AS search_score, v.session_id AS conversation_session_id, v.title AS conversation_title, v.created_at AS conversation_created_at, v.updated_at AS conversation_updated_at FROM walked INNER JOIN hits ON hits.r = walked.r INNER JOIN conversations AS v ON v.id = walked.conversation_id ORDER BY walked.depth ASC";

/// [`SEARCH_MESSAGES`], which binds session_id, query, session_id, after_id, after_id, after_score, after_id, after_score, after_id, limit, session_id, query, stale_before.
pub fn search_messages(session_id: SqlValue, query: SqlValue, after_id: SqlValue, after_score: SqlValue, limit: SqlValue, stale_before: SqlValue) -> Statement {
    Statement { sql: SEARCH_MESSAGES, params: vec![session_id.clone(), query.clone(), session_id.clone(), after_id.clone(), after_id.clone(), after_score.clone(), after_id.clone(), after_score, after_id, limit, session_id, query, stale_before] }
}

/// `enableSearch`: the backfill's progress table, made when missing.
pub const CREATE_SEARCH_STATE: &str = "CREATE TABLE IF NOT EXISTS message_search_state ( indexed_upto integer NOT NULL, \"indexed\" integer NOT NULL )";

/// [`CREATE_SEARCH_STATE`], which takes no parameters.
pub fn create_search_state() -> Statement {
    Statement { sql: CREATE_SEARCH_STATE, params: vec![] }
}

/// `enableSearch`: its one row, nothing indexed, made when missing.
pub const START_SEARCH_STATE: &str = "INSERT INTO message_search_state (indexed_upto, \"indexed\") SELECT 0, 0 WHERE NOT EXISTS(SELECT 1 FROM message_search_state)";

/// [`START_SEARCH_STATE`], which takes no parameters.
pub fn start_search_state() -> Statement {
    Statement { sql: START_SEARCH_STATE, params: vec![] }
}

/// `enableSearch`: the view the index reads each message's text and session token from.
pub const CREATE_SEARCH_SOURCE: &str = "CREATE VIEW IF NOT EXISTS message_search_source AS SELECT m.rowid AS rowid, m.content AS content, hex(substr(c.session_id, 1, 64)) AS sid FROM messages AS m INNER JOIN conversations AS c ON c.id = m.conversation_id";

/// [`CREATE_SEARCH_SOURCE`], which takes no parameters.
pub fn create_search_source() -> Statement {
    Statement { sql: CREATE_SEARCH_SOURCE, params: vec![] }
}

/// `enableSearch`: the FTS5 table, made when missing.
pub const CREATE_SEARCH_INDEX: &str = "CREATE VIRTUAL TABLE IF NOT EXISTS message_search USING fts5(content, sid, content = 'message_search_source', content_rowid = 'rowid', prefix = '2 3', tokenize = 'unicode61 remove_diacritics 2')";

/// [`CREATE_SEARCH_INDEX`], which takes no parameters.
pub fn create_search_index() -> Statement {
    Statement { sql: CREATE_SEARCH_INDEX, params: vec![] }
}

/// `enableSearch`: index a new message.
pub const CREATE_SEARCH_INSERT_TRIGGER: &str = "CREATE TRIGGER IF NOT EXISTS message_search_insert AFTER INSERT ON messages WHEN new.rowid <= (SELECT indexed_upto FROM message_search_state) BEGIN INSERT INTO message_search (rowid, content, sid) SELECT rowid, content, sid FROM message_search_source WHERE rowid = new.rowid; END";

/// [`CREATE_SEARCH_INSERT_TRIGGER`], which takes no parameters.
pub fn create_search_insert_trigger() -> Statement {
    Statement { sql: CREATE_SEARCH_INSERT_TRIGGER, params: vec![] }
}

/// `enableSearch`: take a message out before it is deleted.
pub const CREATE_SEARCH_DELETE_TRIGGER: &str = "CREATE TRIGGER IF NOT EXISTS message_search_delete BEFORE DELETE ON messages WHEN old.rowid <= (SELECT indexed_upto FROM message_search_state) BEGIN INSERT INTO message_search (message_search, rowid, content, sid) SELECT 'delete', rowid, content, sid FROM message_search_source WHERE rowid = old.rowid; END";

/// [`CREATE_SEARCH_DELETE_TRIGGER`], which takes no parameters.
pub fn create_search_delete_trigger() -> Statement {
    Statement { sql: CREATE_SEARCH_DELETE_TRIGGER, params: vec![] }
}

/// `enableSearch`: take a message's old text out before it is updated.
pub const CREATE_SEARCH_UNINDEX_TRIGGER: &str = "CREATE TRIGGER IF NOT EXISTS message_search_unindex BEFORE UPDATE OF content, conversation_id ON messages WHEN old.rowid <= (SELECT indexed_upto FROM message_search_state) BEGIN INSERT INTO message_search (message_search, rowid, content, sid) SELECT 'delete', rowid, content, sid FROM message_search_source WHERE rowid = old.rowid; END";

/// [`CREATE_SEARCH_UNINDEX_TRIGGER`], which takes no parameters.
pub fn create_search_unindex_trigger() -> Statement {
    Statement { sql: CREATE_SEARCH_UNINDEX_TRIGGER, params: vec![] }
}

/// `enableSearch`: index a message's new text after it is updated.
pub const CREATE_SEARCH_REINDEX_TRIGGER: &str = "CREATE TRIGGER IF NOT EXISTS message_search_reindex AFTER UPDATE OF content, conversation_id ON messages WHEN new.rowid <= (SELECT indexed_upto FROM message_search_state) BEGIN INSERT INTO message_search (rowid, content, sid) SELECT rowid, content, sid FROM message_search_source WHERE rowid = new.rowid; END";

/// [`CREATE_SEARCH_REINDEX_TRIGGER`], which takes no parameters.
pub fn create_search_reindex_trigger() -> Statement {
    Statement { sql: CREATE_SEARCH_REINDEX_TRIGGER, params: vec![] }
}

/// `enableSearch`: delete a conversation's messages before it, so their triggers still find its session.
pub const CREATE_SEARCH_CONVERSATION_TRIGGER: &str = "CREATE TRIGGER IF NOT EXISTS message_search_conversation BEFORE DELETE ON conversations BEGIN DELETE FROM messages WHERE conversation_id = old.id; END";

/// [`CREATE_SEARCH_CONVERSATION_TRIGGER`], which takes no parameters.
pub fn create_search_conversation_trigger() -> Statement {
    Statement { sql: CREATE_SEARCH_CONVERSATION_TRIGGER, params: vec![] }
}

/// `enableSearch`: take a conversation's messages out before it moves to another session.
pub const CREATE_SEARCH_LEAVE_TRIGGER: &str = "CREATE TRIGGER IF NOT EXISTS message_search_leave BEFORE UPDATE OF session_id ON conversations BEGIN INSERT INTO message_search (message_search, rowid, content, sid) SELECT 'delete', rowid, content, sid FROM message_search_source WHERE rowid IN (SELECT rowid FROM messages WHERE conversation_id = old.id AND rowid <= (SELECT indexed_upto FROM message_search_state)); END";

/// [`CREATE_SEARCH_LEAVE_TRIGGER`], which takes no parameters.
pub fn create_search_leave_trigger() -> Statement {
    Statement { sql: CREATE_SEARCH_LEAVE_TRIGGER, params: vec![] }
}

/// `enableSearch`: index a conversation's messages again once it has moved.
pub const CREATE_SEARCH_JOIN_TRIGGER: &str = "CREATE TRIGGER IF NOT EXISTS message_search_join AFTER UPDATE OF session_id ON conversations BEGIN INSERT INTO message_search (rowid, content, sid) SELECT rowid, content, sid FROM message_search_source WHERE rowid IN (SELECT rowid FROM messages WHERE conversation_id = new.id AND rowid <= (SELECT indexed_upto FROM message_search_state)); END";

/// [`CREATE_SEARCH_JOIN_TRIGGER`], which takes no parameters.
pub fn create_search_join_trigger() -> Statement {
    Statement { sql: CREATE_SEARCH_JOIN_TRIGGER, params: vec![] }
}

/// `enableSearch`: index the messages the backfill's chunk moves past, in the statement that moves it (one statement: atomic however it is sent).
pub const CREATE_SEARCH_BACKFILL_TRIGGER: &str = "CREATE TRIGGER IF NOT EXISTS message_search_backfill AFTER UPDATE OF indexed_upto ON message_search_state BEGIN INSERT INTO message_search (rowid, content, sid) SELECT rowid, content, sid FROM message_search_source WHERE rowid > old.indexed_upto AND rowid <= new.indexed_upto; END";

/// [`CREATE_SEARCH_BACKFILL_TRIGGER`], which takes no parameters.
pub fn create_search_backfill_trigger() -> Statement {
    Statement { sql: CREATE_SEARCH_BACKFILL_TRIGGER, params: vec![] }
}

/// `enableSearch`, after the chunk: move past it (to the end when it was the last), as `indexed_upto` and `indexed`.
pub const ADVANCE_SEARCH_STATE: &str = "WITH k AS  MATERIALIZED (SELECT r FROM (SELECT r, n, sum(n) OVER (ORDER BY r) AS total FROM (SELECT rowid AS r, LENGTH(content) AS n FROM messages WHERE rowid > ((SELECT indexed_upto FROM message_search_state)) ORDER BY rowid ASC LIMIT ?) AS next) AS running WHERE total - n < 8000000) UPDATE message_search_state SET indexed_upto = (CASE WHEN (NOT EXISTS(SELECT 1 FROM messages WHERE rowid > (SELECT MAX(r) FROM k))) THEN 9007199254740991 ELSE (SELECT MAX(r) FROM k) END), \"indexed\" = \"indexed\" + (SELECT count(*) FROM k) RETURNING indexed_upto, \"indexed\"";

/// [`ADVANCE_SEARCH_STATE`], which binds limit.
pub fn advance_search_state(limit: SqlValue) -> Statement {
    Statement { sql: ADVANCE_SEARCH_STATE, params: vec![limit] }
}

/// `disableSearch`: drop a trigger.
pub const DROP_SEARCH_INSERT_TRIGGER: &str = "DROP TRIGGER IF EXISTS message_search_insert";

/// [`DROP_SEARCH_INSERT_TRIGGER`], which takes no parameters.
pub fn drop_search_insert_trigger() -> Statement {
    Statement { sql: DROP_SEARCH_INSERT_TRIGGER, params: vec![] }
}

/// `disableSearch`: drop a trigger.
pub const DROP_SEARCH_DELETE_TRIGGER: &str = "DROP TRIGGER IF EXISTS message_search_delete";

/// [`DROP_SEARCH_DELETE_TRIGGER`], which takes no parameters.
pub fn drop_search_delete_trigger() -> Statement {
    Statement { sql: DROP_SEARCH_DELETE_TRIGGER, params: vec![] }
}

/// `disableSearch`: drop a trigger.
pub const DROP_SEARCH_UNINDEX_TRIGGER: &str = "DROP TRIGGER IF EXISTS message_search_unindex";

/// [`DROP_SEARCH_UNINDEX_TRIGGER`], which takes no parameters.
pub fn drop_search_unindex_trigger() -> Statement {
    Statement { sql: DROP_SEARCH_UNINDEX_TRIGGER, params: vec![] }
}

/// `disableSearch`: drop a trigger.
pub const DROP_SEARCH_REINDEX_TRIGGER: &str = "DROP TRIGGER IF EXISTS message_search_reindex";

/// [`DROP_SEARCH_REINDEX_TRIGGER`], which takes no parameters.
pub fn drop_search_reindex_trigger() -> Statement {
    Statement { sql: DROP_SEARCH_REINDEX_TRIGGER, params: vec![] }
}

/// `disableSearch`: drop a trigger.
pub const DROP_SEARCH_CONVERSATION_TRIGGER: &str = "DROP TRIGGER IF EXISTS message_search_conversation";

/// [`DROP_SEARCH_CONVERSATION_TRIGGER`], which takes no parameters.
pub fn drop_search_conversation_trigger() -> Statement {
    Statement { sql: DROP_SEARCH_CONVERSATION_TRIGGER, params: vec![] }
}

/// `disableSearch`: drop a trigger.
pub const DROP_SEARCH_LEAVE_TRIGGER: &str = "DROP TRIGGER IF EXISTS message_search_leave";

/// [`DROP_SEARCH_LEAVE_TRIGGER`], which takes no parameters.
pub fn drop_search_leave_trigger() -> Statement {
    Statement { sql: DROP_SEARCH_LEAVE_TRIGGER, params: vec![] }
}

/// `disableSearch`: drop a trigger.
pub const DROP_SEARCH_JOIN_TRIGGER: &str = "DROP TRIGGER IF EXISTS message_search_join";

/// [`DROP_SEARCH_JOIN_TRIGGER`], which takes no parameters.
pub fn drop_search_join_trigger() -> Statement {
    Statement { sql: DROP_SEARCH_JOIN_TRIGGER, params: vec![] }
}

/// `disableSearch`: drop a trigger.
pub const DROP_SEARCH_BACKFILL_TRIGGER: &str = "DROP TRIGGER IF EXISTS message_search_backfill";

/// [`DROP_SEARCH_BACKFILL_TRIGGER`], which takes no parameters.
pub fn drop_search_backfill_trigger() -> Statement {
    Statement { sql: DROP_SEARCH_BACKFILL_TRIGGER, params: vec![] }
}

/// `disableSearch`: drop the FTS5 table.
pub const DROP_SEARCH_INDEX: &str = "DROP TABLE IF EXISTS message_search";

/// [`DROP_SEARCH_INDEX`], which takes no parameters.
pub fn drop_search_index() -> Statement {
    Statement { sql: DROP_SEARCH_INDEX, params: vec![] }
}

/// `disableSearch`: drop its view.
pub const DROP_SEARCH_SOURCE: &str = "DROP VIEW IF EXISTS message_search_source";

/// [`DROP_SEARCH_SOURCE`], which takes no parameters.
pub fn drop_search_source() -> Statement {
    Statement { sql: DROP_SEARCH_SOURCE, params: vec![] }
}

/// `disableSearch`: drop the progress table.
pub const DROP_SEARCH_STATE: &str = "DROP TABLE IF EXISTS message_search_state";

/// [`DROP_SEARCH_STATE`], which takes no parameters.
pub fn drop_search_state() -> Statement {
    Statement { sql: DROP_SEARCH_STATE, params: vec![] }
}

/// `migrate`: the table recording the migrations applied, made when missing.
pub const CREATE_MIGRATIONS_TABLE: &str = "CREATE TABLE IF NOT EXISTS chat_d1_migrations ( name text NOT NULL PRIMARY KEY )";

/// [`CREATE_MIGRATIONS_TABLE`], which takes no parameters.
pub fn create_migrations_table() -> Statement {
    Statement { sql: CREATE_MIGRATIONS_TABLE, params: vec![] }
}

/// `migrate`: the names of the migrations applied.
pub const APPLIED_MIGRATIONS: &str = "SELECT name FROM chat_d1_migrations ORDER BY name ASC";

/// [`APPLIED_MIGRATIONS`], which takes no parameters.
pub fn applied_migrations() -> Statement {
    Statement { sql: APPLIED_MIGRATIONS, params: vec![] }
}

/// `migrate`: record a migration as applied.
pub const RECORD_MIGRATION: &str = "INSERT INTO chat_d1_migrations (name) VALUES (?)";

/// [`RECORD_MIGRATION`], which binds name.
pub fn record_migration(name: SqlValue) -> Statement {
    Statement { sql: RECORD_MIGRATION, params: vec![name] }
}
