// The demo: a scripted chat against the example Worker under `wrangler dev` on a local D1.
import { chat, get } from "../examples/hono-chat/client/chat-client.mjs";
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
  console.log("Read back through the API (GET /api/conversations, then each one):");
  const { body } = await get(worker.url, sessionId, "/api/conversations");
  for (const conversation of body.conversations) {
    const { body: found } = await get(worker.url, sessionId, `/api/conversations/${conversation.id}`);
    console.log(`\n# ${conversation.title} (updated ${conversation.updated_at})`);
    for (const message of found.messages) {
      console.log(`  ${message.created_at}  ${message.role.padEnd(9)}  ${message.content}`);
    }
  }
} finally {
  await worker.stop();
}
