// A Hono chat Worker whose data layer is chat-d1's chat API on D1: a chat turn is two D1 round
// trips (`startTurn` before the model, `addMessage` after), every call acts inside the caller's
// session (another session's conversation answers 404, exactly like a missing one), and old
// sessions are purged by a Cron Trigger. Reads go to the nearest D1 replica through a D1 session
// whose bookmark the client relays; each request logs one line with what its D1 calls cost.
// src/durable.ts is the same API on a Durable Object per session (wrangler.durable.jsonc).
import type { UIMessage } from "ai";
import { Hono } from "hono";
import { BOOKMARK_HEADER, DatabaseClient, isValidSessionId, openD1Session, relayBookmark } from "chat-d1";
import { costLog, isStream } from "./cost-log";
import { d1Replies } from "./replies";
import { type Bindings, chatRoutes, clientOptions, DAY_MS, type Env } from "./routes";

const app = new Hono<Env>();

// Every API call names its anonymous session in X-Session-ID (a UUID v4 the client generates) and
// may relay the bookmark of its last response in x-d1-bookmark. Its D1 calls run in a D1 session
// opened from that bookmark (or "first-unconstrained": any replica), and the response carries the
// session's latest bookmark in x-d1-bookmark; a stream's final one comes in its `done` event. A
// relayed value that is not a D1 bookmark is answered 400 before any D1 session is opened: local
// D1 keeps a made-up one that sorts after its own and would hand it back forever
// (tests/worker/replicas.test.ts).
app.use("/api/*", async (c, next) => {
  const sessionId = c.req.header("X-Session-ID");
  if (!isValidSessionId(sessionId)) {
    return c.json({ error: "X-Session-ID must be a UUID v4" }, 400);
  }
  const d1 = openD1Session(c.env.DB, c.req.raw);
  if (!d1) return c.json({ error: `${BOOKMARK_HEADER} is not a D1 bookmark` }, 400);
  const cost = costLog(c);
  c.set("logCost", cost.log);
  c.set("bookmark", () => d1.getBookmark());
  const chat = new DatabaseClient(d1, { ...clientOptions(c.env), onQuery: cost.onQuery }).forSession<UIMessage>(sessionId);
  c.set("chat", chat);
  const waitUntil = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
  c.set("replies", d1Replies(chat, waitUntil, Number(c.env.REPLY_DELAY_MS ?? 0), () => d1.getBookmark()));
  await next();
  c.res = relayBookmark(d1, c.res);
  if (!isStream(c.res)) cost.log();
});

chatRoutes(app);

export default {
  fetch: app.fetch,
  /** The Cron Trigger: erases sessions inactive for RETENTION_DAYS, 1,000 at a time until done. */
  async scheduled(_controller: ScheduledController, env: Bindings) {
    const days = Number(env.RETENTION_DAYS ?? 30);
    const before = new Date(Date.now() - days * DAY_MS).toISOString();
    const db = new DatabaseClient(env.DB);
    for (;;) {
      const { done } = await db.purgeInactiveSessions({ before, limit: 1000 });
      if (done) break;
    }
  },
};
