// Types of the chat-d1 package, written by hand to match the contract exactly.

/** An anonymous client session. */
export interface ClientSession {
  id: string;
  /** ISO 8601 UTC with milliseconds, as `Date.prototype.toISOString()`. */
  created_at: string;
  last_activity: string;
  /** The metadata stored when the session was created; absent when none was. */
  metadata?: Record<string, unknown>;
}

/** A conversation of a session. */
export interface Conversation {
  id: string;
  session_id: string;
  title: string | null;
  created_at: string;
  updated_at: string;
}

/** Who wrote a message. */
export type MessageRole = "user" | "assistant";

/** A message of a conversation. */
export interface Message {
  id: string;
  conversation_id: string;
  role: MessageRole;
  content: string;
  created_at: string;
}

/**
 * A message as the chat API returns it: a `Message` and, when `addMessage` stored one, its
 * `metadata` (absent otherwise). Needs migration 0002.
 */
export interface ChatMessage extends Message {
  /** What the app recorded with the message (the model, token usage, finish reason...). */
  metadata?: Record<string, unknown>;
  /**
   * The message's parts as stored (migration 0003): the AI SDK's `UIMessage.parts`, or one text
   * part of `content` for a message stored as text alone. With `id`, `role` and `metadata`, a
   * `ChatMessage` is a structural superset of the AI SDK's `UIMessage`.
   */
  parts: MessagePart[];
  /** The message it answers or follows, `null` for a first message (migration 0004). */
  parent_id: string | null;
  /** Its place among its parent's children, oldest first, and the ids of its neighbours there
   * (for the "< 2 / 3 >" arrows and `selectBranch`); `{ index: 0, count: 1, ... }` when alone. */
  siblings: { index: number; count: number; previous: string | null; next: string | null };
  /** `"done"` for a message not written through a reservation; a reserved reply is `"streaming"`
   * until `finishReply`, `"interrupted"` once its last write is older than `staleAfterMs`. */
  status: MessageStatus;
}

/** A chat API message's `status`. */
export type MessageStatus = "done" | "streaming" | "stopped" | "error" | "interrupted";

/** One part of a message, as the AI SDK's `UIMessage.parts` holds them (`text`, `tool-*`, `file`,
 * ...): chat-d1 checks the shape, not each type's fields, and stores what `JSON.stringify` writes. */
export interface MessagePart {
  type: string;
  [field: string]: unknown;
}

/**
 * A message's body: `content`, or `parts` (then `content` is stored as the text of the text parts,
 * joined by a blank line). Both at once is a `VALIDATION_ERROR`.
 */
export type MessageBody = { content: string; parts?: undefined } | { parts: MessagePart[]; content?: undefined };

/**
 * A message as `saveMessages` takes it: the AI SDK's `UIMessage` (its `system` role refused), or
 * chat-d1's own `ChatMessage` (saved by its parts; the `content` beside them is their text).
 */
export type SavedMessage = { id: string; role: MessageRole; metadata?: Record<string, unknown> | null | undefined } & (
  | { parts: MessagePart[]; content?: string | undefined }
  | { content: string; parts?: undefined }
);

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

/** `ChatSession.startTurn`'s argument: one chat turn, before the model is called. */
export interface TurnInput {
  /** The conversation the message goes to: an existing one of this session, or a new one. */
  conversationId: string;
  /** Create `conversationId` in this same round trip; `CONSTRAINT_ERROR` when it exists. */
  newConversation?: { title?: string | null | undefined } | undefined;
  /** The user's message: `content`, or the AI SDK's `parts`. */
  message: { id: string } & MessageBody;
  /** Stored only when this call creates the session. */
  sessionMetadata?: Record<string, unknown> | undefined;
  /** How many of the newest messages of its branch to return as `history`: 1 to 1000, 50 by default. */
  historyLimit?: number | undefined;
  /**
   * The message's parent: left out, the conversation's active leaf (the usual next turn); a message
   * id of the conversation to branch ("edit and resend": the edited message's parent); `null` for
   * a new first message (the first message edited). `NOT_FOUND` when not in the conversation.
   */
  parentId?: string | null | undefined;
  /**
   * Reserve the assistant's reply in the same round trip: a message `reply.id`, `"streaming"`,
   * empty parts, under the user message, the active leaf. Checkpoint it with `updateReply` and end
   * it with `finishReply`, so a dropped connection loses nothing.
   */
  reply?: { id: string } | undefined;
}

/** What `startTurn` resolves to. */
export interface Turn<UI extends object = object> {
  session: ClientSession;
  /** As stored after this turn's write. */
  conversation: Conversation;
  /** The stored user message. */
  message: ChatMessage & UI;
  /** The newest `historyLimit` messages of its branch, oldest first, ending with `message`. */
  history: (ChatMessage & UI)[];
  /** True when older messages exist beyond `history`. */
  history_truncated: boolean;
  /** The reply reserved with `turn.reply` (absent without one); `history` still ends with `message`. */
  reply?: ChatMessage & UI;
}

