// The package's hand-written declarations (js/index.d.ts) against the installed wasm: every name
// declared is exported and every export declared, every method and function takes the number of
// arguments declared, and every object a method resolves to has exactly the declared keys. A
// declaration that drifts from the Rust exports fails here.
import { env } from "cloudflare:test";
import * as chatD1 from "chat-d1";
import { DatabaseClient } from "chat-d1";
import { describe, expect, it } from "vitest";
import { id } from "./helpers";

const declared = env.DECLARED_TYPES;

/** The public methods an instance really has, from its prototype chain up to Object (wasm-bindgen's
 * own `__` helpers left out). */
function methodsOf(instance: object): Map<string, number> {
  const methods = new Map<string, number>();
  for (let proto = Object.getPrototypeOf(instance); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value = (proto as Record<string, unknown>)[name];
      const isPublicMethod = name !== "constructor" && !name.startsWith("__") && typeof value === "function";
      if (isPublicMethod && !methods.has(name)) methods.set(name, value.length);
    }
  }
  return methods;
}

/** Checks `object`'s keys against the interface `name`: every required key, optional ones allowed. */
function hasDeclaredKeys(object: unknown, name: string) {
  const shape = declared.interfaces[name];
  expect(shape, `interface ${name} is declared`).toBeDefined();
  const keys = Object.keys(object as object).sort();
  const required = shape!.keys.filter((key) => !shape!.optional.includes(key));
  expect(keys.filter((key) => !shape!.keys.includes(key)), `${name}: keys not declared`).toEqual([]);
  expect(required.filter((key) => !keys.includes(key)), `${name}: declared keys missing`).toEqual([]);
}

describe("js/index.d.ts against the installed package", () => {
  it("declares exactly the values the entry exports", () => {
    expect(declared.values.length).toBeGreaterThan(5);
    expect(Object.keys(chatD1).sort()).toEqual([...declared.values].sort());
  });

  it("declares every exported function with its number of arguments", () => {
    for (const [name, count] of Object.entries(declared.functions)) {
      const value = (chatD1 as Record<string, unknown>)[name];
      expect(typeof value, name).toBe("function");
      expect((value as (...a: unknown[]) => unknown).length, name).toBe(count);
    }
  });

  it("declares every method of DatabaseClient and ChatSession with its number of arguments", () => {
    const client = new DatabaseClient(env.DB);
    const instances = { DatabaseClient: client, ChatSession: client.forSession(id("types-chat")) };
    for (const [name, instance] of Object.entries(instances)) {
      const real = methodsOf(instance);
      const declaredMethods = new Map(Object.entries(declared.classes[name] ?? {}));
      expect([...real.keys()].sort(), name).toEqual([...declaredMethods.keys()].sort());
      for (const [method, count] of declaredMethods) expect(real.get(method), `${name}.${method}`).toBe(count);
    }
  });

  it("resolves every method to objects with exactly the declared keys", async () => {
    const client = new DatabaseClient(env.DB);
    const bare = await client.getOrCreateSession(id("types-s"));
    hasDeclaredKeys(bare, "ClientSession");
    const session = await client.getOrCreateSession(id("types-s"), { plan: "free" });
    hasDeclaredKeys(session, "ClientSession");
    const conversation = await client.createConversation(id("types-c"), session.id, "Types");
    hasDeclaredKeys(conversation, "Conversation");
    const message = await client.createMessage(id("types-m"), conversation.id, "user", "hello");
    hasDeclaredKeys(message, "Message");
    const [listed] = await client.listConversations(session.id);
    hasDeclaredKeys(listed, "Conversation");
    const found = await client.getConversationWithMessages(conversation.id);
    expect(Object.keys(found!).sort()).toEqual(["conversation", "messages"]);
    hasDeclaredKeys(found!.conversation, "Conversation");
    hasDeclaredKeys(found!.messages[0], "Message");
    const turn = await client.forSession(session.id).startTurn({
      conversationId: conversation.id,
      message: { id: id("types-m"), content: "again" },
    });
    hasDeclaredKeys(turn, "Turn");
    hasDeclaredKeys(turn.session, "ClientSession");
    hasDeclaredKeys(turn.conversation, "Conversation");
    hasDeclaredKeys(turn.message, "ChatMessage");
    turn.history.forEach((m) => hasDeclaredKeys(m, "ChatMessage"));
    const reply = await client.forSession(session.id).addMessage(conversation.id, { id: id("types-m"), role: "assistant", content: "hi", metadata: { model: "m" } });
    hasDeclaredKeys(reply, "ChatMessage");
    expect(Object.keys(reply)).toContain("metadata");
    const chat = client.forSession(session.id);
    const page = await chat.listConversations({ limit: 1 });
    expect(Object.keys(page).sort()).toEqual(["conversations", "next_cursor"]);
    hasDeclaredKeys(page.conversations[0], "Conversation");
    const opened = await chat.getConversation(conversation.id);
    expect(Object.keys(opened!).sort()).toEqual(["conversation", "messages", "next_cursor"]);
    hasDeclaredKeys(opened!.conversation, "Conversation");
    opened!.messages.forEach((m) => hasDeclaredKeys(m, "ChatMessage"));
    hasDeclaredKeys(await chat.renameConversation(conversation.id, "T"), "Conversation");
    const progress = await client.enableSearch();
    expect(Object.keys(progress).sort()).toEqual(["done", "indexed"]);
    const searched = await chat.searchMessages("again");
    expect(Object.keys(searched).sort()).toEqual(["next_cursor", "results"]);
    expect(searched.results).toHaveLength(1);
    hasDeclaredKeys(searched.results[0], "SearchResult");
    hasDeclaredKeys(searched.results[0]!.message, "ChatMessage");
    hasDeclaredKeys(searched.results[0]!.conversation, "Conversation");
    expect(Object.keys(searched.results[0]!.conversation)).toEqual(Object.keys(listed!));
    // A write answers the same keys, in the same order, as a read of the row it wrote.
    expect(Object.keys(conversation)).toEqual(Object.keys(listed!));
    expect(Object.keys(message)).toEqual(Object.keys(found!.messages[0]!));
  });
});
