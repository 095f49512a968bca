// A minimal client of the example's HTTP API: sends a chat turn and reads the SSE stream as it
// arrives. Used by the demo and the end-to-end tests.

/** Reads `text/event-stream` frames from a fetch Response, yielding `{ event, data }`. */
export async function* readEvents(response) {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const bytes of response.body) {
    buffer += decoder.decode(bytes, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1] ?? "message";
      const data = frame
        .split("\n")
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice(6))
        .join("\n");
      yield { event, data: JSON.parse(data) };
    }
  }
}

/** Reads a streamed reply: the events, the text, and the `start` event's data. */
async function readReply(response, onDelta) {
  const events = [];
  let reply = "";
  let started;
  for await (const event of readEvents(response)) {
    events.push(event);
    if (event.event === "start") started = event.data;
    if (event.event === "delta") {
      reply += event.data.text;
      onDelta(event.data.text);
    }
  }
  return { status: response.status, conversationId: started?.conversationId, reply, events };
}

/**
 * Sends one user message; `onDelta` sees each streamed chunk as it arrives.
 * @returns {Promise<{ status: number, conversationId?: string, reply: string, events: object[], body?: unknown }>}
 */
export async function chat(baseUrl, sessionId, message, { conversationId, onDelta = () => {}, signal } = {}) {
  const response = await fetch(`${baseUrl}/api/chat/stream`, {
    signal,
    method: "POST",
    headers: { "X-Session-ID": sessionId, "Content-Type": "application/json" },
    body: JSON.stringify(conversationId ? { message, conversationId } : { message }),
  });
  if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
    return { status: response.status, reply: "", events: [], body: await response.json() };
  }
  return readReply(response, onDelta);
}

/** Regenerates the last reply of a conversation, streamed like a chat turn. */
export async function regenerate(baseUrl, sessionId, conversationId, { onDelta = () => {} } = {}) {
  const response = await fetch(`${baseUrl}/api/conversations/${conversationId}/regenerate`, {
    method: "POST",
    headers: { "X-Session-ID": sessionId },
  });
  if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
    return { status: response.status, reply: "", events: [], body: await response.json() };
  }
  return readReply(response, onDelta);
}

/** Sends `method` to an API path as the session, with an optional JSON body: `{ status, body }`. */
export async function send(baseUrl, sessionId, method, path, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { "X-Session-ID": sessionId, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** GETs an API path as the given session; resolves to `{ status, body }`. */
export async function get(baseUrl, sessionId, path) {
  const response = await fetch(`${baseUrl}${path}`, { headers: { "X-Session-ID": sessionId } });
  return { status: response.status, body: await response.json() };
}
