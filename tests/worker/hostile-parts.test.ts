// The chat API's message bodies and saveMessages with generated JS values of every type in every
// position of a message and its parts (trapping Proxies, throwing getters, lone surrogates, huge
// strings), on real D1. Each call settles: it resolves, or rejects with a DatabaseError; a refusal
// before any SQL (VALIDATION_ERROR) writes nothing; and the conversation is never left with a row
// that breaks the next read.
import { env } from "cloudflare:test";
import fc from "fast-check";
import { expect, it } from "vitest";
import { DatabaseClient, DatabaseError, type QueryCost } from "chat-d1";
import { hostile, materialize } from "./odd-values";

const RUNS = 300;
const CODES = ["NOT_FOUND", "CONSTRAINT_ERROR", "VALIDATION_ERROR"];

/** A value: mostly valid, often hostile. */
const param = (valid: fc.Arbitrary<unknown>) => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: hostile });
const part = fc.oneof(
  fc.record({ type: param(fc.constantFrom("text", "reasoning", "file", "step-start", "tool-x")), text: param(fc.string({ maxLength: 20 })) }),
  hostile,
);
const message = fc.record({
  id: param(fc.uuid()),
  role: param(fc.constantFrom("user", "assistant")),
  parts: param(fc.array(part, { minLength: 1, maxLength: 3 })),
  metadata: param(fc.constantFrom(undefined, { model: "m" })),
});

/** `value` with every marker replaced by what it stands for, all the way down. */
function deep(value: unknown): unknown {
  const real = materialize(value);
  if (real !== value) return real;
  if (Array.isArray(value)) return value.map(deep);
  const plainData =
    value !== null &&
    typeof value === "object" &&
    Object.getPrototypeOf(value) === Object.prototype &&
    Object.values(Object.getOwnPropertyDescriptors(value)).every((property) => "value" in property);
  if (plainData) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v)]));
  }
  return value;
}

it("every body and list settles with a value or a DatabaseError, and refusals write nothing", async () => {
  const costs: QueryCost[] = [];
  const chat = new DatabaseClient(env.DB, { onQuery: (cost) => costs.push(cost) }).forSession("hostile-parts-s");
  await chat.startTurn({ conversationId: "hostile-parts-c", newConversation: {}, message: { id: "hostile-first", content: "hi" } });
  let [resolved, refused, rejected] = [0, 0, 0];
  await fc.assert(
    fc.asyncProperty(fc.boolean(), message, fc.array(message, { maxLength: 4 }), async (save, one, list) => {
      const before = costs.length;
      const given = save ? null : deep(one);
      let outcome: unknown;
      try {
        outcome = save ? await chat.saveMessages("hostile-parts-c", deep(list) as never) : await chat.addMessage("hostile-parts-c", given as never);
        resolved++;
        if (!save) {
          // Stored byte for byte as JSON.stringify wrote the parts, content their texts.
          const sent = (given as { parts: { type: string; text?: unknown }[] }).parts;
          const stored = (outcome as { id: string }).id;
          const [row] = (await env.DB.prepare("SELECT parts, content FROM messages WHERE id = ?").bind(stored).all<{ parts: string; content: string }>()).results;
          expect(row!.parts).toBe(JSON.stringify(sent));
          const texts = sent.filter((p) => p.type === "text" && typeof p.text === "string").map((p) => p.text);
          expect(row!.content).toBe(texts.join("\n\n"));
        }
      } catch (error) {
        expect(error).toBeInstanceOf(DatabaseError);
        expect(CODES).toContain((error as DatabaseError).code);
        outcome = error;
      }
      if (outcome instanceof DatabaseError && outcome.code === "VALIDATION_ERROR") {
        refused++;
        expect(costs.slice(before).map((c) => c.round_trips)).toEqual([0]);
      } else if (outcome instanceof DatabaseError) {
        rejected++;
      }
      // Whatever was stored reads back.
      const page = await chat.getConversation("hostile-parts-c", { limit: 5 });
      expect(page!.messages.every((m) => Array.isArray(m.parts))).toBe(true);
    }),
    { numRuns: RUNS, seed: 20261204 },
  );
  console.log(`hostile parts: ${resolved} resolved, ${refused} refused before any SQL, ${rejected} rejected by the engine`);
  expect(resolved).toBeGreaterThan(10);
  expect(refused).toBeGreaterThan(10);
});
