// A Hono chat Worker whose data layer is chat-d1's chat API: a chat turn is two D1 round trips
// (`startTurn` before the model, `addMessage` after), every call acts inside the caller's session
// (another session's conversation answers 404, exactly like a missing one), and old sessions are
// purged by a Cron Trigger.
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
} from "chat-d1";
import { ASSISTANT_MODEL, reply } from "./assistant";

type Bindings = {
  DB: D1Database;
  /** User messages a session may send in 24 hours; unset or 0 for no quota. */
  QUOTA_PER_DAY?: string;
  /** Days of inactivity after which the Cron Trigger erases a session. */
  RETENTION_DAYS?: string;
};
type Env = { Bindings: Bindings; Variables: { chat: ChatSession } };
type ChatRequest = { message?: unknown; conversationId?: unknown };

const DAY_MS = 24 * 60 * 60 * 1000;
const app = new Hono<Env>();

// Every API call names its anonymous session in X-Session-ID (a UUID v4 the client generates).
app.use("/api/*", async (c, next) => {
  const sessionId = c.req.header("X-Session-ID");
  if (!isValidSessionId(sessionId)) {
    return c.json({ error: "X-Session-ID must be a UUID v4" }, 400);
  }
  c.set("chat", new DatabaseClient(c.env.DB).forSession(sessionId));
  await next();
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
    await stream.writeSSE({ event: "done", data: JSON.stringify({ assistantMessageId: stored.id }) });
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
