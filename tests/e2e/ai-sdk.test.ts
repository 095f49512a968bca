// The example's AI SDK route over HTTP under wrangler dev, on D1 or (CHAT_D1_VARIANT=durable) a
// Durable Object per session: the stream read with the AI SDK's own client-side reader, the
// conversation read back equal to what the client holds and valid for `validateUIMessages`, a tool
// result arriving in a later request updating the same message, two storage round trips a turn
// (the cost log), a foreign id refused, a 2.1 MB file part refused before any SQL; a regenerate and
// an edit landing as siblings of what they replace, two round trips each; a reply kept whole when
// the client leaves mid-stream.
import { parseJsonEventStream, readUIMessageStream, type UIMessage, uiMessageChunkSchema, validateUIMessages } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JS modules without type declarations
import { forVariant, startWorker, variant } from "../../scripts/wrangler-dev.mjs";
import { afterCostLines, costLines } from "./cost-lines";

let worker: { url: string; stop: () => Promise<void>; log: () => string };
beforeAll(async () => {
  worker = await startWorker(forVariant());
});
afterAll(async () => {
  await worker?.stop();
});

const headers = (sessionId: string) => ({ "X-Session-ID": sessionId, "Content-Type": "application/json" });

/** POSTs `message` to the AI SDK route (with `extra` fields: `parentId`, `trigger`); the response
 * and the conversation it went to. */
async function post(sessionId: string, message: UIMessage, conversationId?: string, extra: object = {}) {
  const response = await fetch(`${worker.url}/api/ai/chat`, {
    method: "POST",
    headers: headers(sessionId),
    body: JSON.stringify({ conversationId, message, ...extra }),
  });
  return { response, conversationId: response.headers.get("x-conversation-id") ?? conversationId };
}

/** The assistant message the stream builds, read as `useChat` reads it; `message` when continuing one. */
async function readReply(response: Response, message?: UIMessage): Promise<UIMessage> {
  const chunks = parseJsonEventStream({ stream: response.body!, schema: uiMessageChunkSchema }).pipeThrough(
    new TransformStream({
      transform(result, controller) {
        if (!result.success) throw result.error;
        controller.enqueue(result.value);
      },
    }),
  );
  let last: UIMessage | undefined;
  for await (const snapshot of readUIMessageStream({ stream: chunks, message, terminateOnError: true })) last = snapshot;
  return last!;
}

/** The conversation as the API reads it back, through the AI SDK's validation. */
async function readBack(sessionId: string, conversationId: string) {
  const response = await fetch(`${worker.url}/api/conversations/${conversationId}`, { headers: headers(sessionId) });
  const { messages } = (await response.json()) as { messages: UIMessage[] };
  return validateUIMessages({ messages });
}

const user = (text: string): UIMessage => ({ id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] });

