// Moving an existing D1 deployment's sessions into Durable Objects, one session at a time: export
// the session's rows from D1 (one batch), then import them into the session's object (one
// transaction), after which chat-d1 on the object answers exactly what it answered on D1.
// tests/worker/move-session.test.ts holds it to that.

/** One session's rows, as D1 holds them. */
export interface SessionDump {
  session: Record<string, unknown>;
  conversations: Record<string, unknown>[];
  messages: Record<string, unknown>[];
}

const COLUMNS = {
  client_sessions: ["id", "created_at", "last_activity", "metadata"],
  conversations: ["id", "session_id", "title", "created_at", "updated_at"],
  messages: ["id", "conversation_id", "role", "content", "created_at", "metadata"],
} as const;

/** The session's rows in D1, in insertion order; `null` when there is no such session. */
export async function exportSession(db: D1Database, sessionId: string): Promise<SessionDump | null> {
  const [sessions, conversations, messages] = await db.batch([
    db.prepare(`SELECT ${COLUMNS.client_sessions} FROM client_sessions WHERE id = ?`).bind(sessionId),
    db.prepare(`SELECT ${COLUMNS.conversations} FROM conversations WHERE session_id = ? ORDER BY rowid`).bind(sessionId),
    db
      .prepare(`SELECT ${COLUMNS.messages.map((c) => `m.${c}`)} FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.session_id = ? ORDER BY m.rowid`)
      .bind(sessionId),
  ]);
  const session = sessions?.results[0] as Record<string, unknown> | undefined;
  if (!session) return null;
  return {
    session,
    conversations: (conversations?.results ?? []) as Record<string, unknown>[],
    messages: (messages?.results ?? []) as Record<string, unknown>[],
  };
}

/** Writes `dump` into a Durable Object's storage (migrated by chat-d1), all or nothing. */
export function importSession(storage: DurableObjectStorage, dump: SessionDump) {
  // D1 reads a BLOB back as an array of byte values; bind it as bytes again.
  const value = (v: unknown) => (Array.isArray(v) ? new Uint8Array(v as number[]) : (v ?? null));
  const insert = (table: keyof typeof COLUMNS, row: Record<string, unknown>) => {
    const columns = COLUMNS[table];
    const values = columns.map((column) => value(row[column]));
    storage.sql.exec(`INSERT INTO ${table} (${columns}) VALUES (${columns.map(() => "?")})`, ...values).toArray();
  };
  storage.transactionSync(() => {
    insert("client_sessions", dump.session);
    for (const row of dump.conversations) insert("conversations", row);
    for (const row of dump.messages) insert("messages", row);
  });
}
