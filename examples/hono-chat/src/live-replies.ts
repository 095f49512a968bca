// Replies in flight on the Durable Object variant. The Worker generates the reply as on D1 (kept
// alive by `waitUntil`, checkpointed, finished), and also hands each chunk to the session's object,
// which holds the live text: a client that comes back gets the text so far replayed, then every
// chunk as it is made (on D1 it gets the rest checkpoint by checkpoint). A stop reaches the
// generation through the object: its next chunk is refused, and the reply is stored `stopped` with
// exactly the text streamed.
import type { ChatSession } from "chat-d1";
import { detached, generate, type Replies, type ReplyEvent } from "./replies";

/** A reply being generated, as its object holds it. */
interface Live {
  text: string;
  stopping: boolean;
  readers: Set<(event: ReplyEvent) => void>;
}

/** The replies in flight of one object (one session), by id; the object's RPC methods call it. */
export class LiveReplies {
  private readonly live = new Map<string, Live>();

  /** A chunk of `replyId`, made now; `false` once the reply is stopped. */
  push(replyId: string, text: string): boolean {
    let live = this.live.get(replyId);
    if (!live) this.live.set(replyId, (live = { text: "", stopping: false, readers: new Set() }));
    if (live.stopping) return false;
    live.text += text;
    live.readers.forEach((send) => send({ text }));
    return true;
  }

  /** `replyId` has ended with `status` (stored already). */
  end(replyId: string, status: string) {
    this.live.get(replyId)?.readers.forEach((send) => send({ done: status }));
    this.live.delete(replyId);
  }

  /** The reply from character `from` on: the live text so far then each chunk, or, when it is not
   * live here (finished, not started, or the object restarted), what `chat` has stored. */
  follow(chat: ChatSession, conversationId: string, replyId: string, from: number) {
    return detached(async (send) => {
      const live = this.live.get(replyId);
      if (live) {
        if (live.text.length > from) send({ text: live.text.slice(from) });
        await new Promise<void>((resolve) =>
          live.readers.add((event) => {
            send(event);
            if ("done" in event) resolve();
          }),
        );
        return;
      }
      const page = await chat.getConversation(conversationId, { leafId: replyId, limit: 1 });
      const stored = page?.messages[0];
      if (stored && stored.content.length > from) send({ text: stored.content.slice(from) });
      send({ done: stored?.status ?? "error" });
    }, () => {});
  }

  /** Stops `replyId`: live, its next chunk is refused; else stored `stopped` as it stands. */
  async stop(chat: ChatSession, conversationId: string, replyId: string) {
    const live = this.live.get(replyId);
    if (live) {
      live.stopping = true;
      return;
    }
    const page = await chat.getConversation(conversationId, { leafId: replyId, limit: 1 });
    const stored = page?.messages[0];
    if (stored?.status === "streaming" || stored?.status === "interrupted") {
      await chat.finishReply(conversationId, replyId, { content: stored.content, status: "stopped" });
    }
  }
}

/** What the Worker calls on the session's object for its replies. */
export interface LiveReplyStub {
  pushReply(replyId: string, text: string): Promise<boolean>;
  endReply(replyId: string, status: string): Promise<void>;
  followReply(sessionId: string, conversationId: string, replyId: string, from: number): Promise<ReadableStream<Uint8Array>>;
  stopReply(sessionId: string, conversationId: string, replyId: string): Promise<void>;
}

/** Replies on the Durable Object variant: generated in the Worker through `chat` (RPC to the
 * object), every chunk handed to the object too. */
export function durableReplies(chat: ChatSession, stub: LiveReplyStub, sessionId: string, waitUntil: (p: Promise<unknown>) => void, delayMs: number): Replies {
  return {
    run: (conversationId, replyId, history, onEnd) =>
      detached(async (send) => {
        let status = "error";
        try {
          const sink = {
            chunk: async (text: string) => {
              const going = await stub.pushReply(replyId, text);
              if (going) send({ text });
              return going;
            },
          };
          status = await generate(chat, { conversationId, replyId }, history, delayMs, sink);
        } finally {
          await stub.endReply(replyId, status);
          send({ done: status });
          onEnd();
        }
      }, waitUntil),
    follow: (conversationId, replyId, from) => {
      const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
      const piped = stub.followReply(sessionId, conversationId, replyId, from).then((stream) => stream.pipeTo(writable));
      waitUntil(piped.catch(() => {}));
      return readable;
    },
    stop: (conversationId, replyId) => stub.stopReply(sessionId, conversationId, replyId),
  };
}
