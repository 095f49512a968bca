// The AI SDK route's model: a scripted one from the AI SDK's own test helpers, so the example runs
// offline and its tests can assert what was streamed. It answers from the prompt it is given:
// asked about the weather, it calls `getWeather` (run on the server) and answers with the result
// in the next step; asked where the user is, it calls `getLocation`, a tool the browser answers
// in a later request; asked to think, it reasons (a reasoning part) before it answers; anything
// else it repeats. To use a real model, pass one from a provider
// (`workers-ai-provider`, `@ai-sdk/openai`, ...) instead: nothing else changes.
import { jsonSchema, simulateReadableStream, tool } from "ai";
import { MockLanguageModelV4 } from "ai/test";

type Chunk = Record<string, unknown>;
type PromptMessage = { role: string; content: unknown };

const usage = { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } };
const finish = (unified: string): Chunk => ({ type: "finish", finishReason: { unified, raw: unified }, usage });

/** `text` streamed word by word, then the end of the step. */
function answer(text: string): Chunk[] {
  const words = text.split(" ").map((word, i) => ({ type: "text-delta", id: "t", delta: i === 0 ? word : ` ${word}` }));
  return [{ type: "text-start", id: "t" }, ...words, { type: "text-end", id: "t" }, finish("stop")];
}

/** `text` after a reasoning block `thought`, as a model that shows its thinking streams it. */
function reasoned(thought: string, text: string): Chunk[] {
  const reasoning = [{ type: "reasoning-start", id: "r" }, { type: "reasoning-delta", id: "r", delta: thought }, { type: "reasoning-end", id: "r" }];
  return [...reasoning, ...answer(text)];
}

/** A call of `toolName` with `input`, ending the step. */
function call(toolName: string, input: object): Chunk[] {
  const toolCallId = `call-${crypto.randomUUID()}`;
  return [{ type: "tool-call", toolCallId, toolName, input: JSON.stringify(input) }, finish("tool-calls")];
}

/** The text of a prompt message's text parts. */
function textOf(message: PromptMessage | undefined): string {
  const content = message?.content;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part: { type?: string; text?: string }) => (part.type === "text" ? (part.text ?? "") : "")).join("");
}

/** What the model says next, given the conversation so far. */
function script(prompt: PromptMessage[]): Chunk[] {
  const last = prompt.at(-1);
  if (last?.role === "tool") {
    const [result] = last.content as { toolName: string; output: { value: Record<string, unknown> } }[];
    const value = result!.output.value;
    return result!.toolName === "getWeather"
      ? answer(`It is ${String(value.celsius)} °C in ${String(value.city)}.`)
      : answer(`You are in ${String(value.city)}.`);
  }
  const text = textOf(last);
  if (/weather/i.test(text)) return call("getWeather", { city: "Paris" });
  if (/where am i/i.test(text)) return call("getLocation", {});
  if (/\bthink\b/i.test(text)) return reasoned(`The user wants me to think about: ${text}`, `You said: ${text}`);
  return answer(`You said: ${text}`);
}

/** The scripted model: a fresh stream per call, from the prompt alone (a Worker serves many). */
export const scriptedModel = new MockLanguageModelV4({
  modelId: "scripted",
  doStream: async ({ prompt }) => ({
    stream: simulateReadableStream({ chunks: script(prompt as PromptMessage[]) as never[], chunkDelayInMs: 5 }),
  }),
});

/** The tools: the weather runs on the server; the location is the browser's to give. */
export const tools = {
  getWeather: tool({
    description: "The weather in a city.",
    inputSchema: jsonSchema<{ city: string }>({ type: "object", properties: { city: { type: "string" } }, required: ["city"] }),
    execute: async ({ city }) => ({ city, celsius: 21 }),
  }),
  getLocation: tool({
    description: "Where the user is: the browser answers.",
    inputSchema: jsonSchema<Record<string, never>>({ type: "object", properties: {} }),
  }),
};
