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

/** The `code` of a `DatabaseError`. */
export type DatabaseErrorCode =
  | "QUERY_ERROR"
  | "INSERT_ERROR"
  | "UPDATE_ERROR"
  | "DELETE_ERROR"
  | "CONSTRAINT_ERROR"
  | "VALIDATION_ERROR";

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

/** The chat Worker's data layer over one D1 binding. Each method is one D1 round trip. */
export declare class DatabaseClient {
  constructor(db: D1DatabaseLike);
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
