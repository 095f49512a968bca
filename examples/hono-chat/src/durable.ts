// The example on Durable Objects (wrangler.durable.jsonc): the same HTTP API as src/index.ts, but
// each client session's conversations and messages live in a SQLite-backed Durable Object of its
// own (`idFromName(sessionId)`), with chat-d1 running inside it on `ctx.storage`. The Worker routes
// each request to the session's object over RPC. No shared writer and no size ceiling across
// sessions; no cross-session listing either, so retention is each object's own alarm: it erases
// the session after RETENTION_DAYS without a call.
import type { UIMessage } from "ai";
import { DurableObject } from "cloudflare:workers";
import { Hono } from "hono";
import {
  type ChatSession,
  DatabaseClient,
  DatabaseError,
  type DatabaseErrorCode,
  isValidSessionId,
  migrate,
  type QueryCost,
} from "chat-d1";
import { costLog, isStream } from "./cost-log";
import { durableReplies, LiveReplies } from "./live-replies";
import { importSession, type SessionDump } from "./move-session";
import { type Bindings, chatRoutes, clientOptions, DAY_MS, type Env } from "./routes";

/** The chat API's methods, the only ones the object runs for the Worker. */
const CHAT_METHODS = [
  "startTurn",
  "addMessage",
  "saveMessages",
  "updateReply",
  "finishReply",
  "listConversations",
  "getConversation",
  "renameConversation",
  "deleteConversation",
  "deleteMessagesAfter",
  "selectBranch",
  "forkConversation",
  "countMessagesSince",
  "searchMessages",
  "erase",
] as const;
type ChatMethod = (typeof CHAT_METHODS)[number];
/** Every method of the chat API is listed above: a new one left out fails to compile here. */
const everyMethodListed: Exclude<keyof ChatSession, ChatMethod | "free"> extends never ? true : never = true;
void everyMethodListed;

/**
 * A call's outcome as it crosses RPC: its value, or the `DatabaseError`'s message and code (an
 * error's class does not survive RPC), with what the call cost.
 */
type Outcome =
  | { value: unknown; costs: QueryCost[] }
  | { error: { message: string; code: DatabaseErrorCode }; costs: QueryCost[] };

/** One client session's chat: its own SQLite database, migrated when the object starts. */
export class ChatSessionObject extends DurableObject<Bindings> {
  /** The replies being generated for this session: their live text, for a client that comes back. */
  private readonly replies = new LiveReplies();

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    // Before any request: new objects get the schema, old ones what a new package version adds,
    // and search: a new object's index is made in one call; an old one's is filled 10 chunks a
    // start at most (blockConcurrencyWhile gives up after 30 s), its searches partial until done.
    void ctx.blockConcurrencyWhile(async () => {
      await migrate(ctx.storage);
      const db = new DatabaseClient(ctx.storage);
      for (let chunk = 0; chunk < 10 && !(await db.enableSearch()).done; chunk++);
    });
  }

  /** Runs a chat API method for `sessionId` and pushes the retention alarm back. */
  async call(sessionId: string, method: ChatMethod, args: unknown[]): Promise<Outcome> {
    if (!CHAT_METHODS.includes(method)) throw new Error(`not a chat method: ${String(method)}`);
    const costs: QueryCost[] = [];
    const options = { ...clientOptions(this.env), onQuery: (cost: QueryCost) => costs.push(cost) };
    const chat = new DatabaseClient(this.ctx.storage, options).forSession(sessionId);
    try {
      const run = chat[method] as (...args: unknown[]) => Promise<unknown>;
      return { value: await run.apply(chat, args), costs };
    } catch (error) {
      if (error instanceof DatabaseError) return { error: { message: error.message, code: error.code }, costs };
      throw error;
    } finally {
      // A misconfigured value keeps the default rather than failing every call.
      const configured = Number(this.env.RETENTION_DAYS ?? 30);
      const days = Number.isFinite(configured) ? configured : 30;
      await this.ctx.storage.setAlarm(Date.now() + days * DAY_MS);
    }
  }

  /** A chunk of a reply being generated; `false` once it is stopped. */
  pushReply(replyId: string, text: string): boolean {
    return this.replies.push(replyId, text);
  }

  /** A reply has ended (stored already). */
  endReply(replyId: string, status: string) {
    this.replies.end(replyId, status);
  }

  /** A reply from character `from` on: replayed, then followed live (see live-replies.ts). */
  followReply(sessionId: string, conversationId: string, replyId: string, from: number): ReadableStream<Uint8Array> {
    return this.replies.follow(this.chat(sessionId), conversationId, replyId, from);
  }

  /** Stops a reply. */
  async stopReply(sessionId: string, conversationId: string, replyId: string) {
    await this.replies.stop(this.chat(sessionId), conversationId, replyId);
  }

  /** The chat API of `sessionId` on this object's storage, as the client's options say. */
  private chat(sessionId: string) {
    return new DatabaseClient(this.ctx.storage, clientOptions(this.env)).forSession(sessionId);
  }

  /** Retention: the session went RETENTION_DAYS without a call; erase it. */
  async alarm() {
    const client = new DatabaseClient(this.ctx.storage);
    const sessions = this.ctx.storage.sql.exec<{ id: string }>("SELECT id FROM client_sessions").toArray();
    for (const { id } of sessions) await client.forSession(id).erase();
  }

  /** Takes in a session exported from D1 (see move-session.ts). */
  importSession(dump: SessionDump) {
    importSession(this.ctx.storage, dump);
  }
}

/** The session's chat API, each call run by its object over RPC. */
function chatOverRpc(stub: DurableObjectStub<ChatSessionObject>, sessionId: string, onQuery: (cost: QueryCost) => void): ChatSession<UIMessage> {
  const call = async (method: ChatMethod, args: unknown[]) => {
    const outcome = (await stub.call(sessionId, method, args)) as Outcome;
    outcome.costs.forEach(onQuery);
    if ("error" in outcome) throw new DatabaseError(outcome.error.message, outcome.error.code);
    return outcome.value;
  };
  const methods = CHAT_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]);
  return Object.fromEntries(methods) as unknown as ChatSession<UIMessage>;
}

const app = new Hono<Env>();

app.use("/api/*", async (c, next) => {
  const sessionId = c.req.header("X-Session-ID");
  if (!isValidSessionId(sessionId)) {
    return c.json({ error: "X-Session-ID must be a UUID v4" }, 400);
  }
  const stub = c.env.CHAT_SESSIONS.get(c.env.CHAT_SESSIONS.idFromName(sessionId));
  const cost = costLog(c);
  c.set("logCost", cost.log);
  c.set("bookmark", () => null);
  const chat = chatOverRpc(stub, sessionId, cost.onQuery);
  c.set("chat", chat);
  const waitUntil = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
  c.set("replies", durableReplies(chat, stub, sessionId, waitUntil, Number(c.env.REPLY_DELAY_MS ?? 0)));
  await next();
  if (!isStream(c.res)) cost.log();
});

chatRoutes(app);

export default { fetch: app.fetch };
