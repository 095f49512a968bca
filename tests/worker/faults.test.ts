// Faults in the binding: every method rejects with a DatabaseError whose cause is what was
// injected, no partial write is visible afterwards, and the same client works once the fault is
// gone.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { DatabaseClient, DatabaseError } from "chat-d1";
import { FAULTS as faults, FaultyD1 } from "./faulty-d1";
import { count } from "./helpers";

const PREFIX = {
  getOrCreateSession: "Failed to get or create session: ",
  createConversation: "Failed to create conversation: ",
  createMessage: "Failed to create message: ",
  listConversations: "Failed to list conversations: ",
  getConversationWithMessages: "Failed to get conversation with messages: ",
} as const;

type Method = keyof typeof PREFIX;

let faulty: FaultyD1;
let client: DatabaseClient;
let n = 0;

beforeEach(async () => {
  faulty = new FaultyD1(env.DB);
  client = new DatabaseClient(faulty.binding());
  await client.getOrCreateSession("fault-s");
  await client.createConversation("fault-c", "fault-s").catch(() => undefined);
});

/** Calls `method` with fresh, valid arguments. */
function call(method: Method): Promise<unknown> {
  n++;
  switch (method) {
    case "getOrCreateSession":
      return client.getOrCreateSession(`fault-s-${n}`, { n });
    case "createConversation":
      return client.createConversation(`fault-c-${n}`, "fault-s", "title");
    case "createMessage":
      return client.createMessage(`fault-m-${n}`, "fault-c", "user", `message ${n}`);
    case "listConversations":
      return client.listConversations("fault-s");
    case "getConversationWithMessages":
      return client.getConversationWithMessages("fault-c");
  }
}

async function rows() {
  return [await count("client_sessions"), await count("conversations"), await count("messages")];
}



describe.each(Object.keys(PREFIX) as Method[])("%s", (method) => {

  it.each(faults)("rejects with a DatabaseError keeping the cause when the binding %s", async (_, makeFault, when) => {
    const fault = makeFault();
    if (fault.kind === "throwingArrays" && fault.on === "index" && method === "createConversation") {
      // Its INSERT answers no rows, so there is no element to read and nothing throws: the call
      // resolves, D1 having written the row.
      faulty.fault = fault;
      const created = (await call(method)) as { id: string };
      faulty.fault = null;
      expect(await count("conversations", "id = ?", created.id)).toBe(1);
      return;
    }
    const before = await rows();
    faulty.fault = fault;
    faulty.roundTrips = 0;
    const error = await call(method).then(
      () => expect.fail("the call should reject"),
      (e: unknown) => e,
    );
    faulty.fault = null;
    expect(error).toBeInstanceOf(DatabaseError);
    const databaseError = error as DatabaseError;
    expect(databaseError.message.startsWith(PREFIX[method]), databaseError.message).toBe(true);
    expect(databaseError.cause).toBe("error" in fault ? fault.error : fault.value);
    if (when === "before") {
      expect(await rows()).toEqual(before);
    } else {
      // D1 ran the whole round trip: a write is there entirely, never in part.
      const touched = await env.DB.prepare(
        "SELECT c.updated_at = (SELECT MAX(created_at) FROM messages WHERE conversation_id = c.id) AS consistent FROM conversations c WHERE id = 'fault-c'",
      ).first<{ consistent: number | null }>();
      expect(touched?.consistent ?? 1).toBe(1);
    }
    // The same client works once the fault is gone.
    await expect(call(method)).resolves.not.toBeUndefined();
  });
});
