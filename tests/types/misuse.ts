// Misuse the package's types must catch, drop-in and chat API alike. Each `@ts-expect-error` fails the check if the line
// below it ever compiles.
import { DatabaseClient, migrate, type Conversation, type ClientSession } from "chat-d1";

export async function misuse(db: DatabaseClient, conversation: Conversation, session: ClientSession) {
  // @ts-expect-error a role outside user/assistant
  await db.createMessage("m", "c", "system", "hi");
  // @ts-expect-error a field Conversation does not have
  console.log(conversation.sessionId);
  // @ts-expect-error title may be null
  conversation.title.toUpperCase();
  // @ts-expect-error metadata may be absent
  console.log(session.metadata.userAgent);
  // @ts-expect-error the limit is a number
  await db.listConversations("s", "10");
  // @ts-expect-error the result may be null
  (await db.getConversationWithMessages("c")).messages;
  // @ts-expect-error not a D1 binding
  new DatabaseClient({});
  const chat = db.forSession("s");
  // @ts-expect-error a turn needs its message
  await chat.startTurn({ conversationId: "c" });
  // @ts-expect-error the user's message has no role: it is the user's
  await chat.startTurn({ conversationId: "c", message: { id: "m", content: "x", role: "user" } });
  // @ts-expect-error addMessage needs a role
  await chat.addMessage("c", { id: "m", content: "x" });
  // @ts-expect-error history is an array of messages
  (await chat.startTurn({ conversationId: "c", message: { id: "m", content: "x" } })).history.content;
  // @ts-expect-error migrate takes a Durable Object's storage, not a D1 binding
  await migrate({} as D1Database);
  // @ts-expect-error onQuery is a function
  new DatabaseClient(db as never, { onQuery: "log" });
  // @ts-expect-error message metadata is an object
  await chat.addMessage("c", { id: "m", role: "assistant", content: "x", metadata: "gpt" });
  // @ts-expect-error a reply's metadata may be absent
  (await chat.addMessage("c", { id: "m", role: "assistant", content: "x" })).metadata.model;
  // @ts-expect-error a message has content or parts, not both
  await chat.addMessage("c", { id: "m", role: "assistant", content: "x", parts: [{ type: "text", text: "x" }] });
  // @ts-expect-error a part has a string type
  await chat.startTurn({ conversationId: "c", message: { id: "m", parts: [{ text: "x" }] } });
  // @ts-expect-error saveMessages takes a list
  await chat.saveMessages("c", { id: "m", role: "user", content: "x" });
  // @ts-expect-error without forSession<T>, a message's parts are only known to have a string type
  const typed: { parts: { type: "text"; text: string }[] }[] = (await chat.startTurn({ conversationId: "c", message: { id: "m", content: "x" } })).history;
  void typed;
}
