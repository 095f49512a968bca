// The old handlers' use of the data layer, with only the import line changed: must type-check.
import {
  DatabaseClient,
  DatabaseError,
  generateConversationId,
  generateMessageId,
  generateSessionId,
  isValidMessageRole,
  isValidSessionId,
  migrate,
  type ChatMessage,
  type ClientSession,
  type Conversation,
  type Message,
  type MessagePart,
  type MessageRole,
  type QueryCost,
  type Turn,
} from "chat-d1";

interface Env {
  DB: D1Database;
}

export async function chat(env: Env, header: string | undefined, text: string): Promise<string> {
  const db = new DatabaseClient(env.DB);
  const sessionId = header && isValidSessionId(header) ? header : generateSessionId();
  const session: ClientSession = await db.getOrCreateSession(sessionId, { userAgent: "test" });
  const created: string = session.created_at;
  const metadata: Record<string, unknown> | undefined = session.metadata;
  const conversation: Conversation = await db.createConversation(
    generateConversationId(),
    session.id,
    text.slice(0, 50),
  );
  const title: string | null = conversation.title;
  const message: Message = await db.createMessage(generateMessageId(), conversation.id, "user", text);
  const role: MessageRole = message.role;
  const found = await db.getConversationWithMessages(conversation.id);
  if (found === null) return "missing";
  const history: Message[] = found.messages;
  const list: Conversation[] = await db.listConversations(session.id);
  const few = await db.listConversations(session.id, 5);
  return [created, metadata, title, role, history.length, list.length, few.length].join();
}

export async function withReplication(env: Env): Promise<number> {
  const db = new DatabaseClient(env.DB.withSession("first-primary"));
  return (await db.listConversations("s")).length;
}

/** Replicas, cost and reply metadata together, as the example uses them. */
export async function costed(env: Env, bookmark: string | null): Promise<string | null> {
  const session = env.DB.withSession(bookmark ?? "first-unconstrained");
  let rows = 0;
  const onQuery = (cost: QueryCost) => {
    rows += cost.rows_read + cost.rows_written;
    if (cost.served_by_primary === false) console.log(cost.served_by_region ?? "a replica");
  };
  const chat = new DatabaseClient(session, { onQuery }).forSession("s");
  const reply: ChatMessage = await chat.addMessage("c", { id: "m", role: "assistant", content: "x", metadata: { model: "m" } });
  console.log(reply.metadata?.model, rows);
  return session.getBookmark();
}

export function describe(error: unknown, input: unknown): string {
  if (error instanceof DatabaseError) {
    // The drop-in methods fail with the old layer's codes; NOT_FOUND comes only from the chat API.
    if (error.code === "NOT_FOUND") return "not found";
    const code: "QUERY_ERROR" | "INSERT_ERROR" | "UPDATE_ERROR" | "DELETE_ERROR" | "CONSTRAINT_ERROR" | "VALIDATION_ERROR" = error.code;
    return `${error.name} ${code} ${error.message} ${String(error.cause)}`;
  }
  if (isValidMessageRole(input)) {
    const role: MessageRole = input;
    return role;
  }
  return "other";
}

/** A chat turn on the chat API: two round trips, typed end to end. */
export async function chatTurn(env: Env, sessionId: string, text: string): Promise<string> {
  const chat = new DatabaseClient(env.DB).forSession(sessionId);
  const turn: Turn = await chat.startTurn({
    conversationId: generateConversationId(),
    newConversation: { title: null },
    message: { id: generateMessageId(), content: text },
    historyLimit: 20,
  });
  const context: readonly Message[] = turn.history;
  const truncated: boolean = turn.history_truncated;
  const reply: Message = await chat.addMessage(turn.conversation.id, {
    id: generateMessageId(),
    role: "assistant",
    content: `${context.length} ${truncated}`,
  });
  return reply.content;
}

/** The Durable Object backend: the object's storage wherever a D1 binding goes, and its migration. */
export async function inAnObject(storage: DurableObjectStorage, sessionId: string): Promise<number> {
  const applied: string[] = await migrate(storage);
  const chat = new DatabaseClient(storage).forSession(sessionId);
  return applied.length + (await chat.countMessagesSince(new Date(0).toISOString()));
}

/** Parts and saveMessages: the AI SDK's messages in, chat-d1's (a superset) out, saved back as read. */
export async function withParts(env: Env, sessionId: string): Promise<number> {
  const chat = new DatabaseClient(env.DB).forSession(sessionId);
  const parts: MessagePart[] = [{ type: "text", text: "hi" }, { type: "file", mediaType: "image/png", url: "https://r2/x.png" }];
  const turn = await chat.startTurn({ conversationId: "c", newConversation: {}, message: { id: "m", parts } });
  const reply = { id: "r", role: "assistant" as const, parts: [{ type: "step-start" }, { type: "text", text: "ok" }], metadata: { model: "m" } };
  const saved = await chat.saveMessages("c", [...turn.history, reply]);
  const firstParts: MessagePart[] = turn.message.parts;
  return saved.inserted + saved.updated + saved.unchanged + firstParts.length;
}

/** An app's own message type (as the AI SDK's `UIMessage`), for the parts it stores. */
type AppMessage = {
  id: string;
  role: "user" | "assistant" | "system";
  metadata?: unknown;
  parts: ({ type: "text"; text: string } | { type: "file"; url: string; mediaType: string })[];
};

/** `forSession<AppMessage>`: messages read as the app's type, and saved from it, without a cast. */
export async function withTheAppsMessages(env: Env, sessionId: string, reply: AppMessage): Promise<AppMessage[]> {
  const chat = new DatabaseClient(env.DB).forSession<AppMessage>(sessionId);
  const turn = await chat.startTurn({ conversationId: "c", message: { id: "m", parts: [{ type: "text", text: "hi" }] } });
  const forTheModel: AppMessage[] = turn.history;
  await chat.saveMessages("c", [reply]);
  const page = await chat.getConversation("c");
  return [...forTheModel, ...(page?.messages ?? [])];
}
