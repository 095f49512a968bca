// The baseline: the TypeScript ORM layer chat-d1 replaces, rebuilt on drizzle-orm/d1 as the seed
// plan built it (select then update or insert for sessions, insert then update for messages, two
// selects for a conversation with its messages). Same contract, same objects.
import { asc, desc, eq } from "drizzle-orm";
import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const clientSessions = sqliteTable(
  "client_sessions",
  {
    id: text("id").primaryKey(),
    createdAt: text("created_at").notNull(),
    lastActivity: text("last_activity").notNull(),
    metadata: text("metadata"),
  },
  (t) => [index("idx_session_activity").on(t.lastActivity)],
);

export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    sessionId: text("session_id").notNull().references(() => clientSessions.id, { onDelete: "cascade" }),
    title: text("title"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("idx_conv_session_updated").on(t.sessionId, t.updatedAt), index("idx_conv_updated").on(t.updatedAt)],
);

export const messages = sqliteTable(
  "messages",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id").notNull().references(() => conversations.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["user", "assistant"] }).notNull(),
    content: text("content").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("idx_msg_conversation").on(t.conversationId, t.createdAt)],
);

const schema = { clientSessions, conversations, messages };

type SessionRow = typeof clientSessions.$inferSelect;
type ConversationRow = typeof conversations.$inferSelect;
type MessageRow = typeof messages.$inferSelect;

const toSession = (row: SessionRow) => ({
  id: row.id,
  created_at: row.createdAt,
  last_activity: row.lastActivity,
  metadata: row.metadata ? (JSON.parse(row.metadata) as Record<string, unknown>) : undefined,
});

const toConversation = (row: ConversationRow) => ({
  id: row.id,
  session_id: row.sessionId,
  title: row.title,
  created_at: row.createdAt,
  updated_at: row.updatedAt,
});

const toMessage = (row: MessageRow) => ({
  id: row.id,
  conversation_id: row.conversationId,
  role: row.role,
  content: row.content,
  created_at: row.createdAt,
});

export class BaselineDatabaseClient {
  private readonly db: DrizzleD1Database<typeof schema>;

  constructor(d1: D1Database) {
    this.db = drizzle(d1, { schema });
  }

  async getOrCreateSession(sessionId: string, metadata?: Record<string, unknown>) {
    const now = new Date().toISOString();
    const [existing] = await this.db.select().from(clientSessions).where(eq(clientSessions.id, sessionId));
    if (existing) {
      await this.db.update(clientSessions).set({ lastActivity: now }).where(eq(clientSessions.id, sessionId));
      return toSession({ ...existing, lastActivity: now });
    }
    const row = { id: sessionId, createdAt: now, lastActivity: now, metadata: metadata ? JSON.stringify(metadata) : null };
    await this.db.insert(clientSessions).values(row);
    return toSession(row);
  }

  async createConversation(id: string, sessionId: string, title?: string) {
    const now = new Date().toISOString();
    const row = { id, sessionId, title: title || null, createdAt: now, updatedAt: now };
    await this.db.insert(conversations).values(row);
    return toConversation(row);
  }

  async createMessage(id: string, conversationId: string, role: "user" | "assistant", content: string) {
    const now = new Date().toISOString();
    const row = { id, conversationId, role, content, createdAt: now };
    await this.db.insert(messages).values(row);
    await this.db.update(conversations).set({ updatedAt: now }).where(eq(conversations.id, conversationId));
    return toMessage(row);
  }

  async listConversations(sessionId: string, limit = 10) {
    const rows = await this.db
      .select()
      .from(conversations)
      .where(eq(conversations.sessionId, sessionId))
      .orderBy(desc(conversations.updatedAt))
      .limit(limit);
    return rows.map(toConversation);
  }

  async getConversationWithMessages(conversationId: string) {
    const [conversation] = await this.db.select().from(conversations).where(eq(conversations.id, conversationId));
    if (!conversation) return null;
    const rows = await this.db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, conversationId))
      .orderBy(asc(messages.createdAt));
    return { conversation: toConversation(conversation), messages: rows.map(toMessage) };
  }
}
