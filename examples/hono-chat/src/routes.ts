// The example's HTTP API, shared by its two variants: src/index.ts (chat-d1 on D1, the default)
// and src/durable.ts (chat-d1 on a Durable Object per session). Each variant's middleware puts the
// session's chat API in `c.var.chat`; the routes are the same.
import type { Context, Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { UIMessage } from "ai";
import { type ChatSession, DatabaseError, generateConversationId, generateMessageId, type Message } from "chat-d1";
import { aiRoutes } from "./ai-route";
import { ASSISTANT_MODEL, reply } from "./assistant";
import type { Replies } from "./replies";
import { titleFrom } from "./title";

export type Bindings = {
  /** The D1 variant's database. */
  DB: D1Database;
  /** The Durable Object variant's objects, one per session. */
  CHAT_SESSIONS: DurableObjectNamespace<import("./durable").ChatSessionObject>;
  /** User messages a session may send in 24 hours; unset or 0 for no quota. */
  QUOTA_PER_DAY?: string;
  /** Days of inactivity after which a session is erased (D1: the Cron Trigger; objects: an alarm). */
  RETENTION_DAYS?: string;
  /** The local assistant's pause between chunks, in ms (0: none), so replies stream visibly. */
  REPLY_DELAY_MS?: string;
  /** chat-d1's `staleAfterMs`: a reply with no write for longer reads `interrupted`. */
  STALE_AFTER_MS?: string;
};

/** The `DatabaseClient` options the configuration asks for. */
export function clientOptions(env: Bindings) {
  return env.STALE_AFTER_MS ? { staleAfterMs: Number(env.STALE_AFTER_MS) } : {};
}
export type Env = {
  Bindings: Bindings;
  Variables: {
    /** The caller's session's chat API, its messages' parts the AI SDK's (`UIMessage`). */
    chat: ChatSession<UIMessage>;
    /** The latest D1 bookmark of the request's D1 session (`null` without one). */
    bookmark: () => string | null;
    /** Logs the request's one line of storage totals; a stream calls it when it ends. */
    logCost: () => void;
    /** How replies run and are followed: on D1, or through the session's Durable Object. */
    replies: Replies;
  };
};
type ChatRequest = { message?: unknown; conversationId?: unknown; parentId?: unknown };

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A query parameter as a number, or undefined when absent (chat-d1 checks the range). */
const numberParam = (c: Context<Env>, name: string) => {
  const value = c.req.query(name);
  return value === undefined ? undefined : Number(value);
};

/**
 * Streams the assistant's reply to `history` as SSE and stores it under `history`'s last message
 * (a regenerated reply becomes a sibling of the one it replaces): the turn's second round trip.
 */
function streamReply(c: Context<Env>, conversationId: string, history: readonly Message[], start: object) {
  return streamSSE(c, async (stream) => {
    await stream.writeSSE({ event: "start", data: JSON.stringify({ conversationId, ...start }) });
    let text = "";
    let chunks = 0;
    for await (const chunk of reply(history, Number(c.env.REPLY_DELAY_MS ?? 0))) {
      text += chunk;
      chunks += 1;
      await stream.writeSSE({ event: "delta", data: JSON.stringify({ text: chunk }) });
    }
    // What the app records about the reply travels with it (migration 0002's `metadata`).
    const metadata = { model: ASSISTANT_MODEL, chunks, finish_reason: "stop" };
    try {
      const parentId = history.at(-1)?.id;
      const stored = await c.var.chat.addMessage(conversationId, { id: generateMessageId(), role: "assistant", content: text, metadata, parentId });
      // The headers left before the reply was stored: its bookmark travels in the last event.
      const bookmark = c.var.bookmark();
      await stream.writeSSE({ event: "done", data: JSON.stringify({ assistantMessageId: stored.id, bookmark }) });
    } finally {
      // Logged whether or not the reply could be stored: the line counts the failed call too.
      c.var.logCost();
    }
  });
}

/** A server-sent event stream: a `start` event with `start`, then `stream`'s events. */
function events(start: object, stream: ReadableStream<Uint8Array>) {
  const head = new TextEncoder().encode(`event: start\ndata: ${JSON.stringify(start)}\n\n`);
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(head);
      const reader = stream.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        controller.enqueue(value);
      }
      controller.close();
    },
    cancel: (reason) => stream.cancel(reason),
  });
  return new Response(body, { headers: { "content-type": "text/event-stream", "cache-control": "no-cache" } });
}

