// The demo: a scripted chat against the example Worker under `wrangler dev` on a local D1.
import { parseJsonEventStream, readUIMessageStream, uiMessageChunkSchema } from "ai";
import { chat, get, regenerate, send } from "../examples/hono-chat/client/chat-client.mjs";
import { startWorker } from "./wrangler-dev.mjs";

// Two conversations of a few turns; the Worker titles each after its first message.
const conversations = [
  ["I want to visit Lisbon in spring.", "What should I pack?", "Thanks!"],
  ["How do lifetimes work?", "And what about async?"],
];

const worker = await startWorker();
try {
  console.log(`wrangler dev is serving the example on ${worker.url}\n`);
  const sessionId = crypto.randomUUID();
  for (const turns of conversations) {
    let conversationId;
    for (const turn of turns) {
      console.log(`you: ${turn}`);
      process.stdout.write("assistant:");
      const result = await chat(worker.url, sessionId, turn, {
        conversationId,
        onDelta: (text) => process.stdout.write(text),
      });
      process.stdout.write("\n");
      conversationId = result.conversationId;
    }
    console.log();
  }
  console.log("Read back a page at a time (GET /api/conversations?limit=1, following next_cursor):");
  const conversationIds = [];
  let cursor = null;
  do {
    const query = cursor ? `?limit=1&cursor=${cursor}` : "?limit=1";
    const { body } = await get(worker.url, sessionId, `/api/conversations${query}`);
    for (const conversation of body.conversations) {
      conversationIds.push(conversation.id);
      const { body: found } = await get(worker.url, sessionId, `/api/conversations/${conversation.id}`);
      console.log(`\n# ${conversation.title} (updated ${conversation.updated_at})`);
      for (const message of found.messages) {
        console.log(`  ${message.created_at}  ${message.role.padEnd(9)}  ${message.content}`);
      }
    }
    cursor = body.next_cursor;
  } while (cursor);

  const [latest, oldest] = conversationIds;
  console.log(`\nPATCH /api/conversations/${latest}: rename it`);
  const { body: renamed } = await send(worker.url, sessionId, "PATCH", `/api/conversations/${latest}`, { title: "Rust questions" });
  console.log(`  title is now "${renamed.title}"`);
  process.stdout.write(`POST /api/conversations/${latest}/regenerate: a new last reply\n  assistant:`);
  await regenerate(worker.url, sessionId, latest, { onDelta: (text) => process.stdout.write(text) });
  console.log(`\nDELETE /api/conversations/${oldest}: delete the other one`);
  const deleted = await send(worker.url, sessionId, "DELETE", `/api/conversations/${oldest}`);
  const { body: left } = await get(worker.url, sessionId, "/api/conversations");
  console.log(`  ${deleted.status}; ${left.conversations.length} conversation left: "${left.conversations[0].title}"`);

  // The AI SDK route: the AI SDK's UIMessage in, its stream out (a tool call, then the answer),
  // read with the AI SDK's own reader; the reply stored with its parts.
  const question = { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: "What's the weather in Paris?" }] };
  console.log(`\nPOST /api/ai/chat (the AI SDK route): "${question.parts[0].text}"`);
  const response = await fetch(`${worker.url}/api/ai/chat`, {
    method: "POST",
    headers: { "X-Session-ID": sessionId, "Content-Type": "application/json" },
    body: JSON.stringify({ message: question }),
  });
  const chunks = parseJsonEventStream({ stream: response.body, schema: uiMessageChunkSchema }).pipeThrough(
    new TransformStream({ transform: (result, controller) => controller.enqueue(result.value) }),
  );
  let reply;
  for await (const snapshot of readUIMessageStream({ stream: chunks })) reply = snapshot;
  for (const part of reply.parts) {
    if (part.type === "tool-getWeather") console.log(`  tool getWeather(${JSON.stringify(part.input)}) -> ${JSON.stringify(part.output)}`);
    if (part.type === "text") console.log(`  assistant: ${part.text}`);
  }
  const conversationId = response.headers.get("x-conversation-id");
  const { body: stored } = await get(worker.url, sessionId, `/api/conversations/${conversationId}`);
  const types = stored.messages.map((m) => `${m.role}: ${m.parts.map((p) => p.type).join(", ")}`);
  console.log(`  stored: ${types.join(" | ")}`);
} finally {
  await worker.stop();
}
