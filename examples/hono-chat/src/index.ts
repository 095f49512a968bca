// A Hono chat Worker whose data layer is chat-d1's chat API: a chat turn is two D1 round trips
// (`startTurn` before the model, `addMessage` after), every call acts inside the caller's session
// (another session's conversation answers 404, exactly like a missing one), and old sessions are
// purged by a Cron Trigger. Reads go to the nearest D1 replica through a D1 session whose bookmark
// the client relays; each request logs one line with what its D1 calls cost.
import { Hono, type Context } from "hono";
import { streamSSE } from "hono/streaming";
import {
  type ChatSession,
  DatabaseClient,
  DatabaseError,
  generateConversationId,
  generateMessageId,
  isValidSessionId,
  type Message,
  type QueryCost,
} from "chat-d1";
import { ASSISTANT_MODEL, reply } from "./assistant";
import { BOOKMARK_HEADER, isBookmark } from "./bookmark";

type Bindings = {
  DB: D1Database;
  /** User messages a session may send in 24 hours; unset or 0 for no quota. */
  QUOTA_PER_DAY?: string;
  /** Days of inactivity after which the Cron Trigger erases a session. */
  RETENTION_DAYS?: string;
};
type Env = {
  Bindings: Bindings;
  Variables: {
    chat: ChatSession;
    /** This request's D1 session: its bookmark is what the response hands back. */
    d1: D1DatabaseSession;
    /** Logs the request's one line of D1 totals; a stream calls it when it ends. */
    logCost: () => void;
  };
};
type ChatRequest = { message?: unknown; conversationId?: unknown };

const DAY_MS = 24 * 60 * 60 * 1000;
const app = new Hono<Env>();

// Every API call names its anonymous session in X-Session-ID (a UUID v4 the client generates) and
// may relay the bookmark of its last response in x-d1-bookmark. Its D1 calls run in a D1 session
// opened from that bookmark (or "first-unconstrained": any replica), and the response carries the
// session's latest bookmark in x-d1-bookmark; a stream's final one comes in its `done` event.
app.use("/api/*", async (c, next) => {
  const sessionId = c.req.header("X-Session-ID");
  if (!isValidSessionId(sessionId)) {
    return c.json({ error: "X-Session-ID must be a UUID v4" }, 400);
  }
  const bookmark = c.req.header(BOOKMARK_HEADER);
  if (bookmark !== undefined && !isBookmark(bookmark)) {
    return c.json({ error: `${BOOKMARK_HEADER} is not a D1 bookmark` }, 400);
  }
  const d1 = c.env.DB.withSession(bookmark ?? "first-unconstrained");
  const totals = { calls: 0, round_trips: 0, statements: 0, rows_read: 0, rows_written: 0, duration_ms: 0, replica_reads: 0 };
  const onQuery = (cost: QueryCost) => {
    totals.calls += 1;
    totals.round_trips += cost.round_trips;
    totals.statements += cost.statements;
    totals.rows_read += cost.rows_read;
    totals.rows_written += cost.rows_written;
    totals.duration_ms += cost.duration_ms;
    if (cost.served_by_primary === false) totals.replica_reads += 1;
  };
  let logged = false;
  c.set("logCost", () => {
    if (logged) return;
    logged = true;
    console.log(JSON.stringify({ request: `${c.req.method} ${c.req.path}`, status: c.res.status, ...totals }));
  });
  c.set("d1", d1);
  c.set("chat", new DatabaseClient(d1, { onQuery }).forSession(sessionId));
  await next();
  c.res.headers.set(BOOKMARK_HEADER, d1.getBookmark() ?? "");
  if (!c.res.headers.get("content-type")?.startsWith("text/event-stream")) c.var.logCost();
});

/** A query parameter as a number, or undefined when absent (chat-d1 checks the range). */
const numberParam = (c: Context<Env>, name: string) => {
  const value = c.req.query(name);
  return value === undefined ? undefined : Number(value);
};

