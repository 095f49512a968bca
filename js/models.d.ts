// Types of the chat-d1 package: the objects its methods return and take. Written by hand to match
// the contract exactly; re-exported by index.d.ts.

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
