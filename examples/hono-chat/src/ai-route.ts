// The AI SDK route: `useChat` (or any AI SDK client) talks to POST /api/ai/chat with the message
// it adds, and the turn keeps to two round trips: `startTurn` stores the user's message and reads
// the history the model needs, and `saveMessages` stores the reply from the stream's `onFinish`.
// A tool result the browser sends back (the assistant message again, its tool part answered) is
// read with the conversation's last page instead of `startTurn`, and saved the same way.
// Branches: a user message with `parentId` is an edit (a sibling of the edited message); `trigger:
// "regenerate-message"` with a stored user message answers it again, the new reply saved after it
// as a sibling of the old one (`saveMessages` reads its list as a path).
import { convertToModelMessages, stepCountIs, streamText, type UIMessage } from "ai";
import type { Hono } from "hono";
import { type ChatMessage, generateConversationId, generateMessageId, type MessagePart } from "chat-d1";
import type { Env } from "./routes";
import { titleFrom } from "./title";
import { scriptedModel, tools } from "./scripted-model";

/** What the client posts: the message it adds (the AI SDK's `UIMessage`), and the conversation. */
type AiChatRequest = {
  conversationId?: unknown;
  message?: { id?: unknown; role?: unknown; parts?: unknown };
  /** For an edit: the edited message's parent (`null`: a new first message). */
  parentId?: unknown;
  /** The AI SDK's trigger: `"regenerate-message"` answers the stored user `message` again. */
  trigger?: unknown;
};

/** The messages the model answers: at most this many of the newest. */
const HISTORY_LIMIT = 50;

export function aiRoutes(app: Hono<Env>) {
  app.post("/api/ai/chat", async (c) => {
    const request: AiChatRequest = await c.req.json<AiChatRequest>().catch(() => ({}));
    const { conversationId, message } = request;
    const { id: messageId, role, parts: given } = (message ?? {}) as NonNullable<AiChatRequest["message"]>;
    if (typeof messageId !== "string" || (role !== "user" && role !== "assistant") || !Array.isArray(given)) {
      return c.json({ error: "message must be a UIMessage: an id, a user or assistant role, parts" }, 400);
    }
    const chat = c.var.chat;
    const parts = given as MessagePart[];
    let id: string;
    let history: (ChatMessage & UIMessage)[];
    // What `onFinish` saves before the reply: the message it answers, when that is not the branch's
    // active leaf (a regenerate), so the reply lands under it.
    let answering: (ChatMessage & UIMessage)[] = [];
    // The reply's id: reserved by `startTurn` for a new user message (so a dropped connection
    // leaves the reply `interrupted`, never nothing), else a new one.
    const replyId = generateMessageId();
    if (request.trigger === "regenerate-message") {
      if (typeof conversationId !== "string") return c.json({ error: "conversationId is required" }, 400);
      id = conversationId;
      const page = await chat.getConversation(id, { limit: HISTORY_LIMIT, leafId: messageId });
      if (page === null) return c.json({ error: "conversation not found" }, 404);
      history = page.messages;
      answering = history.slice(-1);
    } else if (role === "assistant") {
      // A tool result from the browser: the same assistant message, its tool part answered.
      if (typeof conversationId !== "string") return c.json({ error: "conversationId is required" }, 400);
      id = conversationId;
      const page = await chat.getConversation(id, { limit: HISTORY_LIMIT });
      const at = page?.messages.findIndex((m) => m.id === messageId && m.role === "assistant") ?? -1;
      if (page === null || at < 0) return c.json({ error: "assistant message not found" }, 404);
      history = [...page.messages.slice(0, at), { ...page.messages[at]!, parts: parts as UIMessage["parts"] & MessagePart[] }];
    } else {
      const isNew = typeof conversationId !== "string";
      id = isNew ? generateConversationId() : (conversationId as string);
      const turn = await chat.startTurn({
        conversationId: id,
        newConversation: isNew ? { title: titleOf(parts) } : undefined,
        message: { id: messageId, parts },
        historyLimit: HISTORY_LIMIT,
        parentId: request.parentId as string | null | undefined,
        reply: { id: replyId },
      });
      history = turn.history;
    }
    // `c.var.chat` is `forSession<UIMessage>(...)`: its messages are `ChatMessage & UIMessage`.
    const messages: UIMessage[] = history;
    const result = streamText({
      model: scriptedModel,
      messages: await convertToModelMessages(messages),
      tools,
      stopWhen: stepCountIs(2),
    });
    // The reply is built and saved from a stream of its own, read here to its end under
    // `waitUntil`: the client's stream (below) may be dropped midway, this one is not, so the
    // saved reply is whole whether or not the client stayed.
    const saved = result.toUIMessageStream({
      originalMessages: messages,
      generateMessageId: () => replyId,
      onFinish: async ({ responseMessage }) => {
        try {
          // The reply: the reserved one finished (`streaming` saved is `done`), inserted, or
          // updated when it continues the message the browser answered a tool call in. (The
          // whole list `messages` saves too, writing only what changed, at one statement a
          // message: mind D1's queries per invocation, 50 on the Free plan.)
          await chat.saveMessages(id, [...answering, responseMessage]);
        } finally {
          c.var.logCost();
        }
      },
    });
    c.executionCtx.waitUntil(readToEnd(saved));
    return result.toUIMessageStreamResponse({
      originalMessages: messages,
      generateMessageId: () => replyId,
      headers: { "x-conversation-id": id },
    });
  });
}

/** Reads `stream` to its end, discarding what it carries. */
async function readToEnd(stream: ReadableStream<unknown>) {
  const reader = stream.getReader();
  while (!(await reader.read()).done);
}

/** A new conversation's title: the start of the message's text. */
function titleOf(parts: unknown): string | null {
  if (!Array.isArray(parts)) return null;
  return titleFrom(parts.map((part: { type?: unknown; text?: unknown }) => (part?.type === "text" && typeof part.text === "string" ? part.text : "")).join(" "));
}
