// Search at scale: messages seeded with plain SQL (each 40 words: common ones `w0`..`w99` and rare
// ones `r0`..`r99999`), in one session or spread over sessions of 100 messages; the backfill timed a
// chunk a call; searchMessages timed per query; and a chat turn's cost with search on and off.
import { DatabaseClient, type QueryCost } from "chat-d1";

/** Where seeded message `i` lives: one session for all, or one per block of 100. */
const sessionOf = (layout: string, block: string) => (layout === "one" ? "'solo'" : `'s' || ${block}`);

/** Seeds messages `from` to `from + count - 1` of `layout`, in conversations of 100. */
export async function seedSearch(db: D1Database, layout: string, from: number, count: number) {
  const at = "2025-01-01T00:00:00.000Z";
  // Integers written into the SQL: D1 binds a JS number as REAL, and `i / 100` must divide whole.
  const [first, last] = [Math.trunc(from), Math.trunc(from) + Math.trunc(count) - 1];
  const blocks = `WITH RECURSIVE b(k) AS (SELECT ${first} / 100 UNION ALL SELECT k + 1 FROM b WHERE k < ${last} / 100)`;
  const word = (kind: string, range: number) => `'${kind}' || (abs(random()) % ${range})`;
  // 40 words (about 280 bytes, a chat message's length): 24 of a vocabulary of 100, 16 of 100,000.
  // printf's of 10 words: a chain of 40 `||` passes SQLite's expression depth limit of 100.
  const ten = (k: number) => `printf('${Array(10).fill("%s").join(" ")}', ${Array.from({ length: 10 }, (_, j) => ((k + j) % 5 < 3 ? word("w", 100) : word("r", 100000))).join(", ")})`;
  const content = [0, 10, 20, 30].map(ten).join(" || ' ' || ");
  await db.batch([
    db.prepare(`${blocks} INSERT OR IGNORE INTO client_sessions SELECT ${sessionOf(layout, "k")}, '${at}', '${at}', NULL FROM b`),
    db.prepare(`${blocks} INSERT OR IGNORE INTO conversations (id, session_id, title, created_at, updated_at) SELECT 'c' || k, ${sessionOf(layout, "k")}, NULL, '${at}', '${at}' FROM b`),
    db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT ${first} UNION ALL SELECT i + 1 FROM n WHERE i < ${last})
         INSERT INTO messages (id, conversation_id, role, content, created_at)
         SELECT 'm' || i, 'c' || (i / 100), CASE i % 2 WHEN 0 THEN 'user' ELSE 'assistant' END, ${content}, '${at}' FROM n`,
      ),
  ]);
  return { seeded: count };
}

/** One call of `enableSearch` (or `disableSearch`), timed, with what D1 reported. */
export async function enableSearchOnce(db: D1Database, batchSize: number, disable: boolean) {
  const costs: QueryCost[] = [];
  const client = new DatabaseClient(db, { onQuery: (cost) => costs.push(cost) });
  const start = performance.now();
  const progress = disable ? (await client.disableSearch(), { indexed: 0, done: true }) : await client.enableSearch({ batchSize });
  const ms = performance.now() - start;
  // The database's size as D1 reports it after a write, for the index's bytes per message.
  const sizeAfter = (await db.prepare("SELECT 1").run()).meta.size_after;
  return { ...progress, ms, sizeAfter, durationMs: costs[0]!.duration_ms, rowsWritten: costs[0]!.rows_written };
}

/** `repeat` searches of `query` in `session`: the mean time, results and rows read of the last. */
export async function timeSearch(db: D1Database, session: string, query: string, repeat: number) {
  const costs: QueryCost[] = [];
  const chat = new DatabaseClient(db, { onQuery: (cost) => costs.push(cost) }).forSession(session);
  const start = performance.now();
  let results = 0;
  for (let i = 0; i < repeat; i++) results = (await chat.searchMessages(query, { limit: 20 })).results.length;
  return { ms: (performance.now() - start) / repeat, results, rowsRead: costs.at(-1)!.rows_read };
}

/** `turns` chat turns (startTurn, then addMessage) in a new conversation: ms and rows written per turn. */
export async function timeTurns(db: D1Database, turns: number) {
  const costs: QueryCost[] = [];
  const chat = new DatabaseClient(db, { onQuery: (cost) => costs.push(cost) }).forSession(crypto.randomUUID());
  const conversationId = crypto.randomUUID();
  const start = performance.now();
  for (let i = 0; i < turns; i++) {
    await chat.startTurn({ conversationId, newConversation: i === 0 ? {} : undefined, message: { id: crypto.randomUUID(), content: `question ${i} about w3 r42` } });
    await chat.addMessage(conversationId, { id: crypto.randomUUID(), role: "assistant", content: `answer ${i}: w5 r4242 and more words` });
  }
  const written = costs.reduce((sum, cost) => sum + cost.rows_written, 0);
  return { msPerTurn: (performance.now() - start) / turns, rowsWrittenPerTurn: written / turns };
}
