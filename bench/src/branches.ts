// Branches at scale: a conversation of a trunk of 100 messages and `branches` branches of 99
// messages each (forked round robin from the trunk), seeded with plain SQL, read two ways: chat-d1's
// history window on the active branch (`getConversation`, limit 50), and the way LibreChat and Open
// WebUI read a branched chat, the whole tree, the path found in application code.
import { DatabaseClient, type QueryCost } from "chat-d1";

/** Seeds a conversation of 100 + `branches` × 99 messages; its session and id. */
export async function seedBranches(db: D1Database, branches: number) {
  const sessionId = crypto.randomUUID();
  const conversationId = crypto.randomUUID();
  const at = new Date(Date.UTC(2025, 0, 1)).toISOString();
  const p = conversationId.slice(0, 8);
  await db.batch([
    db.prepare("INSERT INTO client_sessions VALUES (?, ?, ?, NULL)").bind(sessionId, at, at),
    db.prepare("INSERT INTO conversations (id, session_id, title, created_at, updated_at) VALUES (?, ?, NULL, ?, ?)").bind(conversationId, sessionId, at, at),
    db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99)
         INSERT INTO messages (id, conversation_id, role, content, created_at, parent_id)
         SELECT ?1 || '-t' || i, ?2, CASE i % 2 WHEN 0 THEN 'user' ELSE 'assistant' END, 'message ' || i,
           printf('2025-01-01T00:00:%09d', i), CASE i WHEN 0 THEN '' ELSE ?1 || '-t' || (i - 1) END FROM n`,
      )
      .bind(p, conversationId),
  ]);
  if (branches > 0) {
    await db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?3 * 99 - 1)
         INSERT INTO messages (id, conversation_id, role, content, created_at, parent_id)
         SELECT ?1 || '-b' || i, ?2, CASE i % 2 WHEN 0 THEN 'user' ELSE 'assistant' END, 'branch message ' || i,
           printf('2025-01-01T00:00:%09d', 100 + i),
           CASE i % 99 WHEN 0 THEN ?1 || '-t' || ((i / 99) % 100) ELSE ?1 || '-b' || (i - 1) END FROM n`,
      )
      .bind(p, conversationId, branches)
      .run();
  }
  return { sessionId, conversationId };
}

/** `repeat` reads of the newest 50 messages of the active branch through chat-d1. */
export async function timeWindow(db: D1Database, ids: { sessionId: string; conversationId: string }, repeat: number) {
  const costs: QueryCost[] = [];
  const chat = new DatabaseClient(db, { onQuery: (cost) => costs.push(cost) }).forSession(ids.sessionId);
  const start = performance.now();
  let read = 0;
  for (let i = 0; i < repeat; i++) read = (await chat.getConversation(ids.conversationId, { limit: 50 }))!.messages.length;
  const ms = (performance.now() - start) / repeat;
  return { ms, messages: read, rowsRead: costs.at(-1)!.rows_read };
}

/** `repeat` reads the anchors' way: every message of the conversation, then the path from the
 * newest message up, by parent id, in JS; the last 50 of it. */
export async function timeWholeTree(db: D1Database, ids: { conversationId: string }, repeat: number) {
  const start = performance.now();
  let read = 0;
  let rowsRead = 0;
  for (let i = 0; i < repeat; i++) {
    const result = await db
      .prepare("SELECT id, role, content, created_at, parent_id FROM messages WHERE conversation_id = ? ORDER BY created_at")
      .bind(ids.conversationId)
      .all<{ id: string; parent_id: string | null }>();
    rowsRead = result.meta.rows_read;
    const byId = new Map(result.results.map((row) => [row.id, row]));
    const path = [];
    for (let at = result.results.at(-1); at && path.length < 50; at = byId.get(at.parent_id ?? "")) path.push(at);
    read = path.length;
  }
  return { ms: (performance.now() - start) / repeat, messages: read, rowsRead };
}
