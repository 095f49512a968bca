// Every method's contract on real D1 (local, inside workerd), through the package entry.
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DatabaseClient, DatabaseError } from "chat-d1";
import { conversation, count, db, id, rejectsWith } from "./helpers";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

afterEach(() => {
  vi.useRealTimers();
});

describe("getOrCreateSession", () => {
  it("creates a new session with created_at = last_activity and no metadata key", async () => {
    const sessionId = id("s");
    const session = await db().getOrCreateSession(sessionId);
    expect(Object.keys(session)).toEqual(["id", "created_at", "last_activity"]);
    expect(session.id).toBe(sessionId);
    expect(session.created_at).toMatch(ISO);
    expect(session.last_activity).toBe(session.created_at);
    expect("metadata" in session).toBe(false);
    const stored = await env.DB.prepare("SELECT metadata FROM client_sessions WHERE id = ?")
      .bind(sessionId)
      .first<{ metadata: string | null }>();
    expect(stored).toEqual({ metadata: null });
  });

  it("round-trips metadata as a real object", async () => {
    const metadata = { userAgent: "Mozilla/5.0", nested: { list: [1, "two", null, true] }, n: 1.5 };
    const session = await db().getOrCreateSession(id("s"), metadata);
    expect(session.metadata).toEqual(metadata);
    const again = await db().getOrCreateSession(session.id);
    expect(again.metadata).toEqual(metadata);
  });

  it("keeps created_at and metadata of an existing session, ignoring new metadata", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-11-14T10:30:00.123Z"));
    const first = await db().getOrCreateSession(id("s"), { first: true });
    vi.setSystemTime(new Date("2025-11-14T10:31:00.456Z"));
    const again = await db().getOrCreateSession(first.id, { second: true });
    expect(again).toEqual({
      id: first.id,
      created_at: "2025-11-14T10:30:00.123Z",
      last_activity: "2025-11-14T10:31:00.456Z",
      metadata: { first: true },
    });
    expect(await count("client_sessions", "id = ?", first.id)).toBe(1);
  });
});

describe("createConversation", () => {
  it("returns exactly the contract's keys, with a falsy title as null", async () => {
    const session = await db().getOrCreateSession(id("s"));
    for (const title of [undefined, ""]) {
      const conv = await db().createConversation(id("c"), session.id, title);
      expect(Object.keys(conv)).toEqual(["id", "session_id", "title", "created_at", "updated_at"]);
      expect(conv.title).toBeNull();
      expect(conv.updated_at).toBe(conv.created_at);
    }
    const titled = await db().createConversation(id("c"), session.id, "Hello");
    expect(titled.title).toBe("Hello");
    expect(await count("conversations", "session_id = ? AND title IS NULL", session.id)).toBe(2);
  });

  it("rejects a duplicate id and a missing session with CONSTRAINT_ERROR, writing nothing", async () => {
    const { client, session, conversation: conv } = await conversation();
    const duplicate = await rejectsWith(
      client.createConversation(conv.id, session.id),
      "CONSTRAINT_ERROR",
      "Failed to create conversation: ",
    );
    expect(duplicate.message).toContain("UNIQUE constraint failed");
    expect(duplicate.cause).toBeInstanceOf(Error);
    const orphan = await rejectsWith(
      client.createConversation(id("c"), "no-such-session"),
      "CONSTRAINT_ERROR",
      "Failed to create conversation: ",
    );
    expect(orphan.message).toContain("FOREIGN KEY constraint failed");
    expect(await count("conversations", "session_id = ?", "no-such-session")).toBe(0);
  });
});

