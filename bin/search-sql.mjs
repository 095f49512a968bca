// Generated from src/core/chat/search_index.rs by `cargo run --example generate`. Do not edit.
// The statements of `db.enableSearch()` and `db.disableSearch()`, for `chat-d1 search`.

/** `enableSearch`'s statements, in order, for a chunk of `batchSize` messages (an integer). */
export function enableSearch(batchSize) {
  const n = String(batchSize);
  return [
    "CREATE TABLE IF NOT EXISTS message_search_state ( indexed_upto integer NOT NULL, \"indexed\" integer NOT NULL )",
    "INSERT INTO message_search_state (indexed_upto, \"indexed\") SELECT 0, 0 WHERE NOT EXISTS(SELECT 1 FROM message_search_state)",
    "CREATE VIEW IF NOT EXISTS message_search_source AS SELECT m.rowid AS rowid, m.content AS content, hex(substr(c.session_id, 1, 64)) AS sid FROM messages AS m INNER JOIN conversations AS c ON c.id = m.conversation_id",
    "CREATE VIRTUAL TABLE IF NOT EXISTS message_search USING fts5(content, sid, content = 'message_search_source', content_rowid = 'rowid', prefix = '2 3', tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS message_search_insert AFTER INSERT ON messages WHEN new.rowid <= (SELECT indexed_upto FROM message_search_state) BEGIN INSERT INTO message_search (rowid, content, sid) SELECT rowid, content, sid FROM message_search_source WHERE rowid = new.rowid; END",
    "CREATE TRIGGER IF NOT EXISTS message_search_delete BEFORE DELETE ON messages WHEN old.rowid <= (SELECT indexed_upto FROM message_search_state) BEGIN INSERT INTO message_search (message_search, rowid, content, sid) SELECT 'delete', rowid, content, sid FROM message_search_source WHERE rowid = old.rowid; END",
    "CREATE TRIGGER IF NOT EXISTS message_search_unindex BEFORE UPDATE OF content, conversation_id ON messages WHEN old.rowid <= (SELECT indexed_upto FROM message_search_state) BEGIN INSERT INTO message_search (message_search, rowid, content, sid) SELECT 'delete', rowid, content, sid FROM message_search_source WHERE rowid = old.rowid; END",
    "CREATE TRIGGER IF NOT EXISTS message_search_reindex AFTER UPDATE OF content, conversation_id ON messages WHEN new.rowid <= (SELECT indexed_upto FROM message_search_state) BEGIN INSERT INTO message_search (rowid, content, sid) SELECT rowid, content, sid FROM message_search_source WHERE rowid = new.rowid; END",
    "CREATE TRIGGER IF NOT EXISTS message_search_conversation BEFORE DELETE ON conversations BEGIN DELETE FROM messages WHERE conversation_id = old.id; END",
    "CREATE TRIGGER IF NOT EXISTS message_search_leave BEFORE UPDATE OF session_id ON conversations BEGIN INSERT INTO message_search (message_search, rowid, content, sid) SELECT 'delete', rowid, content, sid FROM message_search_source WHERE rowid IN (SELECT rowid FROM messages WHERE conversation_id = old.id AND rowid <= (SELECT indexed_upto FROM message_search_state)); END",
    "CREATE TRIGGER IF NOT EXISTS message_search_join AFTER UPDATE OF session_id ON conversations BEGIN INSERT INTO message_search (rowid, content, sid) SELECT rowid, content, sid FROM message_search_source WHERE rowid IN (SELECT rowid FROM messages WHERE conversation_id = new.id AND rowid <= (SELECT indexed_upto FROM message_search_state)); END",
    "CREATE TRIGGER IF NOT EXISTS message_search_backfill AFTER UPDATE OF indexed_upto ON message_search_state BEGIN INSERT INTO message_search (rowid, content, sid) SELECT rowid, content, sid FROM message_search_source WHERE rowid > old.indexed_upto AND rowid <= new.indexed_upto; END",
    "WITH k AS  MATERIALIZED (SELECT r FROM (SELECT r, n, sum(n) OVER (ORDER BY r) AS total FROM (SELECT rowid AS r, LENGTH(content) AS n FROM messages WHERE rowid > ((SELECT indexed_upto FROM message_search_state)) ORDER BY rowid ASC LIMIT " + n + ") AS next) AS running WHERE total - n < 8000000) UPDATE message_search_state SET indexed_upto = (CASE WHEN (NOT EXISTS(SELECT 1 FROM messages WHERE rowid > (SELECT MAX(r) FROM k))) THEN 9007199254740991 ELSE (SELECT MAX(r) FROM k) END), \"indexed\" = \"indexed\" + (SELECT count(*) FROM k) RETURNING indexed_upto, \"indexed\"",
  ];
}

/** `disableSearch`'s statements, in order. */
export const disableSearch = [
  "DROP TRIGGER IF EXISTS message_search_insert",
  "DROP TRIGGER IF EXISTS message_search_delete",
  "DROP TRIGGER IF EXISTS message_search_unindex",
  "DROP TRIGGER IF EXISTS message_search_reindex",
  "DROP TRIGGER IF EXISTS message_search_conversation",
  "DROP TRIGGER IF EXISTS message_search_leave",
  "DROP TRIGGER IF EXISTS message_search_join",
  "DROP TRIGGER IF EXISTS message_search_backfill",
  "DROP TABLE IF EXISTS message_search",
  "DROP VIEW IF EXISTS message_search_source",
  "DROP TABLE IF EXISTS message_search_state",
];