/** The API's routes and its error mapping, on `app`. */
export function chatRoutes(app: Hono<Env>) {
  app.post("/api/chat/stream", async (c) => {
    const body = await c.req.json<ChatRequest>().catch(() => null);
    if (body === null || typeof body !== "object") {
      return c.json({ error: "the body must be a JSON object: { message, conversationId?, parentId? }" }, 400);
    }
    const { message, conversationId, parentId }: ChatRequest = body;
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
    const replyId = generateMessageId();
    const turn = await c.var.chat.startTurn({
      conversationId: id,
      newConversation: isNew ? { title: titleFrom(message) } : undefined,
      message: { id: generateMessageId(), content: message },
      sessionMetadata: { userAgent: c.req.header("User-Agent") ?? "unknown" },
      // Editing a sent message: the new one goes under the edited one's parent (null: a new
      // first message), a sibling of it; chat-d1 checks the id (400 or 404 through onError).
      parentId: parentId as string | null | undefined,
      // The reply, reserved in this round trip: a dropped connection loses nothing of it.
      reply: { id: replyId },
    });
    const start = { conversationId: id, userMessageId: turn.message.id, replyId };
    return events(start, c.var.replies.run(id, replyId, turn.history, () => c.var.logCost()));
  });

  // A reply from character `from` on, for a client that comes back while it streams (or after).
  app.get("/api/conversations/:id/replies/:replyId", (c) => {
    const { id, replyId } = c.req.param();
    const from = Math.max(0, Math.trunc(Number(c.req.query("from") ?? 0)) || 0);
    return events({ conversationId: id, replyId, from }, c.var.replies.follow(id, replyId, from));
  });

  // The stop button: the reply is stored `stopped` with what was streamed.
  app.post("/api/conversations/:id/replies/:replyId/stop", async (c) => {
    const { id, replyId } = c.req.param();
    await c.var.replies.stop(id, replyId);
    return c.body(null, 204);
  });

  app.get("/api/conversations", async (c) => {
    return c.json(await c.var.chat.listConversations({ limit: numberParam(c, "limit"), cursor: c.req.query("cursor") ?? null }));
  });

  // Search: the session's messages matching `q`, best first, each with its conversation and a
  // snippet (HTML: the text escaped, the matched words in <mark>). One round trip.
  app.get("/api/search", async (c) => {
    return c.json(await c.var.chat.searchMessages(c.req.query("q") ?? "", { limit: numberParam(c, "limit"), cursor: c.req.query("cursor") ?? null }));
  });

  app.get("/api/conversations/:id", async (c) => {
    const found = await c.var.chat.getConversation(c.req.param("id"), {
      limit: numberParam(c, "limit"),
      before: c.req.query("before") ?? null,
      leafId: c.req.query("leafId"),
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

  // Regenerate a reply: answer its user message again. The new reply is a sibling of the old one,
  // which stays (the arrows reach it). `messageId` names the user message; by default the last
  // one of the active branch. Two round trips: the history up to it, then the reply.
  app.post("/api/conversations/:id/regenerate", async (c) => {
    const id = c.req.param("id");
    const { messageId } = await c.req.json<{ messageId?: string }>().catch(() => ({ messageId: undefined }));
    const found = await c.var.chat.getConversation(id, { limit: 50, leafId: messageId });
    const lastUser = found?.messages.filter((m) => m.role === "user").at(-1);
    if (!found || !lastUser) return c.json({ error: "nothing to regenerate" }, 404);
    const history = found.messages.slice(0, found.messages.indexOf(lastUser) + 1);
    return streamReply(c, id, history, { userMessageId: lastUser.id });
  });

  // The arrows between siblings: show the branch through `messageId` (its newest leaf), and the
  // page of it.
  app.post("/api/conversations/:id/branch", async (c) => {
    const id = c.req.param("id");
    const { messageId } = await c.req.json<{ messageId?: string }>().catch(() => ({ messageId: undefined }));
    await c.var.chat.selectBranch(id, messageId as string);
    return c.json(await c.var.chat.getConversation(id, { limit: numberParam(c, "limit") }));
  });

  // Fork: a new conversation holding the path up to `messageId`, in one round trip.
  app.post("/api/conversations/:id/fork", async (c) => {
    const id = c.req.param("id");
    const { messageId, title } = await c.req.json<{ messageId?: string; title?: string }>().catch(() => ({}) as { messageId?: string; title?: string });
    const forked = await c.var.chat.forkConversation(id, messageId as string, { conversationId: generateConversationId(), title });
    return c.json(forked, 201);
  });

  app.delete("/api/session", async (c) => c.json(await c.var.chat.erase()));

  aiRoutes(app);

  app.onError((error, c) => {
    if (error instanceof DatabaseError) {
      const status = { VALIDATION_ERROR: 400, NOT_FOUND: 404, CONSTRAINT_ERROR: 409 }[error.code as string] ?? 500;
      return c.json({ error: error.message, code: error.code }, status as 400);
    }
    console.error(error);
    return c.json({ error: "internal error" }, 500);
  });
}