describe("createMessage", () => {
  it("stores the message and moves updated_at to its created_at", async () => {
    const { client, conversation: conv } = await conversation();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-01-01T00:00:00.001Z"));
    const message = await client.createMessage(id("m"), conv.id, "user", "Hello");
    expect(message).toEqual({
      id: message.id,
      conversation_id: conv.id,
      role: "user",
      content: "Hello",
      created_at: "2030-01-01T00:00:00.001Z",
    });
    const found = await client.getConversationWithMessages(conv.id);
    expect(found?.conversation.updated_at).toBe("2030-01-01T00:00:00.001Z");
    expect(found?.messages).toEqual([message]);
  });

  it("leaves updated_at and the message table unchanged when the message fails", async () => {
    const { client, conversation: conv } = await conversation();
    const first = await client.createMessage(id("m"), conv.id, "user", "first");
    const before = await client.getConversationWithMessages(conv.id);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2031-01-01T00:00:00.000Z"));
    await rejectsWith(
      client.createMessage(first.id, conv.id, "assistant", "duplicate id"),
      "CONSTRAINT_ERROR",
      "Failed to create message: ",
    );
    expect(await client.getConversationWithMessages(conv.id)).toEqual(before);
    expect(await count("messages", "conversation_id = ?", conv.id)).toBe(1);
  });

  it("rejects a message for a missing conversation and stores nothing", async () => {
    const before = await count("messages");
    const error = await rejectsWith(
      db().createMessage(id("m"), "no-such-conversation", "user", "x"),
      "CONSTRAINT_ERROR",
      "Failed to create message: ",
    );
    expect(error.message).toContain("FOREIGN KEY constraint failed");
    expect(await count("messages")).toBe(before);
  });

  it("keeps insertion order for messages written in one millisecond", async () => {
    const { client, conversation: conv } = await conversation();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2032-01-01T00:00:00.000Z"));
    // Ids that sort against insertion order, so only insertion order explains the result.
    const ids = ["z", "y", "x", "w", "v", "u"].map((letter) => `${letter}-${conv.id}`);
    for (const [i, messageId] of ids.entries()) {
      await client.createMessage(messageId, conv.id, i % 2 ? "assistant" : "user", `turn ${i}`);
    }
    const found = await client.getConversationWithMessages(conv.id);
    expect(found?.messages.map((m) => m.id)).toEqual(ids);
    expect(new Set(found?.messages.map((m) => m.created_at))).toEqual(new Set(["2032-01-01T00:00:00.000Z"]));
  });
});

describe("listConversations", () => {
  it("lists newest updated_at first, at most limit (default 10)", async () => {
    const client = db();
    const session = await client.getOrCreateSession(id("s"));
    vi.useFakeTimers({ toFake: ["Date"] });
    const created = [];
    for (let i = 0; i < 12; i++) {
      vi.setSystemTime(new Date(Date.UTC(2033, 0, 1, 0, 0, i)));
      created.push(await client.createConversation(id("c"), session.id, `#${i}`));
    }
    vi.setSystemTime(new Date(Date.UTC(2033, 0, 2)));
    await client.createMessage(id("m"), created[0]!.id, "user", "bump the oldest");
    const listed = await client.listConversations(session.id);
    expect(listed).toHaveLength(10);
    expect(listed.map((c) => c.title)).toEqual(["#0", "#11", "#10", "#9", "#8", "#7", "#6", "#5", "#4", "#3"]);
    expect(await client.listConversations(session.id, 2)).toEqual(listed.slice(0, 2));
    expect(await client.listConversations(session.id, 100)).toHaveLength(12);
    expect(await client.listConversations("unknown-session")).toEqual([]);
  });
});

describe("getConversationWithMessages", () => {
  it("is null for a missing conversation and has [] for an empty one", async () => {
    expect(await db().getConversationWithMessages("missing")).toBeNull();
    const { client, conversation: conv } = await conversation();
    const found = await client.getConversationWithMessages(conv.id);
    expect(found).toEqual({ conversation: conv, messages: [] });
    expect(Object.keys(found!)).toEqual(["conversation", "messages"]);
  });
});

