// D1's documented limits (Cloudflare D1, Platform > Limits): a string, BLOB or row holds at most
// 2,000,000 bytes. Values past them are refused before any SQL with a message naming the limit;
// the largest row the client accepts is one real D1 stores byte for byte.
import { expect, it } from "vitest";
import { conversation, count, rejectsWith } from "./helpers";

const CREATED_AT_BYTES = "2025-11-14T10:30:00.123Z".length;
const RECORD_HEADER = 9 * 6; // SQLite's worst-case record header for a 5-column row

it("refuses a string over 2,000,000 bytes, naming the argument and the limit", async () => {
  const { client, conversation: conv } = await conversation();
  const error = await rejectsWith(
    client.createMessage("too-long", conv.id, "user", "é".repeat(1_000_001)),
    "VALIDATION_ERROR",
    "Failed to create message: content is 2000002 bytes as UTF-8, over D1's limit of 2000000 bytes",
  );
  expect(error.cause).toBeUndefined();
  expect(await count("messages", "id = ?", "too-long")).toBe(0);
});

it("refuses a row over 2,000,000 bytes and stores the largest row it accepts", async () => {
  const { client, conversation: conv } = await conversation();
  const messageId = "m-limit";
  const others = messageId.length + conv.id.length + "user".length + CREATED_AT_BYTES;
  const fits = "x".repeat(2_000_000 - RECORD_HEADER - others);
  await rejectsWith(
    client.createMessage(messageId, conv.id, "user", `${fits}y`),
    "VALIDATION_ERROR",
    "Failed to create message: the new messages row would be 2000001 bytes, over D1's limit of 2000000 bytes for a row",
  );
  expect(await count("messages", "id = ?", messageId)).toBe(0);
  await client.createMessage(messageId, conv.id, "user", fits);
  const found = await client.getConversationWithMessages(conv.id);
  expect(found!.messages[0]!.content === fits).toBe(true);
});

it("refuses metadata whose JSON is over the limit", async () => {
  const { client } = await conversation();
  await rejectsWith(
    client.getOrCreateSession("big-metadata", { blob: "z".repeat(2_000_000) }),
    "VALIDATION_ERROR",
    "Failed to get or create session: metadata is 2000011 bytes as UTF-8, over D1's limit",
  );
  expect(await count("client_sessions", "id = ?", "big-metadata")).toBe(0);
});
