// The assistant: a deterministic local responder, so the example runs offline and its tests can
// assert what was streamed. To use a real model, replace `reply` with a function of the same shape
// that yields the model's streamed text, for example Workers AI:
//
//   export async function* reply(history: Message[], env: Env) {
//     const stream = await env.AI.run(MODEL, { messages: history, stream: true });
//     for await (const chunk of parseSse(stream)) yield chunk.response;
//   }
import type { Message } from "chat-d1";

/** The model `reply` stands for, recorded in each reply's metadata. */
export const ASSISTANT_MODEL = "local-echo";

/** The assistant's answer to the conversation so far, as chunks of text in the order sent, with a
 * pause of `delayMs` before each chunk after the first (a model takes its time). */
export async function* reply(history: readonly Message[], delayMs = 0): AsyncGenerator<string> {
  const last = history.at(-1);
  const userTurns = history.filter((message) => message.role === "user").length;
  const words = `Turn ${userTurns}: you said "${last?.content ?? ""}".`.split(" ");
  for (const [i, word] of words.entries()) {
    if (i > 0 && delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    yield i === 0 ? word : ` ${word}`;
  }
}
