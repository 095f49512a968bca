// The old handlers' use of the data layer, with only the import line changed: must type-check.
import {
  DatabaseClient,
  DatabaseError,
  generateConversationId,
  generateMessageId,
  generateSessionId,
  isValidMessageRole,
  isValidSessionId,
  type ClientSession,
  type Conversation,
  type Message,
  type MessageRole,
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

export function describe(error: unknown, input: unknown): string {
  if (error instanceof DatabaseError) {
    const code: "QUERY_ERROR" | "INSERT_ERROR" | "UPDATE_ERROR" | "DELETE_ERROR" | "CONSTRAINT_ERROR" | "VALIDATION_ERROR" = error.code;
    return `${error.name} ${code} ${error.message} ${String(error.cause)}`;
  }
  if (isValidMessageRole(input)) {
    const role: MessageRole = input;
    return role;
  }
  return "other";
}
