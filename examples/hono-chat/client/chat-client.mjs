// A minimal client of the example's HTTP API: sends a chat turn and reads the SSE stream as it
// arrives. Used by the demo and the end-to-end tests. It relays D1 bookmarks as a browser client
// should: each session's latest bookmark (from a response's x-d1-bookmark header, or a stream's
// `done` event) goes out with that session's next request, so its reads see its own writes even
// when a D1 replica serves them.

/** Each session's latest D1 bookmark. */
const bookmarks = new Map();

/** The latest bookmark this client holds for `sessionId`, if any. */
export function bookmarkOf(sessionId) {
  return bookmarks.get(sessionId);
}

/** Keeps `bookmark` as `sessionId`'s latest, unless it is empty or older. */
function remember(sessionId, bookmark) {
  const known = bookmarks.get(sessionId);
  // D1 bookmarks compare in order as strings: a later one sorts after an earlier one.
  if (bookmark && (known === undefined || bookmark > known)) bookmarks.set(sessionId, bookmark);
}

/** The headers of a request as `sessionId`; `bookmark` overrides the relayed one (tests). */
function headersFor(sessionId, { bookmark = bookmarks.get(sessionId), json = false } = {}) {
  const headers = { "X-Session-ID": sessionId };
  if (bookmark !== undefined) headers["x-d1-bookmark"] = bookmark;
  if (json) headers["Content-Type"] = "application/json";
  return headers;
}

/** `fetch` as `sessionId`, remembering the bookmark the response carries. */
async function request(sessionId, url, { method = "GET", body, bookmark, signal } = {}) {
  const response = await fetch(url, {
    method,
    signal,
    headers: headersFor(sessionId, { bookmark, json: body !== undefined }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  remember(sessionId, response.headers.get("x-d1-bookmark"));
  // Every answer past the Worker's header checks carries a bookmark; a 400 without one refused the
  // headers. Forget the relayed bookmark then, so that one the Worker does not take (say, a shape
  // it does not know yet) cannot lock the session out of every later request.
  if (response.status === 400 && !response.headers.has("x-d1-bookmark")) bookmarks.delete(sessionId);
  return response;
}

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
async function readReply(sessionId, response, onDelta) {
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
    if (event.event === "done") remember(sessionId, event.data.bookmark);
  }
  const headers = Object.fromEntries(response.headers);
  const done = events.find((event) => event.event === "done")?.data;
  return { status: response.status, conversationId: started?.conversationId, replyId: started?.replyId, reply, events, headers, done };
}

/**
 * Sends one user message; `onDelta` sees each streamed chunk as it arrives.
 * @returns {Promise<{ status: number, conversationId?: string, reply: string, events: object[], body?: unknown }>}
 */
export async function chat(baseUrl, sessionId, message, { conversationId, onDelta = () => {}, signal, bookmark } = {}) {
  const body = conversationId ? { message, conversationId } : { message };
  const response = await request(sessionId, `${baseUrl}/api/chat/stream`, { method: "POST", body, signal, bookmark });
  if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
    const headers = Object.fromEntries(response.headers);
    return { status: response.status, reply: "", events: [], body: await response.json(), headers };
  }
  return readReply(sessionId, response, onDelta);
}

/** Follows the reply `replyId` from character `from` on (a client coming back mid-reply). */
export async function follow(baseUrl, sessionId, conversationId, replyId, from, { onDelta = () => {} } = {}) {
  const response = await request(sessionId, `${baseUrl}/api/conversations/${conversationId}/replies/${replyId}?from=${from}`);
  return readReply(sessionId, response, onDelta);
}

/** Regenerates the last reply of a conversation, streamed like a chat turn. */
export async function regenerate(baseUrl, sessionId, conversationId, { onDelta = () => {} } = {}) {
  const response = await request(sessionId, `${baseUrl}/api/conversations/${conversationId}/regenerate`, { method: "POST" });
  if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
    return { status: response.status, reply: "", events: [], body: await response.json() };
  }
  return readReply(sessionId, response, onDelta);
}

/**
 * Sends `method` to an API path as the session, with an optional JSON body:
 * `{ status, body, headers }`. `options.bookmark` overrides the relayed bookmark.
 */
export async function send(baseUrl, sessionId, method, path, body, options = {}) {
  const response = await request(sessionId, `${baseUrl}${path}`, { method, body, ...options });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: Object.fromEntries(response.headers) };
}

/** GETs an API path as the given session; resolves to `{ status, body, headers }`. */
export async function get(baseUrl, sessionId, path, options = {}) {
  return send(baseUrl, sessionId, "GET", path, undefined, options);
}
