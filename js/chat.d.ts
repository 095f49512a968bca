// Types of the chat-d1 package: the chat API (`db.forSession(id)`). Written by hand; re-exported by
// index.d.ts, and held to the wasm's exports by tests/worker/types.test.ts.
import type { ChatMessage, ClientSession, Conversation, MessageBody, MessageRole, SavedMessage } from "./models.js";

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

/** One match of `searchMessages`. */
export interface SearchResult<UI extends object = object> {
  /** The message matched, as the chat API reads it (`parent_id`, `siblings`, `status` included). */
  message: ChatMessage & UI;
  /** Its conversation. */
  conversation: Conversation;
  /**
   * Up to 24 words of the message around the match, as HTML: the text escaped, each matched word
   * in `<mark>`, `…` where the text was cut; safe to set as `innerHTML`.
   */
  snippet: string;
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
  /**
   * The session's messages matching `query`, best first (FTS5's bm25 rank, then newest): every word
   * must match (case and Latin accents folded), the last also as a prefix when its last token has
   * 2 letters or more and nothing follows it (search as you type); the user's words are
   * only ever words (quotes, `NEAR`, `*`, `-`, `:` are matched as text). `query`: 1 to 32 words, at
   * most 1000 characters, else `VALIDATION_ERROR`. `limit` 1 to 100 (20 by default); `next_cursor`
   * pages on after the last result (keyset), `null` when nothing follows. Searches what `content`
   * holds (the text of text parts). Needs
   * `db.enableSearch()` (a `QUERY_ERROR` saying so otherwise); one round trip.
   */
  searchMessages(
    query: string,
    options?: { limit?: number | undefined; cursor?: string | null | undefined },
  ): Promise<{ results: SearchResult<UI>[]; next_cursor: string | null }>;
  /** How many `user` messages the session wrote at or after the instant `since` (`toISOString()` shape), for quotas. */
  countMessagesSince(since: string): Promise<number>;
  /** Deletes the session and everything in it; counts what went. */
  erase(): Promise<{ conversations: number; messages: number }>;
  /** Releases the wasm memory now instead of at garbage collection. */
  free(): void;
}
