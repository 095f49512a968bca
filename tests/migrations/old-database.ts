// A database as the old layer left it: its schema (tests/worker/old-layer.ts, no CHECK
// constraints), wrangler's migrations table with the old tool's one row, and rows in every table,
// some with odd but valid text (quotes, SQL-looking text, unicode, emoji, a role the old layer let
// through). The adoption test builds it, adopts it and reads these rows back through chat-d1.
import { OLD_LAYER_SCHEMA } from "../worker/old-layer";
import { quote, type Project } from "./project";

/** The row the old tool (drizzle-kit) left in d1_migrations. */
export const OLD_MIGRATION = "0000_needy_power_pack.sql";

/** wrangler's migrations table (its getCreateMigrationsTableQuery), as the old database has it. */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS d1_migrations(
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT UNIQUE,
  applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)`;

export const S1 = "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed";
export const S2 = "6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b";
/** Inactive since 2023: the one `purgeInactiveSessions` takes. */
export const S3 = "9f1c2e3d-4b5a-4c6d-8e7f-0a1b2c3d4e5f";

export const sessions = [
  { id: S1, created_at: "2024-03-01T10:00:00.000Z", last_activity: "2024-03-02T12:00:00.000Z", metadata: JSON.stringify({ ua: 'Mozilla/5.0 "quoted"', lang: "日本語", emoji: "🦀" }) },
  { id: S2, created_at: "2024-04-01T08:00:00.000Z", last_activity: "2024-04-05T09:30:00.000Z", metadata: null },
  { id: S3, created_at: "2023-01-01T00:00:00.000Z", last_activity: "2023-01-02T00:00:00.000Z", metadata: "{}" },
];

export const conversations = [
  { id: "c1", session_id: S1, title: `It's a "test" — ünïcödé 🎉`, created_at: "2024-03-01T10:01:00.000Z", updated_at: "2024-03-01T10:05:00.000Z" },
  { id: "c2", session_id: S1, title: null, created_at: "2024-03-02T09:00:00.000Z", updated_at: "2024-03-02T11:00:00.000Z" },
  { id: "c3", session_id: S1, title: "line one\nline two\ttab", created_at: "2024-03-02T10:00:00.000Z", updated_at: "2024-03-02T10:30:00.000Z" },
  { id: "c4", session_id: S2, title: "مرحبا بالعالم", created_at: "2024-04-01T08:01:00.000Z", updated_at: "2024-04-05T09:30:00.000Z" },
  { id: "c5", session_id: S3, title: "old", created_at: "2023-01-01T00:01:00.000Z", updated_at: "2023-01-02T00:00:00.000Z" },
];

export const messages = [
  { id: "m1", conversation_id: "c1", role: "user", content: `Hello, it's me — "quote" 'single'`, created_at: "2024-03-01T10:01:00.000Z" },
  { id: "m2", conversation_id: "c1", role: "assistant", content: "👋🏽 hi! 👨‍👩‍👧 𝕌𝕟𝕚𝕔𝕠𝕕𝕖", created_at: "2024-03-01T10:02:00.000Z" },
  { id: "m3", conversation_id: "c1", role: "user", content: "back\\slash %_ '; DROP TABLE messages; --", created_at: "2024-03-01T10:03:00.000Z" },
  // The old tables lost the role CHECK; rows like this one are read back as stored.
  { id: "m4", conversation_id: "c1", role: "system", content: "You are helpful.", created_at: "2024-03-01T10:05:00.000Z" },
  { id: "m5", conversation_id: "c2", role: "user", content: "multi\nline\ttext\r\n", created_at: "2024-03-02T09:00:00.000Z" },
  { id: "m6", conversation_id: "c2", role: "assistant", content: "中文 한국어 עברית", created_at: "2024-03-02T11:00:00.000Z" },
  { id: "m7", conversation_id: "c3", role: "user", content: "x", created_at: "2024-03-02T10:30:00.000Z" },
  { id: "m8", conversation_id: "c4", role: "user", content: "S2 asks", created_at: "2024-04-01T08:01:00.000Z" },
  { id: "m9", conversation_id: "c4", role: "assistant", content: "S2 answered", created_at: "2024-04-05T09:30:00.000Z" },
  { id: "m10", conversation_id: "c5", role: "user", content: "ancient", created_at: "2023-01-02T00:00:00.000Z" },
];

/** The old tables' columns, as each table's rows are compared before and after adoption. */
export const OLD_TABLES = {
  client_sessions: ["id", "created_at", "last_activity", "metadata"],
  conversations: ["id", "session_id", "title", "created_at", "updated_at"],
  messages: ["id", "conversation_id", "role", "content", "created_at"],
} as const;

function inserts(table: string, rows: Record<string, string | null>[]) {
  return rows.map((row) => `INSERT INTO ${table} (${Object.keys(row).join(", ")}) VALUES (${Object.values(row).map(quote).join(", ")});`);
}

/**
 * The SQL that builds the old database: the old layer's DDL (`schema`, its DROPs left out), the
 * migrations table and its row, and (unless `empty`) the rows above.
 */
export function oldDatabaseSql({ schema = OLD_LAYER_SCHEMA, empty = false } = {}) {
  return [
    ...schema.filter((sql) => !sql.startsWith("DROP")).map((sql) => `${sql};`),
    `${MIGRATIONS_TABLE};`,
    `INSERT INTO d1_migrations (name) VALUES (${quote(OLD_MIGRATION)});`,
    ...(empty ? [] : [...inserts("client_sessions", sessions), ...inserts("conversations", conversations), ...inserts("messages", messages)]),
  ].join("\n");
}

/** Every row of each old table, on its old columns only (later migrations may add columns). */
export function oldRows(project: Project) {
  return Object.fromEntries(
    Object.entries(OLD_TABLES).map(([table, columns]) => [table, project.query(`SELECT ${columns.join(", ")} FROM ${table} ORDER BY rowid`)]),
  );
}

/** The old tables' CREATE statements: chat-d1's 0001 would have put CHECK constraints in them. */
export function oldTablesSql(project: Project) {
  return project.query(`SELECT sql FROM sqlite_schema WHERE name IN (${Object.keys(OLD_TABLES).map(quote).join(", ")})`).map((row) => String(row.sql));
}
