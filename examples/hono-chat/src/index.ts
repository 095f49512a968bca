// A Hono chat Worker whose data layer is chat-d1: the handlers are the old ones, with only the
// import line changed.
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import {
  DatabaseClient,
  DatabaseError,
  generateConversationId,
  generateMessageId,
  isValidSessionId,
  type Message,
} from "chat-d1";
import { reply } from "./assistant";

type Env = { Bindings: { DB: D1Database }; Variables: { sessionId: string } };
type ChatRequest = { message?: unknown; conversationId?: unknown };

const app = new Hono<Env>();

// Every API call names its anonymous session in X-Session-ID (a UUID v4 the client generates).
app.use("/api/*", async (c, next) => {
  const sessionId = c.req.header("X-Session-ID");
  if (!isValidSessionId(sessionId)) {
    return c.json({ error: "X-Session-ID must be a UUID v4" }, 400);
  }
  c.set("sessionId", sessionId);
  await next();
});

app.post("/api/chat/stream", async (c) => {
  const { message, conversationId }: ChatRequest = await c.req.json<ChatRequest>().catch(() => ({}));
  if (typeof message !== "string" || message.trim() === "") {
    return c.json({ error: "message must be a non-empty string" }, 400);
  }
  const db = new DatabaseClient(c.env.DB);
  const sessionId = c.get("sessionId");
  await db.getOrCreateSession(sessionId, { userAgent: c.req.header("User-Agent") ?? "unknown" });

  let history: Message[] = [];
  let id: string;
  if (typeof conversationId === "string") {
    const found = await db.getConversationWithMessages(conversationId);
    if (found === null) return c.json({ error: "conversation not found" }, 404);
    if (found.conversation.session_id !== sessionId) return c.json({ error: "not your conversation" }, 401);
    history = found.messages;
    id = conversationId;
  } else {
    id = (await db.createConversation(generateConversationId(), sessionId, message.slice(0, 50))).id;
  }
  const userMessage = await db.createMessage(generateMessageId(), id, "user", message);

  return streamSSE(c, async (stream) => {
    await stream.writeSSE({ event: "start", data: JSON.stringify({ conversationId: id, userMessageId: userMessage.id }) });
    let text = "";
    for await (const chunk of reply([...history, userMessage])) {
      text += chunk;
      await stream.writeSSE({ event: "delta", data: JSON.stringify({ text: chunk }) });
    }
    const stored = await db.createMessage(generateMessageId(), id, "assistant", text);
    await stream.writeSSE({ event: "done", data: JSON.stringify({ assistantMessageId: stored.id }) });
  });
});

app.get("/api/conversations", async (c) => {
  const db = new DatabaseClient(c.env.DB);
  const conversations = await db.listConversations(c.get("sessionId"));
  return c.json({ conversations });
});

app.get("/api/conversations/:id", async (c) => {
  const db = new DatabaseClient(c.env.DB);
  const found = await db.getConversationWithMessages(c.req.param("id"));
  if (found === null) return c.json({ error: "conversation not found" }, 404);
  if (found.conversation.session_id !== c.get("sessionId")) {
    return c.json({ error: "not your conversation" }, 401);
  }
  return c.json(found);
});

app.onError((error, c) => {
  if (error instanceof DatabaseError) {
    const status = error.code === "VALIDATION_ERROR" ? 400 : error.code === "CONSTRAINT_ERROR" ? 409 : 500;
    return c.json({ error: error.message, code: error.code }, status);
  }
  console.error(error);
  return c.json({ error: "internal error" }, 500);
});

export default app;
