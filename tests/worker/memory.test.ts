// Nothing grows but the data: clients made and dropped, calls made, hostile values passed, leave the
// wasm's externref table and memory as they were. The package's own module instance is inspected
// (its glue's `initSync` hands back the instance the entry already made), on real D1 and on a
// Durable Object's storage. The soak benchmark (bench/soak.mjs) runs the same at scale.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DatabaseClient } from "chat-d1";
import { initSync } from "chat-d1-glue";
import { ENGINES } from "./engines";

interface WasmExports {
  memory: WebAssembly.Memory;
  __wbindgen_externrefs: WebAssembly.Table;
}

// Already instantiated by the package entry: `initSync` returns that instance, ignoring the argument.
const wasm = (initSync as (module?: unknown) => unknown)(undefined) as WasmExports;

/** The table's length, how many of its slots hold a value, and the memory's size. */
function footprint() {
  const table = wasm.__wbindgen_externrefs;
  let held = 0;
  let undefinedSlots = 0;
  for (let i = 0; i < table.length; i++) {
    const value: unknown = table.get(i);
    if (value === undefined) undefinedSlots++;
    else if (value !== null) held++;
  }
  return { tableLength: table.length, held, undefinedSlots, memoryBytes: wasm.memory.buffer.byteLength };
}

const revoked = Proxy.revocable({}, {});
revoked.revoke();

/** One simulated request's worth of client use on `db`, ending with the client freed. */
async function request(db: unknown, i: number) {
  const options = i % 2 === 0 ? { onQuery: () => {} } : undefined;
  const client = new DatabaseClient(db as D1Database, options);
  const chat = client.forSession(`memory-s-${i % 50}`);
  if (i % 100 === 0) {
    await chat.listConversations({ limit: 5 });
    await client.getConversationWithMessages(`memory-c-${i}`);
    await chat.searchMessages("memory walrus");
  }
  // Hostile values: every one throws inside a JS operation the wasm catches.
  expect(() => client.forSession(revoked.proxy)).toThrow();
  expect(() => new DatabaseClient(revoked.proxy as unknown as D1Database)).toThrow();
  expect(() => new DatabaseClient(5 as unknown as D1Database)).toThrow();
  await expect(chat.getConversation(revoked.proxy as unknown as string)).rejects.toThrow();
  await expect(chat.searchMessages(revoked.proxy as unknown as string, revoked.proxy as never)).rejects.toThrow();
  // A part JSON.stringify throws on, and one whose `type` getter throws: the parts path.
  const parts = [{ type: "text", text: "x" }, { type: "data-n", data: 1n }, { get type(): string { throw new Error("getter"); } }];
  await expect(chat.addMessage(`memory-c-${i}`, { id: "m", role: "assistant", parts } as never)).rejects.toThrow();
  chat.free();
  client.free();
}

describe.each(ENGINES)("on $name", (engine) => {
  it("20,000 clients made and freed, with hostile values, leave the table and memory as they were", async () => {
    await engine.run(async (storage) => {
      const sources = [storage.db, ...(engine.name === "D1" ? [env.DB.withSession("first-primary")] : [])];
      await new DatabaseClient(storage.db).enableSearch();
      await new DatabaseClient(storage.db).forSession("memory-s-0").startTurn({ conversationId: "memory-found", newConversation: {}, message: { id: "memory-m", content: "a memory walrus" } });
      for (let i = 0; i < 200; i++) await request(sources[i % sources.length], i); // warm-up
      const before = footprint();
      for (let i = 0; i < 20_000; i++) await request(sources[i % sources.length], i);
      const after = footprint();
      expect(after.undefinedSlots).toBe(before.undefinedSlots);
      expect(after.held).toBe(before.held);
      expect(after.tableLength).toBe(before.tableLength);
      expect(after.memoryBytes).toBe(before.memoryBytes);
    });
  });

  it("clients dropped without free() leave no slot holding undefined behind", async () => {
    await engine.run(async (storage) => {
      const before = footprint();
      for (let i = 0; i < 5_000; i++) {
        const client = new DatabaseClient(storage.db, { onQuery: () => {} });
        client.forSession(`dropped-${i}`);
        expect(() => new DatabaseClient(revoked.proxy as unknown as D1Database)).toThrow();
      }
      // What the dropped clients hold goes when the garbage collector finalizes them; a slot that
      // holds `undefined` is the leak's own mark, and none of the 5,000 may add one.
      expect(footprint().undefinedSlots).toBe(before.undefinedSlots);
    });
  });
});