describe("the schema on D1", () => {
  it("cascades deletes from a session to its conversations and their messages", async () => {
    const { client, session, conversation: conv } = await conversation();
    await client.createMessage(id("m"), conv.id, "user", "x");
    const other = await conversation();
    await other.client.createMessage(id("m"), other.conversation.id, "user", "kept");
    await env.DB.prepare("DELETE FROM client_sessions WHERE id = ?").bind(session.id).run();
    expect(await count("conversations", "session_id = ?", session.id)).toBe(0);
    expect(await count("messages", "conversation_id = ?", conv.id)).toBe(0);
    expect(await count("messages", "conversation_id = ?", other.conversation.id)).toBe(1);
  });

  it("enforces each CHECK constraint", async () => {
    const { session, conversation: conv } = await conversation();
    const bad = [
      env.DB.prepare("INSERT INTO client_sessions VALUES ('check-s', '2025-01-02T00:00:00.000Z', '2025-01-01T00:00:00.000Z', NULL)"),
      env.DB.prepare("INSERT INTO conversations (id, session_id, title, created_at, updated_at) VALUES ('check-c', ?, NULL, '2025-01-02T00:00:00.000Z', '2025-01-01T00:00:00.000Z')").bind(session.id),
      env.DB.prepare("INSERT INTO messages (id, conversation_id, role, content, created_at) VALUES ('check-m', ?, 'system', 'x', '2025-01-01T00:00:00.000Z')").bind(conv.id),
    ];
    for (const statement of bad) {
      await expect(statement.run()).rejects.toThrow(/CHECK constraint failed/);
    }
  });
});

describe("hostile strings", () => {
  const strings = [
    `it's "quoted"`,
    "x'); DROP TABLE messages; --",
    "-- comment\n/* block */",
    "nul\u0000inside",
    "emoji 👋🏽 and 漢字 and \u200d",
  ];

  it("round-trip byte for byte through ids, titles, metadata and content", async () => {
    for (const text of strings) {
      const client = db();
      const session = await client.getOrCreateSession(`${text}-s-${id("")}`, { text });
      expect(session.metadata).toEqual({ text });
      const conv = await client.createConversation(`${text}-c-${id("")}`, session.id, text);
      const message = await client.createMessage(`${text}-m-${id("")}`, conv.id, "user", text);
      const found = await client.getConversationWithMessages(conv.id);
      expect(found?.conversation.title).toBe(text);
      expect(found?.messages[0]).toEqual(message);
      expect(found?.messages[0]?.content).toBe(text);
      expect((await client.listConversations(session.id))[0]?.id).toBe(conv.id);
    }
    expect(await count("messages", "content = ?", strings[1])).toBe(1);
  });

  it("round-trips a megabyte of text exactly", async () => {
    const { client, conversation: conv } = await conversation();
    const content = "ab\u0000c👋'\"--".repeat(100_000).slice(0, 1 << 20);
    await client.createMessage(id("m"), conv.id, "assistant", content);
    const found = await client.getConversationWithMessages(conv.id);
    expect(found?.messages[0]?.content.length).toBe(content.length);
    expect(found?.messages[0]?.content === content).toBe(true);
  });
});

describe("bindings", () => {
  it("accepts a D1 session from withSession()", async () => {
    const replicated = new DatabaseClient(env.DB.withSession("first-primary"));
    const session = await replicated.getOrCreateSession(id("s"));
    const conv = await replicated.createConversation(id("c"), session.id);
    await replicated.createMessage(id("m"), conv.id, "user", "via a session");
    expect((await replicated.getConversationWithMessages(conv.id))?.messages).toHaveLength(1);
    expect(await replicated.listConversations(session.id)).toHaveLength(1);
  });

  it("refuses something that is not a binding", () => {
    expect(() => new DatabaseClient({} as never)).toThrow(DatabaseError);
  });

  it("throws a class named DatabaseError in logs too (the minified build keeps its name)", () => {
    expect(DatabaseError.name).toBe("DatabaseError");
    const error = (() => {
      try {
        new DatabaseClient({} as never);
      } catch (caught) {
        return caught as DatabaseError;
      }
    })();
    expect(error?.constructor.name).toBe("DatabaseError");
  });
});
