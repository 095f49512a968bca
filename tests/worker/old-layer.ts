// The layer chat-d1 replaces, as a fixture: its schema (the same tables and index names, none of
// the CHECK constraints its ORM generator dropped) and the layer itself, rebuilt on drizzle-orm in
// bench/src/baseline.ts, which is also the benchmark's baseline.
export { BaselineDatabaseClient as OldLayer } from "../../bench/src/baseline";

/** The DDL of a database made by the old layer. */
export const OLD_LAYER_SCHEMA = [
  "DROP TABLE IF EXISTS messages",
  "DROP TABLE IF EXISTS conversations",
  "DROP TABLE IF EXISTS client_sessions",
  "CREATE TABLE client_sessions (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, last_activity TEXT NOT NULL, metadata TEXT)",
  "CREATE TABLE conversations (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES client_sessions(id) ON DELETE CASCADE, title TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
  "CREATE TABLE messages (id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE, role TEXT NOT NULL, content TEXT NOT NULL, created_at TEXT NOT NULL)",
  "CREATE INDEX idx_session_activity ON client_sessions (last_activity DESC)",
  "CREATE INDEX idx_conv_session_updated ON conversations (session_id, updated_at DESC)",
  "CREATE INDEX idx_conv_updated ON conversations (updated_at DESC)",
  "CREATE INDEX idx_msg_conversation ON messages (conversation_id, created_at ASC)",
];

/** Replaces whatever `db` holds with the old layer's empty schema. */
export async function createOldLayerSchema(db: D1Database) {
  await db.batch(OLD_LAYER_SCHEMA.map((sql) => db.prepare(sql)));
}
