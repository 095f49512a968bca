// Every exported function called with generated JS values of every type, the awkward ones on
// purpose (trapping Proxies, throwing getters), on real D1. Each call settles: it resolves or
// rejects with a DatabaseError; nothing else is ever thrown, synchronously or not; and the
// instance keeps working. What each call answers is checked against the old layer itself in
// differential.test.ts.
import { env } from "cloudflare:test";
import fc from "fast-check";
import { expect, it } from "vitest";
import {
  DatabaseClient,
  DatabaseError,
  generateConversationId,
  generateMessageId,
  generateSessionId,
  isValidMessageRole,
  isValidSessionId,
} from "chat-d1";
import { hostile, materialize } from "./odd-values";

const RUNS = 1_000;
const CODES = ["QUERY_ERROR", "INSERT_ERROR", "CONSTRAINT_ERROR", "VALIDATION_ERROR"];
const S0 = "hostile-session";
const C0 = "hostile-conversation";

/** A value for one parameter: mostly well-formed (so calls succeed and write), often hostile. */
const param = (valid: fc.Arbitrary<unknown>) => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: hostile });
const freshId = fc.uuid();
const json = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)));

const methods = {
  getOrCreateSession: ["sessionId", "metadata"],
  createConversation: ["id", "sessionId", "title"],
  createMessage: ["id", "conversationId", "role", "content"],
  listConversations: ["sessionId", "limit"],
  getConversationWithMessages: ["conversationId"],
} as const;
type Method = keyof typeof methods;

const validFor: Record<string, fc.Arbitrary<unknown>> = {
  sessionId: fc.oneof(fc.constant(S0), freshId),
  id: fc.oneof(freshId, fc.constantFrom(C0, "dup")),
  conversationId: fc.oneof(fc.constant(C0), freshId),
  metadata: fc.option(fc.dictionary(fc.string({ maxLength: 5 }), json, { maxKeys: 3 }), { nil: undefined }),
  title: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
  role: fc.constantFrom("user", "assistant"),
  content: fc.string({ maxLength: 50 }),
  limit: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
};

const call = fc
  .constantFrom(...(Object.keys(methods) as Method[]))
  .chain((method) =>
    fc.record({
      method: fc.constant(method),
      args: fc.tuple(...methods[method].map((name) => param(validFor[name]!))),
      // Missing trailing arguments, or extra ones.
      arity: fc.integer({ min: -1, max: 2 }),
    }),
  );

it(`${RUNS} generated calls settle with a value or a DatabaseError, and the instance keeps working`, async () => {
  const client = new DatabaseClient(env.DB);
  await client.getOrCreateSession(S0);
  await client.createConversation(C0, S0);
  const tally = { resolved: 0, rejected: 0 };

  await fc.assert(
    fc.asyncProperty(call, async ({ method, args, arity }) => {
      const given = arity < 0 ? args.slice(0, args.length - 1) : [...args, ...Array(arity).fill("extra")];
      const passed = given.map(materialize);
      let promise: Promise<unknown>;
      try {
        promise = (client[method] as (...a: unknown[]) => Promise<unknown>)(...passed);
      } catch (error) {
        throw new Error(`${method} threw synchronously: ${String(error)}`);
      }
      const outcome = await promise.then(
        () => ({ ok: true as const }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      if (outcome.ok) {
        tally.resolved++;
      } else {
        expect(outcome.error).toBeInstanceOf(DatabaseError);
        const code = (outcome.error as DatabaseError).code;
        expect(CODES, (outcome.error as Error).message).toContain(code);
        tally.rejected++;
      }
      // The instance is still usable after every call.
      await expect(client.listConversations(S0, 1)).resolves.toBeInstanceOf(Array);
    }),
    { numRuns: RUNS, seed: 20261124 },
  );
  // Both kinds of outcome were exercised.
  expect(tally.resolved).toBeGreaterThan(50);
  expect(tally.rejected).toBeGreaterThan(50);
  console.log(`hostile input: ${RUNS} calls, ${tally.resolved} resolved, ${tally.rejected} rejected with a DatabaseError`);
});

it("helpers and the constructor take any value without throwing anything but DatabaseError", () => {
  fc.assert(
    fc.property(hostile, (generated) => {
      const value = materialize(generated);
      expect(typeof isValidSessionId(value)).toBe("boolean");
      expect(typeof isValidMessageRole(value)).toBe("boolean");
      const extra = value as never;
      for (const generate of [generateSessionId, generateConversationId, generateMessageId]) {
        expect(isValidSessionId((generate as (...a: unknown[]) => string)(extra))).toBe(true);
      }
      try {
        new DatabaseClient(value as never);
      } catch (error) {
        expect(error).toBeInstanceOf(DatabaseError);
      }
    }),
    { numRuns: 300, seed: 20261124 },
  );
});