/**
 * The chat API of one client session, from `db.forSession(sessionId)`. Every method is one D1
 * round trip, checks its arguments before any SQL (`VALIDATION_ERROR`), and acts only inside the
 * session: another session's conversation behaves exactly like one that does not exist.
 *
 * `UI` names the message shape the app stores in `parts`, e.g. the AI SDK's `UIMessage`: every
 * message read is then `ChatMessage & UIMessage`, and `saveMessages` takes `UIMessage`s (chat-d1
 * checks only the parts' shape; the type is the app's word, as with any generic read).
 */
export declare class ChatSession<UI extends object = object> {
  private constructor();
  /** Creates or touches the session, creates the conversation when asked, stores the user message and reads the history. */
  startTurn(turn: TurnInput): Promise<Turn<UI>>;
  /** Stores a message (typically the assistant's reply), with `metadata` when given (a plain object, at most 2 MB as JSON), under `parentId` (as in `startTurn`; a regenerated reply names its user message), makes it the active leaf and moves the conversation's `updated_at`; `NOT_FOUND` for an unknown or foreign conversation or parent. */
  addMessage(
    conversationId: string,
    message: {
      id: string;
      role: MessageRole;
      metadata?: Record<string, unknown> | null | undefined;
      parentId?: string | null | undefined;
    } & MessageBody,
  ): Promise<ChatMessage & UI>;
  /**
   * Stores what the AI SDK's `onFinish({ messages })` hands over, in one round trip: a new id is
   * inserted (in list order), a stored id of this conversation is updated only where its parts or
   * metadata changed, so saving the whole list every turn writes only what changed. An id stored in
   * another conversation or session is `CONSTRAINT_ERROR` and nothing is written; an unknown or
   * foreign conversation is `NOT_FOUND`. Messages the list leaves out stay as they are. The list
   * is a path: a new message goes under the one listed before it (the first, under the active leaf).
   */
  saveMessages(
    conversationId: string,
    messages: readonly (SavedMessage | UI)[],
  ): Promise<{ inserted: number; updated: number; unchanged: number }>;
  /** Checkpoints a reply still `"streaming"` (reserved by `startTurn({ reply })`): its body as streamed so far, and `metadata` when given; one round trip, one row written. `NOT_FOUND` for a reply not in the conversation, `CONSTRAINT_ERROR` once it is finished. */
  updateReply(
    conversationId: string,
    replyId: string,
    reply: { metadata?: Record<string, unknown> | null | undefined } & MessageBody,
  ): Promise<void>;
  /** Ends a reply still `"streaming"` with its whole body and `status` (`"stopped"`: the user pressed stop); the turn's second round trip. Never changes a finished reply (`CONSTRAINT_ERROR`). */
  finishReply(
    conversationId: string,
    replyId: string,
    reply: { metadata?: Record<string, unknown> | null | undefined; status: "done" | "stopped" | "error" } & MessageBody,
  ): Promise<ChatMessage & UI>;
  /** Sets the title (`undefined`, `null` or `""` clears it); `updated_at` is unchanged. `NOT_FOUND` for an unknown or foreign conversation. */
  renameConversation(conversationId: string, title?: string | null | undefined): Promise<Conversation>;
  /** Deletes the conversation with all its messages; `false` when there was nothing of this session's to delete. */
  deleteConversation(conversationId: string): Promise<boolean>;
  /** Deletes `messageId`'s descendants, every branch below it (without branches: every message after it), and makes it the active leaf; resolves to how many went. */
  deleteMessagesAfter(conversationId: string, messageId: string): Promise<number>;
  /** Makes the newest leaf under `messageId` the active leaf (the arrows between siblings); `NOT_FOUND` when the message is not in the conversation. */
  selectBranch(conversationId: string, messageId: string): Promise<Conversation>;
  /** Copies the path from the first message to `messageId` into the new conversation `options.conversationId` of this session (fresh ids; order, parts and metadata kept; the title the source's unless given), in one round trip. */
  forkConversation(
    conversationId: string,
    messageId: string,
    options: { conversationId: string; title?: string | null | undefined },
  ): Promise<{ conversation: Conversation; messages: number }>;
  /** One page of the session's conversations, most recently updated first: `limit` 1 to 100 (20 by default); `next_cursor` is `null` on the last page. */
  listConversations(options?: { limit?: number | undefined; cursor?: string | null | undefined }): Promise<{ conversations: Conversation[]; next_cursor: string | null }>;
  /** The conversation and one page of a branch of its messages (the newest `limit`, 1 to 1000, 50 by default, of the active branch, or of the one ending at `leafId`, or above the cursor `before`), oldest first; `null` for an unknown or foreign conversation, `NOT_FOUND` for a `leafId` not in it. */
  getConversation(
    conversationId: string,
    options?: { limit?: number | undefined; before?: string | null | undefined; leafId?: string | undefined },
  ): Promise<{ conversation: Conversation; messages: (ChatMessage & UI)[]; next_cursor: string | null } | null>;
  /** How many `user` messages the session wrote at or after the instant `since` (`toISOString()` shape), for quotas. */
  countMessagesSince(since: string): Promise<number>;
  /** Deletes the session and everything in it; counts what went. */
  erase(): Promise<{ conversations: number; messages: number }>;
  /** Releases the wasm memory now instead of at garbage collection. */
  free(): void;
}

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
/** True when `value` is `"user"` or `"assistant"`. */
export declare function isValidMessageRole(value: unknown): value is MessageRole;
