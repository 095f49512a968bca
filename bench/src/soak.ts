// The soak: in one isolate, calls of both APIs across many clients, one client per simulated
// request as the example makes them (never freed: left to the garbage collector), reading the wasm
// instance's memory and externref table between blocks. Runs inside a Durable Object so that most
// requests use its synchronous SQLite (fast enough for a million calls) while every tenth uses D1,
// the binding or a D1 session in turn, from the same isolate. bench/soak.mjs drives it.
import { DurableObject } from "cloudflare:workers";
import { DatabaseClient, migrate } from "chat-d1";
import { initSync } from "chat-d1-glue";

interface WasmExports {
  memory: WebAssembly.Memory;
  __wbindgen_externrefs: WebAssembly.Table;
}

/** The wasm's footprint: memory bytes, the externref table's length and the slots holding a value. */
export function footprint() {
  // The entry has instantiated the module: `initSync` hands back that instance.
  const wasm = initSync(undefined) as WasmExports;
  const table = wasm.__wbindgen_externrefs;
  let live = 0;
  for (let i = 0; i < table.length; i++) {
    if (table.get(i) != null) live++;
  }
  return { memoryBytes: wasm.memory.buffer.byteLength, tableLength: table.length, liveSlots: live };
}

interface SoakEnv {
  DB_CHAT_D1: D1Database;
}

const CALLS_PER_REQUEST = 10;

export class SoakObject extends DurableObject<SoakEnv> {
  constructor(ctx: DurableObjectState, env: SoakEnv) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(() => migrate(ctx.storage));
  }

  /** Simulated requests `first`.. making `calls` calls in all; resolves to the footprint after. */
  async runBlock(first: number, calls: number) {
    const requests = Math.ceil(calls / CALLS_PER_REQUEST);
    for (let request = first; request < first + requests; request++) await this.request(request);
    return footprint();
  }

  /** One simulated request: a new client (with `onQuery` on every other), ten calls of both APIs. */
  private async request(n: number) {
    const storage = this.ctx.storage as unknown as D1Database;
    const d1 = n % 20 === 0 ? this.env.DB_CHAT_D1 : this.env.DB_CHAT_D1.withSession("first-unconstrained");
    const backend = n % 10 === 0 ? d1 : storage;
    const client = new DatabaseClient(backend, n % 2 === 0 ? { onQuery: () => {} } : undefined);
    const sessionId = `soak-s-${n % 1000}`;
    const conversationId = `soak-c-${n}`;
    await client.getOrCreateSession(sessionId, { n });
    await client.createConversation(`soak-d-${n}`, sessionId, "drop-in");
    await client.createMessage(`soak-m-${n}`, `soak-d-${n}`, "user", `hello ${n}`);
    await client.listConversations(sessionId, 5);
    await client.getConversationWithMessages(`soak-d-${n}`);
    const chat = client.forSession(sessionId);
    await chat.startTurn({ conversationId, newConversation: { title: "chat" }, message: { id: `soak-u-${n}`, content: "hi" }, historyLimit: 10 });
    await chat.addMessage(conversationId, { id: `soak-a-${n}`, role: "assistant", content: "hello", metadata: { n } });
    await chat.getConversation(conversationId, { limit: 10 });
    await chat.listConversations({ limit: 5 });
    // A refused call: a hostile value, the path that used to leave a table slot behind.
    await chat.getConversation("", { limit: 0 }).catch(() => undefined);
  }

  /** `turns` chat turns whose message and reply are `bytes` long each, on D1; the footprint after. */
  async bigTurns(turns: number, bytes: number) {
    const chat = new DatabaseClient(this.env.DB_CHAT_D1).forSession("soak-big");
    const text = "x".repeat(bytes);
    for (let i = 0; i < turns; i++) {
      const conversationId = `soak-big-${i}-${crypto.randomUUID()}`;
      await chat.startTurn({ conversationId, newConversation: {}, message: { id: `${conversationId}-u`, content: text }, historyLimit: 2 });
      await chat.addMessage(conversationId, { id: `${conversationId}-a`, role: "assistant", content: text });
      await chat.getConversation(conversationId);
    }
    return footprint();
  }
}