/** Streams the assistant's reply to `history` as SSE and stores it: the turn's second round trip. */
function streamReply(c: Context<Env>, conversationId: string, history: readonly Message[], start: object) {
  return streamSSE(c, async (stream) => {
    await stream.writeSSE({ event: "start", data: JSON.stringify({ conversationId, ...start }) });
    let text = "";
    let chunks = 0;
    for await (const chunk of reply(history)) {
      text += chunk;
      chunks += 1;
      await stream.writeSSE({ event: "delta", data: JSON.stringify({ text: chunk }) });
    }
    // What the app records about the reply travels with it (migration 0002's `metadata`).
    const metadata = { model: ASSISTANT_MODEL, chunks, finish_reason: "stop" };
    const stored = await c.var.chat.addMessage(conversationId, { id: generateMessageId(), role: "assistant", content: text, metadata });
    // The headers left before the reply was stored: its bookmark travels in the last event.
    const bookmark = c.var.d1.getBookmark();
    await stream.writeSSE({ event: "done", data: JSON.stringify({ assistantMessageId: stored.id, bookmark }) });
    c.var.logCost();
  });
}

app.post("/api/chat/stream", async (c) => {
  const { message, conversationId }: ChatRequest = await c.req.json<ChatRequest>().catch(() => ({}));
  if (typeof message !== "string" || message.trim() === "") {
    return c.json({ error: "message must be a non-empty string" }, 400);
  }
  const quota = Number(c.env.QUOTA_PER_DAY ?? 0);
  if (quota > 0) {
    // One more round trip, only when a quota is configured.
    const since = new Date(Date.now() - DAY_MS).toISOString();
    if ((await c.var.chat.countMessagesSince(since)) >= quota) {
      return c.json({ error: `at most ${quota} messages a day` }, 429);
    }
  }
  const isNew = typeof conversationId !== "string";
  const id = isNew ? generateConversationId() : conversationId;
  const turn = await c.var.chat.startTurn({
    conversationId: id,
    newConversation: isNew ? { title: message.slice(0, 50) } : undefined,
    message: { id: generateMessageId(), content: message },
    sessionMetadata: { userAgent: c.req.header("User-Agent") ?? "unknown" },
  });
  return streamReply(c, id, turn.history, { userMessageId: turn.message.id });
});

app.get("/api/conversations", async (c) => {
  return c.json(await c.var.chat.listConversations({ limit: numberParam(c, "limit"), cursor: c.req.query("cursor") ?? null }));
});

app.get("/api/conversations/:id", async (c) => {
  const found = await c.var.chat.getConversation(c.req.param("id"), {
    limit: numberParam(c, "limit"),
    before: c.req.query("before") ?? null,
  });
  return found === null ? c.json({ error: "conversation not found" }, 404) : c.json(found);
});

app.patch("/api/conversations/:id", async (c) => {
  const { title } = await c.req.json<{ title?: string | null }>().catch(() => ({ title: undefined }));
  return c.json(await c.var.chat.renameConversation(c.req.param("id"), title));
});

app.delete("/api/conversations/:id", async (c) => {
  const deleted = await c.var.chat.deleteConversation(c.req.param("id"));
  return deleted ? c.body(null, 204) : c.json({ error: "conversation not found" }, 404);
});

// Regenerate the last reply: delete what follows the last user message, then answer it again.
app.post("/api/conversations/:id/regenerate", async (c) => {
  const id = c.req.param("id");
  const found = await c.var.chat.getConversation(id, { limit: 50 });
  const lastUser = found?.messages.filter((m) => m.role === "user").at(-1);
  if (!found || !lastUser) return c.json({ error: "nothing to regenerate" }, 404);
  await c.var.chat.deleteMessagesAfter(id, lastUser.id);
  const history = found.messages.slice(0, found.messages.indexOf(lastUser) + 1);
  return streamReply(c, id, history, { userMessageId: lastUser.id });
});

app.delete("/api/session", async (c) => c.json(await c.var.chat.erase()));

app.onError((error, c) => {
  if (error instanceof DatabaseError) {
    const status = { VALIDATION_ERROR: 400, NOT_FOUND: 404, CONSTRAINT_ERROR: 409 }[error.code as string] ?? 500;
    return c.json({ error: error.message, code: error.code }, status as 400);
  }
  console.error(error);
  return c.json({ error: "internal error" }, 500);
});

export default {
  fetch: app.fetch,
  /** The Cron Trigger: erases sessions inactive for RETENTION_DAYS, 1,000 at a time until done. */
  async scheduled(_controller: ScheduledController, env: Bindings) {
    const days = Number(env.RETENTION_DAYS ?? 30);
    const before = new Date(Date.now() - days * DAY_MS).toISOString();
    const db = new DatabaseClient(env.DB);
    for (;;) {
      const { done } = await db.purgeInactiveSessions({ before, limit: 1000 });
      if (done) break;
    }
  },
};
