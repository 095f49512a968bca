// Parts and saveMessages on real D1 and on a Durable Object's SQLite: the AI SDK's UIMessage
// parts stored as given and read back on every chat API message, content their text; the whole
// list saved each turn writing only what changed (D1's own rows_written, through onQuery); a
// foreign id refused whole; a 2.1 MB file part refused before any SQL.
import { describe, expect, it } from "vitest";
import { DatabaseClient, type QueryCost } from "chat-d1";
import { ENGINES } from "./engines";
import { rejectsWith } from "./helpers";

const toolCall = {
  type: "tool-getWeather",
  toolCallId: "call-1",
  state: "input-available",
  input: { city: "Paris" },
};

describe.each(ENGINES)("on $name", (engine) => {
  it("stores parts as given, content their text, and reads parts back on every message", async () => {
    await engine.run(async (storage) => {
      const chat = new DatabaseClient(storage.db).forSession("parts-s");
      const parts = [{ type: "text", text: "look at this" }, { type: "file", mediaType: "image/png", url: "https://r2.example/cat.png" }, { type: "text", text: "é 🐱" }];
      const turn = await chat.startTurn({ conversationId: "parts-c", newConversation: {}, message: { id: "p-u1", parts } });
      expect(turn.message.parts).toEqual(parts);
      expect(turn.message.content).toBe("look at this\n\né 🐱");
      const [row] = await storage.rows("SELECT parts, content FROM messages WHERE id = 'p-u1'");
      expect(row!.parts).toBe(JSON.stringify(parts));
      // A message stored with content alone reads as one text part.
      const reply = await chat.addMessage("parts-c", { id: "p-a1", role: "assistant", content: "a cat" });
      expect(reply.parts).toEqual([{ type: "text", text: "a cat" }]);
      const page = await chat.getConversation("parts-c");
      expect(page!.messages.map((m) => m.parts)).toEqual([parts, [{ type: "text", text: "a cat" }]]);
      await rejectsWith(
        chat.addMessage("parts-c", { id: "p-a2", role: "assistant", content: "x", parts: [{ type: "text", text: "x" }] } as never),
        "VALIDATION_ERROR",
        "Failed to add message: message.parts must be given alone",
      );
    });
  });

  it("saves the whole list each turn, writing only what changed; a tool result updates the same message", async () => {
    await engine.run(async (storage) => {
      const costs: QueryCost[] = [];
      const chat = new DatabaseClient(storage.db, { onQuery: (cost) => costs.push(cost) }).forSession("save-s");
      await chat.startTurn({ conversationId: "save-c", newConversation: {}, message: { id: "s-u1", parts: [{ type: "text", text: "weather?" }] } });
      const list = [
        { id: "s-u1", role: "user" as const, parts: [{ type: "text", text: "weather?" }] },
        { id: "s-a1", role: "assistant" as const, parts: [{ type: "step-start" }, toolCall], metadata: { model: "mock" } },
      ];
      expect(await chat.saveMessages("save-c", list)).toEqual({ inserted: 1, updated: 0, unchanged: 1 });
      expect(await chat.saveMessages("save-c", list)).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
      const [second] = costs.slice(-1);
      expect(second).toMatchObject({ method: "saveMessages", ok: true, round_trips: 1, rows_written: 0 });
      const answered = { ...toolCall, state: "output-available", output: { celsius: 21 } };
      const later = [list[0]!, { ...list[1]!, parts: [{ type: "step-start" }, answered, { type: "text", text: "21 °C" }] }];
      expect(await chat.saveMessages("save-c", later)).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
      const page = await chat.getConversation("save-c");
      expect(page!.messages.map((m) => m.id)).toEqual(["s-u1", "s-a1"]);
      expect(page!.messages[1]!.parts).toEqual(later[1]!.parts);
      expect(page!.messages[1]!.content).toBe("21 °C");
      expect(page!.messages[1]!.metadata).toEqual({ model: "mock" });
    });
  });

  it("refuses an id of another conversation or session, and a 2.1 MB part, writing nothing", async () => {
    await engine.run(async (storage) => {
      const costs: QueryCost[] = [];
      const client = new DatabaseClient(storage.db, { onQuery: (cost) => costs.push(cost) });
      await client.forSession("other-s").startTurn({ conversationId: "other-c", newConversation: {}, message: { id: "taken", content: "theirs" } });
      const chat = client.forSession("refuse-s");
      await chat.startTurn({ conversationId: "refuse-c", newConversation: {}, message: { id: "r-u1", content: "hi" } });
      const before = await storage.rows("SELECT * FROM messages ORDER BY id");
      await rejectsWith(
        chat.saveMessages("refuse-c", [
          { id: "r-new", role: "assistant", parts: [{ type: "text", text: "x" }] },
          { id: "taken", role: "assistant", parts: [{ type: "text", text: "mine now" }] },
        ]),
        "CONSTRAINT_ERROR",
        "Failed to save messages: a listed message id is stored in another conversation",
      );
      await rejectsWith(chat.saveMessages("other-c", [{ id: "r-z", role: "user", content: "x" }]), "NOT_FOUND", "Failed to save messages: conversation");
      const file = { type: "file", mediaType: "application/pdf", url: `data:application/pdf;base64,${"A".repeat(2_100_000)}` };
      const refused = await rejectsWith(
        chat.saveMessages("refuse-c", [{ id: "r-f", role: "user", parts: [{ type: "text", text: "see" }, file] }]),
        "VALIDATION_ERROR",
        "Failed to save messages: messages[].parts must be small enough",
      );
      expect(refused.message).toContain('got part 1 (type "file") of');
      expect(refused.message).toContain("R2");
      expect(costs.at(-1)).toMatchObject({ method: "saveMessages", ok: false, round_trips: 0 });
      expect(await storage.rows("SELECT * FROM messages ORDER BY id")).toEqual(before);
    });
  });
});
