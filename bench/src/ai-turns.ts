// A chat turn with one tool call, two ways: the Vercel AI SDK chatbot template's query pattern (its
// lib/db/queries.ts calls, in the order its chat route makes them, on drizzle-orm over D1 with its
// Chat / Message_v2 / Stream tables) and chat-d1 as the example's AI SDK route uses it (startTurn,
// then saveMessages of the reply onFinish hands over). The model is left out: both store the
// same user message and the same reply (a tool call, its result, a text).
import { and, asc, count, eq, gte } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { DatabaseClient, type MessagePart } from "chat-d1";
import type { RoundTrips } from "./counting-d1";
import { playTurns, type Kind, type TurnOf } from "./turns";

export type AiFlow = "template" | "chat-d1";

// The template's tables (lib/db/schema.ts), as SQLite.
const chatTable = sqliteTable("Chat", {
  id: text("id").primaryKey(),
  createdAt: integer("createdAt").notNull(),
  title: text("title").notNull(),
  userId: text("userId").notNull(),
  visibility: text("visibility").notNull(),
});
const messageTable = sqliteTable("Message_v2", {
  id: text("id").primaryKey(),
  chatId: text("chatId").notNull(),
  role: text("role").notNull(),
  parts: text("parts", { mode: "json" }).notNull(),
  attachments: text("attachments", { mode: "json" }).notNull(),
  createdAt: integer("createdAt").notNull(),
});
const streamTable = sqliteTable("Stream", {
  id: text("id").primaryKey(),
  chatId: text("chatId").notNull(),
  createdAt: integer("createdAt").notNull(),
});

/** Creates the template's tables (with its indexes' equivalents) in `db`, once. */
export async function createTemplateSchema(db: D1Database) {
  await db.batch([
    db.prepare('CREATE TABLE IF NOT EXISTS "Chat" (id TEXT PRIMARY KEY, createdAt INTEGER NOT NULL, title TEXT NOT NULL, userId TEXT NOT NULL, visibility TEXT NOT NULL)'),
    db.prepare('CREATE TABLE IF NOT EXISTS "Message_v2" (id TEXT PRIMARY KEY, chatId TEXT NOT NULL REFERENCES "Chat"(id), role TEXT NOT NULL, parts TEXT NOT NULL, attachments TEXT NOT NULL, createdAt INTEGER NOT NULL)'),
    db.prepare('CREATE INDEX IF NOT EXISTS "Message_v2_chat" ON "Message_v2" (chatId, createdAt)'),
    db.prepare('CREATE TABLE IF NOT EXISTS "Stream" (id TEXT PRIMARY KEY, chatId TEXT NOT NULL REFERENCES "Chat"(id), createdAt INTEGER NOT NULL)'),
  ]);
}

const userParts = (text: string): MessagePart[] => [{ type: "text", text }];
const replyParts = (): MessagePart[] => [
  { type: "step-start" },
  { type: "tool-getWeather", toolCallId: `call-${crypto.randomUUID()}`, state: "output-available", input: { city: "Paris" }, output: { city: "Paris", celsius: 21 } },
  { type: "step-start" },
  { type: "text", text: "It is 21 °C in Paris.", state: "done" },
];

/** The template's route: its queries, one round trip each, none in a transaction. */
function templateTurn(db: D1Database): TurnOf {
  const orm = drizzle(db);
  return async (userId, chatId, text) => {
    const id = chatId ?? crypto.randomUUID();
    const [chat] = await orm.select().from(chatTable).where(eq(chatTable.id, id));
    if (!chat) {
      await orm.insert(chatTable).values({ id, createdAt: Date.now(), title: text.slice(0, 80), userId, visibility: "private" });
    } else if (chat.userId !== userId) {
      throw new Error("forbidden");
    }
    // The entitlement check: the user's messages in the last 24 hours.
    await orm
      .select({ count: count(messageTable.id) })
      .from(messageTable)
      .innerJoin(chatTable, eq(messageTable.chatId, chatTable.id))
      .where(and(eq(chatTable.userId, userId), gte(messageTable.createdAt, Date.now() - 86_400_000), eq(messageTable.role, "user")));
    await orm.select().from(messageTable).where(eq(messageTable.chatId, id)).orderBy(asc(messageTable.createdAt));
    await orm.insert(messageTable).values({ id: crypto.randomUUID(), chatId: id, role: "user", parts: userParts(text), attachments: [], createdAt: Date.now() });
    await orm.insert(streamTable).values({ id: crypto.randomUUID(), chatId: id, createdAt: Date.now() });
    // onFinish: the reply.
    await orm.insert(messageTable).values({ id: crypto.randomUUID(), chatId: id, role: "assistant", parts: replyParts(), attachments: [], createdAt: Date.now() });
    return id;
  };
}

/** The example's AI SDK route on chat-d1: startTurn, then saveMessages of the reply. */
function chatD1Turn(db: D1Database, rows: { written: number }): TurnOf {
  return async (sessionId, conversationId, text) => {
    const chat = new DatabaseClient(db, { onQuery: (cost) => (rows.written += cost.rows_written) }).forSession(sessionId);
    const id = conversationId ?? crypto.randomUUID();
    await chat.startTurn({
      conversationId: id,
      newConversation: conversationId === null ? { title: text.slice(0, 50) } : undefined,
      message: { id: crypto.randomUUID(), parts: userParts(text) },
      historyLimit: 50,
    });
    await chat.saveMessages(id, [{ id: crypto.randomUUID(), role: "assistant", parts: replyParts() }]);
    return id;
  };
}

/** `repeat` turns of `kind` in `flow`; milliseconds, round trips and rows written, set-up excluded. */
export async function runAiTurns(flow: AiFlow, kind: Kind, db: D1Database, trips: RoundTrips, repeat: number) {
  const rows = { written: 0 };
  const turn = flow === "template" ? templateTurn(db) : chatD1Turn(db, rows);
  let start = 0;
  await playTurns(turn, kind, repeat, () => {
    trips.count = 0;
    trips.rowsWritten = 0;
    rows.written = 0;
    start = Date.now();
  });
  const written = flow === "template" ? trips.rowsWritten : rows.written;
  return { msPerTurn: (Date.now() - start) / repeat, roundTripsPerTurn: trips.count / repeat, rowsWrittenPerTurn: written / repeat };
}