describe("POST /api/ai/chat", () => {
  it("streams a tool call and its answer, stores what the client holds, in two round trips", async () => {
    const sessionId = crypto.randomUUID();
    const question = user("What's the weather in Paris?");
    const before = costLines(worker.log()).length;
    const { response, conversationId } = await post(sessionId, question);
    expect(response.status).toBe(200);
    const reply = await readReply(response);
    expect(reply.parts.map((p) => p.type)).toEqual(["step-start", "tool-getWeather", "step-start", "text"]);
    expect(reply.parts[1]).toMatchObject({ state: "output-available", input: { city: "Paris" }, output: { city: "Paris", celsius: 21 } });
    expect(reply.parts[3]).toMatchObject({ text: "It is 21 °C in Paris." });
    const held = await validateUIMessages({ messages: [question, reply] });
    expect(await readBack(sessionId, conversationId!)).toEqual(held);
    const [line] = (await afterCostLines(worker.log, before)).slice(before);
    expect(line).toMatchObject({ request: "POST /api/ai/chat", calls: 2, round_trips: 2 });
  });

  it("takes a tool result in a later request, updating the same message", async () => {
    const sessionId = crypto.randomUUID();
    const question = user("Where am I?");
    const first = await post(sessionId, question);
    const asking = await readReply(first.response);
    expect(asking.parts.at(-1)).toMatchObject({ type: "tool-getLocation", state: "input-available" });
    expect(await readBack(sessionId, first.conversationId!)).toEqual(await validateUIMessages({ messages: [question, asking] }));
    // The browser answers the tool call: the same message, its tool part now with an output.
    const answered: UIMessage = {
      ...asking,
      parts: asking.parts.map((part) => (part.type === "tool-getLocation" ? { ...part, state: "output-available", output: { city: "Lyon" } } : part)) as UIMessage["parts"],
    };
    const second = await post(sessionId, answered, first.conversationId!);
    expect(second.response.status).toBe(200);
    const continued = await readReply(second.response, answered);
    expect(continued.id).toBe(asking.id);
    expect(continued.parts.at(-1)).toMatchObject({ type: "text", text: "You are in Lyon." });
    const stored = await readBack(sessionId, first.conversationId!);
    expect(stored).toEqual(await validateUIMessages({ messages: [question, continued] }));
  });

  it("refuses an id of another session and a 2.1 MB file part, storing nothing", async () => {
    const owner = crypto.randomUUID();
    const taken = user("mine");
    await readReply((await post(owner, taken)).response);
    const stranger = crypto.randomUUID();
    const stolen = await post(stranger, { ...taken, parts: [{ type: "text", text: "now mine" }] });
    // On D1 every session shares one table of messages: the id is taken, and refused. A Durable
    // Object holds one session's messages only, so the stranger's copy lands in its own object.
    expect(stolen.response.status).toBe(variant === "durable" ? 200 : 409);
    if (variant === "durable") await readReply(stolen.response);
    const owners = (await (await fetch(`${worker.url}/api/conversations`, { headers: headers(owner) })).json()) as { conversations: { id: string }[] };
    expect((await readBack(owner, owners.conversations[0]!.id)).map((m) => m.parts)).toEqual([taken.parts, expect.anything()]);
    const file = { type: "file" as const, mediaType: "image/png", url: `data:image/png;base64,${"A".repeat(2_100_000)}` };
    const before = costLines(worker.log()).length;
    const big = await post(stranger, { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: "look" }, file] });
    expect(big.response.status).toBe(400);
    expect(((await big.response.json()) as { error: string }).error).toContain('part 1 (type "file")');
    const [line] = (await afterCostLines(worker.log, before)).slice(before);
    expect(line).toMatchObject({ round_trips: 0 });
    const list = await fetch(`${worker.url}/api/conversations`, { headers: headers(stranger) });
    expect(((await list.json()) as { conversations: unknown[] }).conversations).toHaveLength(variant === "durable" ? 1 : 0);
  });

  it("lands a regenerate and an edit as siblings of what they replace, in two round trips each", async () => {
    const sessionId = crypto.randomUUID();
    const question = user("Hi");
    const first = await post(sessionId, question);
    const conversationId = first.conversationId!;
    const original = await readReply(first.response);
    const raw = async () =>
      ((await (await fetch(`${worker.url}/api/conversations/${conversationId}`, { headers: headers(sessionId) })).json()) as {
        messages: { id: string; siblings: { index: number; count: number; previous: string | null } }[];
      }).messages;
    // Regenerate: the stored question, answered again.
    const before = costLines(worker.log()).length;
    const again = await post(sessionId, question, conversationId, { trigger: "regenerate-message" });
    const regenerated = await readReply(again.response);
    const [line] = (await afterCostLines(worker.log, before)).slice(before);
    expect(line).toMatchObject({ request: "POST /api/ai/chat", calls: 2, round_trips: 2 });
    expect(regenerated.id).not.toBe(original.id);
    expect(await readBack(sessionId, conversationId)).toEqual(await validateUIMessages({ messages: [question, regenerated] }));
    expect((await raw()).map((m) => [m.id, m.siblings.index, m.siblings.count, m.siblings.previous])).toEqual([
      [question.id, 0, 1, null],
      [regenerated.id, 1, 2, original.id],
    ]);
    // Edit the first message: a new first message (parentId null), answered.
    const edited = user("Hello instead");
    const edit = await post(sessionId, edited, conversationId, { parentId: null });
    const answer = await readReply(edit.response);
    expect(answer.parts.at(-1)).toMatchObject({ type: "text", text: "You said: Hello instead" });
    expect((await raw()).map((m) => [m.id, m.siblings.index, m.siblings.count])).toEqual([
      [edited.id, 1, 2],
      [answer.id, 0, 1],
    ]);
  });

  it("keeps the reply when the client leaves mid-stream: reserved by startTurn, finished by the stream's end", async () => {
    const sessionId = crypto.randomUUID();
    const question = user("What's the weather in Paris?");
    const { response, conversationId } = await post(sessionId, question);
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    // The model's stream runs on (`consumeStream` under `waitUntil`) and `onFinish` saves the reply.
    let stored: { role: string; status: string; content: string }[] = [];
    for (let i = 0; i < 40 && stored.at(-1)?.status !== "done"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const read = await fetch(`${worker.url}/api/conversations/${conversationId}`, { headers: headers(sessionId) });
      stored = ((await read.json()) as { messages: typeof stored }).messages;
    }
    expect(stored.map((m) => [m.role, m.status])).toEqual([
      ["user", "done"],
      ["assistant", "done"],
    ]);
    expect(stored[1]!.content).toBe("It is 21 °C in Paris.");
  });
});
