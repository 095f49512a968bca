// Types of the chat-d1 package, written by hand to match the contract exactly: the client, its
// errors and helpers here; the objects in models.d.ts, the chat API in chat.d.ts, the request
// helpers (D1 sessions from relayed bookmarks) in request.d.ts.
import type { ClientSession, Conversation, Message, MessageRole } from "./models.js";
import type { ChatSession } from "./chat.js";

export * from "./models.js";
export * from "./chat.js";
export * from "./request.js";

/** The `code` of a `DatabaseError`. */
export type DatabaseErrorCode =
  | "QUERY_ERROR"
  | "INSERT_ERROR"
  | "UPDATE_ERROR"
  | "DELETE_ERROR"
  | "CONSTRAINT_ERROR"
  | "VALIDATION_ERROR"
  | "NOT_FOUND";

/** Every failure of a `DatabaseClient` method rejects with this. */
export declare class DatabaseError extends Error {
  constructor(message: string, code: DatabaseErrorCode, cause?: unknown);
  readonly name: "DatabaseError";
  readonly code: DatabaseErrorCode;
  /** The underlying error (D1's), when there is one. */
  readonly cause?: unknown;
}

/**
 * What the client needs of a D1 binding: a `D1Database`, or a session from
 * `env.DB.withSession(...)`, satisfies it.
 */
export interface D1DatabaseLike {
  prepare(query: string): unknown;
  batch(statements: never[]): Promise<unknown>;
}

/**
 * What the client needs of a SQLite-backed Durable Object's storage: `ctx.storage` satisfies it.
 * Every call runs inside one `transactionSync`.
 */
export interface DurableObjectStorageLike {
  sql: { exec(query: string, ...bindings: never[]): unknown };
  transactionSync<T>(closure: () => T): T;
}

/**
 * Brings a SQLite-backed Durable Object's database to the package's schema: applies, in one
 * transaction, the migrations its `chat_d1_migrations` table does not record (the same generated
 * migrations wrangler applies to D1). Resolves to the names applied, `[]` when up to date. Meant
 * for the object's constructor: `ctx.blockConcurrencyWhile(() => migrate(ctx.storage))`.
 */
export declare function migrate(storage: DurableObjectStorageLike): Promise<string[]>;

/**
 * What one method call cost, given to `onQuery`: summed over the call's D1 round trips from D1's
 * own `meta` (a figure D1 reported nowhere counts 0; the `served_by_*` keys are absent then).
 */
export interface QueryCost {
  /** The method's JS name, e.g. `"startTurn"`. */
  method: string;
  /** `false` when the call rejected (its cost up to the failure is still reported). */
  ok: boolean;
  round_trips: number;
  statements: number;
  rows_read: number;
  rows_written: number;
  /** D1's own time for the statements (`meta.duration`), in ms. */
  duration_ms: number;
  /** The region of the last result that named one (D1 read replication). */
  served_by_region?: string;
  /** `false` when any result came from a read replica. */
  served_by_primary?: boolean;
}

/** `new DatabaseClient(db, options)`'s options. */
export interface DatabaseClientOptions {
  /**
   * Called once for every call of every method of the client and of its `ChatSession`s (not
   * `forSession`, which does no I/O), after the call settles and before its promise does. What it
   * throws is caught and logged with `console.error`; a promise it returns is not awaited.
   */
  onQuery?: ((cost: QueryCost) => void) | undefined;
  /**
   * How long, in ms, a reserved reply may go without a write (its reservation or a checkpoint)
   * before the chat API reads it as `"interrupted"`: an integer from 1 to 86,400,000; 120,000 by
   * default. Checkpoint more often than this.
   */
  staleAfterMs?: number | undefined;
}

/** The chat Worker's data layer over a D1 binding, a D1 session or a Durable Object's storage. Each method is one round trip (session metadata over 2 MB excepted). */
export declare class DatabaseClient {
  constructor(db: D1DatabaseLike | DurableObjectStorageLike, options?: DatabaseClientOptions);
  /** The chat API scoped to one client session; no I/O. Throws `VALIDATION_ERROR` for an id that is not a non-empty string. */
  forSession<UI extends object = object>(sessionId: string): ChatSession<UI>;
  /** Deletes up to `limit` (default 100, at most 1000) sessions inactive since before `before`, oldest first, with all they hold; call until `done`. */
  purgeInactiveSessions(options: { before: string; limit?: number | undefined }): Promise<{ sessions: number; done: boolean }>;
  /**
   * Makes the search index `searchMessages` reads where it is missing, then indexes the next
   * `batchSize` messages (1 to 100,000; 10,000 by default) in one short transaction: call it until
   * `done` (resumable; from then on every write keeps the index in step). `indexed`: how many
   * messages it has read so far. Not a migration: `wrangler d1 export` refuses a database with
   * search (see docs/chat-api.md, Search: backups).
   */
  enableSearch(options?: { batchSize?: number | undefined }): Promise<{ indexed: number; done: boolean }>;
  /** Drops the search index, its triggers and its progress; messages are untouched. */
  disableSearch(): Promise<void>;
  /** Returns the session, creating it (with `metadata`) when new; otherwise moves `last_activity`. */
  getOrCreateSession(sessionId: string, metadata?: Record<string, unknown>): Promise<ClientSession>;
  /** Creates a conversation; a missing or empty title is stored as `null`. */
  createConversation(id: string, sessionId: string, title?: string): Promise<Conversation>;
  /** Stores a message and moves the conversation's `updated_at` to its time, atomically. */
  createMessage(
    id: string,
    conversationId: string,
    role: MessageRole,
    content: string,
  ): Promise<Message>;
  /** The session's conversations, most recently updated first; `limit` defaults to 10. */
  listConversations(sessionId: string, limit?: number): Promise<Conversation[]>;
  /** The conversation with its messages oldest first, or `null` when it does not exist. */
  getConversationWithMessages(
    conversationId: string,
  ): Promise<{ conversation: Conversation; messages: Message[] } | null>;
  /** Releases the wasm memory now instead of at garbage collection. */
  free(): void;
}

/** A new random session id (UUID v4). */
export declare function generateSessionId(): string;
/** A new random conversation id (UUID v4). */
export declare function generateConversationId(): string;
/** A new random message id (UUID v4). */
export declare function generateMessageId(): string;
/** True when `value` is a hyphenated UUID v4 string. */
export declare function isValidSessionId(value: unknown): value is string;
/**
 * True when `value` has the shape of a D1 bookmark as D1 hands them out (`00000000-00000006-` ...:
 * groups of 8, 8, 8 and 32 lower-case hex digits). Check a relayed `x-d1-bookmark` with it before
 * `env.DB.withSession(bookmark)`: local D1 takes any string as a bookmark and keeps the later of
 * it and its own, so a made-up one could pin a client to it. Upper case is refused (D1 orders
 * bookmarks as strings).
 */
export declare function isBookmark(value: unknown): value is string;
/** True when `value` is `"user"` or `"assistant"`. */
export declare function isValidMessageRole(value: unknown): value is MessageRole;
