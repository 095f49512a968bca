// The AI SDK route's stream as the page reads it: POST /api/ai/chat answers with the AI SDK's UI
// message stream (server-sent events, each a JSON chunk, then `[DONE]`). `applyChunk` builds the
// reply's parts from the chunks as `useChat` does, enough to show text, reasoning and tool calls
// while they stream; once the reply is stored, the page shows it as read back.

/** The part of `parts` of `type` with the chunk id `id` (the newest such). */
const find = (parts, type, id) => parts.findLast((part) => part.type === type && part.id === id);

/** The tool part of `parts` for `chunk`'s call, made when the chunk is its first. */
function toolPart(parts, chunk) {
  let part = parts.findLast((p) => p.toolCallId === chunk.toolCallId);
  if (!part) {
    part = { type: chunk.dynamic ? "dynamic-tool" : `tool-${chunk.toolName}`, toolName: chunk.toolName, toolCallId: chunk.toolCallId };
    parts.push(part);
  }
  return part;
}

/** Applies the UI message stream chunk `chunk` to `parts`; throws on an `error` chunk. */
export function applyChunk(parts, chunk) {
  switch (chunk.type) {
    case "start-step":
      parts.push({ type: "step-start" });
      break;
    case "text-start":
    case "reasoning-start":
      parts.push({ type: chunk.type.slice(0, -"-start".length), text: "", id: chunk.id });
      break;
    case "text-delta":
    case "reasoning-delta": {
      const part = find(parts, chunk.type.slice(0, -"-delta".length), chunk.id);
      if (part) part.text += chunk.delta;
      break;
    }
    case "tool-input-start":
      toolPart(parts, chunk).state = "input-streaming";
      break;
    case "tool-input-available":
      Object.assign(toolPart(parts, chunk), { state: "input-available", input: chunk.input });
      break;
    case "tool-output-available":
      Object.assign(toolPart(parts, chunk), { state: "output-available", output: chunk.output });
      break;
    case "tool-output-error":
      Object.assign(toolPart(parts, chunk), { state: "output-error", errorText: chunk.errorText });
      break;
    case "error":
      throw new Error(chunk.errorText ?? "the model failed");
  }
}

/** Where the browser says the user is, for the example's `getLocation` tool: the city of the
 * time zone (no permission prompt, no network), or "somewhere" when the zone names none. */
export function location() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
  const city = zone.includes("/") ? zone.split("/").at(-1).replaceAll("_", " ") : "somewhere";
  return { city };
}
