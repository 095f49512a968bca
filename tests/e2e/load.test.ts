// The example Worker under load: many sessions chatting at once against `wrangler dev` on
// 127.0.0.1. Bounded in requests and time. Afterwards the local D1, read directly, must hold
// exactly one user message and one reply per request, and no response may be a 5xx.
import { expect, it } from "vitest";
// @ts-expect-error plain JS modules without type declarations
import { chat } from "../../examples/hono-chat/client/chat-client.mjs";
// @ts-expect-error plain JS modules without type declarations
import { startWorker, variant } from "../../scripts/wrangler-dev.mjs";

const SESSIONS = 100;
const TURNS = 10;
const REQUEST_TIMEOUT_MS = 15_000;

// It reads the D1 the example wrote; the Durable Object variant's load is bench/load.mjs's.
it.skipIf(variant !== "d1")(`${SESSIONS} sessions x ${TURNS} turns at once: no 5xx, every message stored exactly once`, async () => {
  const worker = await startWorker();
  const statuses = new Map<number, number>();
  let elapsedMs = 0;
  try {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: SESSIONS }, async (_, s) => {
        const sessionId = crypto.randomUUID();
        let conversationId: string | undefined;
        for (let turn = 0; turn < TURNS; turn++) {
          const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
          const result = await chat(worker.url, sessionId, `session ${s} turn ${turn}`, { conversationId, signal });
          statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
          conversationId ??= result.conversationId;
        }
      }),
    );
    elapsedMs = performance.now() - started;
  } finally {
    await worker.stop({ keepState: true });
  }
  try {
    const requests = SESSIONS * TURNS;
    const [counts] = worker.query(
      "SELECT (SELECT COUNT(*) FROM client_sessions) AS sessions, (SELECT COUNT(*) FROM conversations) AS conversations, " +
        "(SELECT COUNT(*) FROM messages WHERE role = 'user') AS user_messages, (SELECT COUNT(*) FROM messages WHERE role = 'assistant') AS replies, " +
        "(SELECT COUNT(*) FROM (SELECT content FROM messages WHERE role = 'user' GROUP BY content HAVING COUNT(*) > 1)) AS duplicated",
    );
    const errors = [...statuses].filter(([status]) => status >= 500).reduce((n, [, count]) => n + count, 0);
    console.log(
      `load: ${requests} chat requests from ${SESSIONS} concurrent sessions in ${(elapsedMs / 1000).toFixed(1)} s ` +
        `(${((requests * 1000) / elapsedMs).toFixed(0)} requests/s), statuses ${JSON.stringify(Object.fromEntries(statuses))}, ` +
        `5xx: ${errors}; stored: ${JSON.stringify(counts)}`,
    );
    expect(errors).toBe(0);
    expect(statuses.get(200)).toBe(requests);
    expect(counts).toEqual({
      sessions: SESSIONS,
      conversations: SESSIONS,
      user_messages: requests,
      replies: requests,
      duplicated: 0,
    });
  } finally {
    worker.removeState();
  }
});
