// The page's side of the Worker's HTTP API: every request names the anonymous session
// (X-Session-ID, a UUID kept in localStorage) and relays the latest D1 bookmark, so that reads a
// D1 replica serves see this session's own writes. Errors come back as `Error`s carrying the
// Worker's own words, for the page to show.

export const sessionId = (localStorage.sessionId ??= crypto.randomUUID());

// The D1 bookmark of the latest response, relayed with the next request. Kept for the tab's life.
let bookmark = sessionStorage.bookmark;

/** Keeps `value` as the latest bookmark, unless it is empty or older (bookmarks sort in order). */
export function remember(value) {
  if (value && (!bookmark || value > bookmark)) sessionStorage.bookmark = bookmark = value;
}

/** `fetch` of `path` as this session; `signal` aborts it (the stop button). */
export async function call(path, { method = "GET", body, signal } = {}) {
  const headers = { "X-Session-ID": sessionId, "Content-Type": "application/json" };
  if (bookmark) headers["x-d1-bookmark"] = bookmark;
  const response = await fetch(path, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  remember(response.headers.get("x-d1-bookmark"));
  // Refused for the bookmark itself (the Worker names its header): forget it rather than send it
  // forever. Any other 400 (a message too long) leaves a good bookmark alone.
  if (response.status === 400 && !response.headers.has("x-d1-bookmark") && (await refusedFor(response, "x-d1-bookmark"))) {
    delete sessionStorage.bookmark;
    bookmark = undefined;
  }
  return response;
}

/** The Worker's own words for a refused `response` (its JSON body's `error`), or undefined. */
const saidIn = (response) =>
  response
    .json()
    .then((body) => (typeof body?.error === "string" ? body.error : undefined))
    .catch(() => undefined);

/** Whether `response`'s error names `word` (read from a copy: the caller reads the body). */
const refusedFor = async (response, word) => (await saidIn(response.clone()))?.includes(word) ?? false;

/** An `Error` saying why `response` was refused, in the Worker's words when it gave some. */
export async function refusal(response) {
  const error = new Error(`${(await saidIn(response)) ?? response.statusText ?? "request failed"} (${response.status})`);
  error.status = response.status;
  return error;
}

/** A JSON call: the answer's body (null for 204), or an `Error` from `refusal`. */
export async function api(method, path, body) {
  const response = await call(path, { method, body });
  if (!response.ok) throw await refusal(response);
  return response.status === 204 ? null : response.json();
}

/** Reads the server-sent events of `response` as they arrive, calling `onEvent(name, data)` with
 * each event's name (undefined when it has none, as in the AI SDK's stream) and its data as text.
 * Resolves when the stream ends; an abort (the stop button) ends it too. */
export async function readEvents(response, onEvent) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ done: true }));
    if (done) break;
    buffer += value.replace(/\r\n/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = /^event: ?(.*)$/m.exec(frame)?.[1];
      const data = frame.split("\n").filter((line) => line.startsWith("data:")).map((line) => line.slice(5).replace(/^ /, "")).join("\n");
      if (data) onEvent(name, data);
    }
  }
}
