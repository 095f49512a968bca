// The package's migrations on real D1, with rows in every table: each later step down and up again
// loses no row of the columns that survive it, the step SQLite makes in place leaves no table
// rebuilt (a rebuild's DROP TABLE would cascade through the foreign keys, which D1 enforces), and
// before 0002 the drop-in methods work while the chat API fails cleanly.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DatabaseClient } from "chat-d1";
import { id, rejectsWith } from "./helpers";

/** The statements of the migration file `name` (up or down), as wrangler would send them. */
function statements(migrations: D1Migration[], name: string) {
  const migration = migrations.find((m) => m.name === name);
  if (!migration) throw new Error(`no migration ${name}`);
  return migration.queries;
}

async function run(queries: string[]) {
  await env.DB.batch(queries.map((sql) => env.DB.prepare(sql)));
}

/** Every row of every table over the columns 0001 made, in insertion order. */
async function survivingRows() {
  const columns = {
    client_sessions: "id, created_at, last_activity, metadata",
    conversations: "id, session_id, title, created_at, updated_at",
    messages: "id, conversation_id, role, content, created_at",
  };
  const all = await Promise.all(
    Object.entries(columns).map(([table, list]) => env.DB.prepare(`SELECT ${list} FROM ${table} ORDER BY rowid`).all()),
  );
  return all.map((result) => result.results);
}

const messageColumns = async () =>
  (await env.DB.prepare("SELECT name FROM pragma_table_info('messages')").all<{ name: string }>()).results.map((c) => c.name);

/** Sessions, conversations and messages (with and without metadata), through both APIs. */
async function fill() {
  const client = new DatabaseClient(env.DB);
  for (let s = 0; s < 3; s++) {
    const chat = client.forSession(id("mig-s"));
    const conversationId = id("mig-c");
    await chat.startTurn({ conversationId, newConversation: { title: s ? `T ${s} ünï` : null }, message: { id: id("m"), content: "hi 👋" }, sessionMetadata: { s } });
    await chat.addMessage(conversationId, { id: id("r"), role: "assistant", content: "hello", metadata: { model: "m", s } });
    const session = await client.getOrCreateSession(id("mig-old"), { old: true });
    const conversation = await client.createConversation(id("mig-oc"), session.id, "old");
    await client.createMessage(id("mig-om"), conversation.id, "user", "it's \"quoted\"");
  }
}

describe("migrations on D1", () => {
  it("0002 down and up again keeps every row of the surviving columns, in place", async () => {
    await fill();
    const before = await survivingRows();
    expect(before.map((rows) => rows.length)).toEqual([6, 6, 9]);
    const rootpages = async () =>
      (await env.DB.prepare("SELECT name, rootpage FROM sqlite_schema WHERE type = 'table' ORDER BY name").all()).results;
    const tables = await rootpages();
    expect(await messageColumns()).toContain("metadata");

    await run(statements(env.DOWN_MIGRATIONS, "0002_message_metadata.down.sql"));
    expect(await messageColumns()).not.toContain("metadata");
    expect(await survivingRows()).toEqual(before);

    await run(statements(env.TEST_MIGRATIONS, "0002_message_metadata.sql"));
    expect(await messageColumns()).toContain("metadata");
    expect(await survivingRows()).toEqual(before);
    // No table was rebuilt: each still lives in the b-tree it was created in.
    expect(await rootpages()).toEqual(tables);
    const metadata = await env.DB.prepare("SELECT COUNT(*) AS n FROM messages WHERE metadata IS NOT NULL").first<{ n: number }>();
    expect(metadata!.n).toBe(0);
  });

  it("before 0002, the drop-in methods work and the chat API rejects with the engine's reason", async () => {
    await run(statements(env.DOWN_MIGRATIONS, "0002_message_metadata.down.sql"));
    try {
      const client = new DatabaseClient(env.DB);
      const session = await client.getOrCreateSession(id("pre-s"));
      const conversation = await client.createConversation(id("pre-c"), session.id, "t");
      await client.createMessage(id("pre-m"), conversation.id, "user", "works");
      expect((await client.getConversationWithMessages(conversation.id))!.messages).toHaveLength(1);
      const error = await rejectsWith(
        client.forSession(session.id).startTurn({ conversationId: conversation.id, message: { id: id("pre-m"), content: "x" } }),
        "INSERT_ERROR",
        "Failed to start turn: ",
      );
      expect(error.message).toContain("metadata");
    } finally {
      await run(statements(env.TEST_MIGRATIONS, "0002_message_metadata.sql"));
    }
  });
});
