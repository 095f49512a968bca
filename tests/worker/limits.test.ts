// D1's documented limits (Cloudflare D1, Platform > Limits: a string, BLOB or row holds at most
// 2,000,000 bytes) are D1's to enforce, as they were for the old layer: the drop-in methods pass
// values through, and D1 refuses an oversized one before writing anything. Local D1 is laxer than
// deployed D1 (it stores 5 MB, refuses 10 MB), so these tests go past local D1's own limit.
import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { conversation, count, rejectsWith } from "./helpers";

const TOO_BIG = "x".repeat(10_000_000);

it("a message D1 refuses as too big is refused whole: no message, updated_at unchanged", async () => {
  const { client, conversation: conv } = await conversation();
  const error = await rejectsWith(
    client.createMessage("too-big", conv.id, "user", TOO_BIG),
    "INSERT_ERROR",
    "Failed to create message: D1_ERROR: string or blob too big",
  );
  expect(error.cause).toBeInstanceOf(Error);
  expect(await count("messages", "id = ?", "too-big")).toBe(0);
  const stored = await env.DB.prepare("SELECT updated_at FROM conversations WHERE id = ?").bind(conv.id).first();
  expect(stored).toEqual({ updated_at: conv.updated_at });
});

it("a session whose metadata D1 refuses as too big is not created", async () => {
  const { client } = await conversation();
  await rejectsWith(
    client.getOrCreateSession("big-metadata", { blob: TOO_BIG }),
    "QUERY_ERROR",
    "Failed to get or create session: D1_ERROR: string or blob too big",
  );
  expect(await count("client_sessions", "id = ?", "big-metadata")).toBe(0);
});

it("a megabyte-sized message is stored and read back byte for byte", async () => {
  const { client, conversation: conv } = await conversation();
  const content = "ab\u0000c👋'\"--".repeat(100_000);
  await client.createMessage("big", conv.id, "assistant", content);
  const found = await client.getConversationWithMessages(conv.id);
  expect(found!.messages[0]!.content === content).toBe(true);
});
