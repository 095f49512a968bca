// One chat turn, three ways, timed in the Worker: the drizzle baseline used the way the original
// handlers used it, chat-d1's drop-in methods the way the drop-in example used them, and the chat
// API (startTurn before the model, addMessage after). A turn starts a new conversation or
// continues one; the model's reply is a fixed text, so only the data layer is timed.
import { DatabaseClient, type DatabaseClientOptions } from "chat-d1";
import { BaselineDatabaseClient } from "./baseline";
import type { RoundTrips } from "./counting-d1";

export type Flow = "baseline" | "drop-in" | "chat";
export type Kind = "new" | "continuing";

type DropIn = Pick<DatabaseClient, "getOrCreateSession" | "createConversation" | "createMessage" | "getConversationWithMessages">;

/** The original handlers' turn: session, then the conversation (read, or created), two messages. */
async function handlerTurn(layer: DropIn, sessionId: string, conversationId: string | null, text: string) {
  await layer.getOrCreateSession(sessionId, { userAgent: "bench" });
  let id = conversationId;
  if (id !== null) {
    const found = await layer.getConversationWithMessages(id);
    if (found === null || found.conversation.session_id !== sessionId) throw new Error("not found");
  } else {
    id = (await layer.createConversation(crypto.randomUUID(), sessionId, text.slice(0, 50))).id;
  }
  await layer.createMessage(crypto.randomUUID(), id, "user", text);
  await layer.createMessage(crypto.randomUUID(), id, "assistant", `reply to ${text}`);
  return id;
}

/** The chat API's turn: two round trips. */
export async function chatTurn(db: D1Database, options: DatabaseClientOptions, sessionId: string, conversationId: string | null, text: string) {
  const chat = new DatabaseClient(db, options).forSession(sessionId);
  const id = conversationId ?? crypto.randomUUID();
  await chat.startTurn({
    conversationId: id,
    newConversation: conversationId === null ? { title: text.slice(0, 50) } : undefined,
    message: { id: crypto.randomUUID(), content: text },
    historyLimit: 20,
  });
  await chat.addMessage(id, { id: crypto.randomUUID(), role: "assistant", content: `reply to ${text}` });
  return id;
}

/**
 * `repeat` turns of `kind` in `flow` on `db` (whose round trips `trips` counts); resolves to the
 * milliseconds they took, the round trips they made and, for chat-d1's flows, the D1 rows they
 * read and wrote (D1's own `meta`, through `onQuery`; drizzle's reads do not return it), set-up
 * excluded.
 */
export async function runTurns(flow: Flow, kind: Kind, db: D1Database, trips: RoundTrips, repeat: number) {
  const rows = { read: 0, written: 0 };
  const options: DatabaseClientOptions = {
    onQuery: (cost) => {
      rows.read += cost.rows_read;
      rows.written += cost.rows_written;
    },
  };
  const turn: TurnOf = (sessionId, conversationId, text) =>
    flow === "chat"
      ? chatTurn(db, options, sessionId, conversationId, text)
      : handlerTurn(flow === "baseline" ? (new BaselineDatabaseClient(db) as unknown as DropIn) : new DatabaseClient(db, options), sessionId, conversationId, text);
  let start = 0;
  await playTurns(turn, kind, repeat, () => {
    trips.count = 0;
    rows.read = rows.written = 0;
    start = Date.now();
  });
  return { ms: Date.now() - start, roundTrips: trips.count, rowsRead: rows.read, rowsWritten: rows.written };
}

/** One turn of a flow into `conversationId` (a new conversation when `null`); resolves to its id. */
export type TurnOf = (sessionId: string, conversationId: string | null, text: string) => Promise<string>;

/**
 * `repeat` turns of `kind`, one session: a continuing turn goes to a conversation that already
 * holds a few turns. `measure` is called once that set-up is done, before the first measured turn,
 * to reset the caller's counters and clock.
 */
export async function playTurns(turn: TurnOf, kind: Kind, repeat: number, measure: () => void) {
  const sessionId = crypto.randomUUID();
  let conversationId = kind === "continuing" ? await turn(sessionId, null, "opening") : null;
  for (let i = 0; i < 3 && conversationId !== null; i++) await turn(sessionId, conversationId, `warm ${i}`);
  measure();
  for (let i = 0; i < repeat; i++) {
    const id = await turn(sessionId, kind === "continuing" ? conversationId : null, `message ${i}`);
    if (kind === "continuing") conversationId = id;
  }
}

/**
 * A conversation of `rows` messages, then its pages of `limit` through `getConversation`, oldest
 * page last: resolves to the median milliseconds of reading the first page and of reading the
 * `far`-th page again from its cursor, each read `samples` times. With `tied`, every message has
 * the same `created_at` (a bulk import in one millisecond), the worst case for the page seek;
 * otherwise one message a second, as a conversation grows.
 */
export async function timePages(db: D1Database, rows: number, limit: number, far: number, samples: number, tied: boolean) {
  const sessionId = crypto.randomUUID();
  const conversationId = crypto.randomUUID();
  const chat = new DatabaseClient(db).forSession(sessionId);
  await chat.startTurn({ conversationId, newConversation: {}, message: { id: crypto.randomUUID(), content: "first" } });
  await db
    .prepare(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) " +
        "INSERT INTO messages (id, conversation_id, role, content, created_at) SELECT ?2 || '-' || i, ?2, 'user', 'message ' || i, " +
        "CASE WHEN ?3 THEN '2030-01-01T00:00:00.000Z' " +
        "ELSE strftime('%Y-%m-%dT%H:%M:%fZ', '2030-01-01', '+' || i || ' seconds') END FROM n",
    )
    .bind(rows - 1, conversationId, tied ? 1 : 0)
    .run();
  let before: string | null = null;
  for (let page = 1; page < far; page++) {
    before = (await chat.getConversation(conversationId, { limit, before }))!.next_cursor;
  }
  const time = async (cursor: string | null) => {
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const start = performance.now();
      const found = await chat.getConversation(conversationId, { limit, before: cursor });
      times.push(performance.now() - start);
      if (found!.messages.length !== limit) throw new Error("a short page");
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  };
  return { firstMs: await time(null), farMs: await time(before) };
}
