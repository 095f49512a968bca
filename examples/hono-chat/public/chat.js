// The example page's chat: it speaks the Worker's HTTP API as any client would (see index.html).
// A module the page loads as it is: no build step.
import { searchBox } from "./search.js";

const $ = (id) => document.getElementById(id);
const sessionId = localStorage.sessionId ??= crypto.randomUUID();
const state = { current: null, listCursor: null, olderCursor: null };

// The D1 bookmark of the latest response, relayed with the next request so that reads served
// by a D1 replica see this session's own writes. Kept for the tab's life.
let bookmark = sessionStorage.bookmark;
const remember = (value) => {
  if (value && (!bookmark || value > bookmark)) sessionStorage.bookmark = bookmark = value;
};
async function call(path, { method = "GET", body } = {}) {
  const headers = { "X-Session-ID": sessionId, "Content-Type": "application/json" };
  if (bookmark) headers["x-d1-bookmark"] = bookmark;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  remember(response.headers.get("x-d1-bookmark"));
  // A 400 without a bookmark refused the headers: forget ours rather than send it forever.
  if (response.status === 400 && !response.headers.has("x-d1-bookmark")) {
    delete sessionStorage.bookmark;
    bookmark = undefined;
  }
  return response;
}

async function api(method, path, body) {
  const response = await call(path, { method, body });
  if (!response.ok && response.status !== 204) throw new Error(`${method} ${path}: ${response.status}`);
  return response.status === 204 ? null : response.json();
}

/** A message: its text, and for a stored one its tools: the arrows between its siblings when
 * it has any, edit (user) or regenerate (assistant), fork. */
function messageElement(message) {
  const element = document.createElement("div");
  element.className = `message ${message.role}`;
  const text = document.createElement("span");
  text.className = "text";
  text.textContent = message.content;
  element.append(text);
  if (message.status && message.status !== "done") {
    const status = document.createElement("span");
    status.className = "status";
    status.textContent = `(${message.status})`;
    element.append(status);
  }
  if (!message.id) return element;
  element.dataset.id = message.id;
  const tools = document.createElement("span");
  tools.className = "tools";
  const button = (label, name, action) => {
    const b = document.createElement("button");
    b.textContent = label;
    b.className = name;
    b.onclick = action;
    tools.append(b);
    return b;
  };
  const { index, count, previous, next } = message.siblings ?? { count: 1 };
  if (count > 1) {
    button("‹", "previous", () => showBranch(previous)).disabled = previous === null;
    tools.append(` ${index + 1} / ${count} `);
    button("›", "next", () => showBranch(next)).disabled = next === null;
  }
  if (message.role === "user") button("Edit", "edit", () => edit(message));
  else button("Regenerate", "again", () => regenerate(message.parent_id));
  button("Fork", "fork", () => fork(message.id));
  element.append(tools);
  return element;
}

/** Shows a page of messages (the newest of a branch), replacing what was shown. */
function show(found) {
  $("messages").replaceChildren($("older"), ...found.messages.map(messageElement));
  state.olderCursor = found.next_cursor;
  $("older").hidden = found.next_cursor === null;
}

async function loadConversations(more = false) {
  const query = more && state.listCursor ? `?limit=10&cursor=${state.listCursor}` : "?limit=10";
  const page = await api("GET", `/api/conversations${query}`);
  if (!more) $("conversations").replaceChildren();
  for (const conversation of page.conversations) {
    const item = document.createElement("li");
    item.textContent = conversation.title ?? "(untitled)";
    item.dataset.id = conversation.id;
    item.classList.toggle("current", conversation.id === state.current);
    item.onclick = () => open(conversation.id);
    $("conversations").append(item);
  }
  state.listCursor = page.next_cursor;
  $("more").hidden = page.next_cursor === null;
}

async function open(id, older = false) {
  const query = older ? `?limit=20&before=${state.olderCursor}` : "?limit=20";
  const found = await api("GET", `/api/conversations/${id}${query}`);
  state.current = id;
  history.replaceState(null, "", `#${id}`);
  if (older) {
    $("older").after(...found.messages.map(messageElement));
    state.olderCursor = found.next_cursor;
    $("older").hidden = found.next_cursor === null;
  } else {
    show(found);
  }
  $("title").textContent = found.conversation.title ?? "(untitled)";
  for (const button of ["rename", "regenerate", "delete"]) $(button).hidden = false;
  for (const item of $("conversations").children) item.classList.toggle("current", item.dataset.id === id);
  // A reply still streaming (a reload mid-reply): follow it from where the page has it.
  const last = found.messages.at(-1);
  if (!older && last?.status === "streaming") {
    const element = [...$("messages").querySelectorAll(".message")].at(-1);
    element.querySelector(".status")?.remove();
    const from = last.content.length;
    await streamInto(await call(`/api/conversations/${id}/replies/${last.id}?from=${from}`), element);
  }
}

/** Reads the SSE stream of a reply into `element` (a new assistant message by default) as it
 * arrives, with the stop button shown, then shows the branch as stored (ids, siblings). */
async function streamInto(response, element = messageElement({ role: "assistant", content: "" })) {
  if (!element.isConnected) $("messages").append(element);
  const text = element.querySelector(".text");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  state.reader = reader;
  $("stop").hidden = false;
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ done: true }));
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = JSON.parse(frame.split("\n").find((line) => line.startsWith("data: ")).slice(6));
      if (event === "start") {
        state.current = data.conversationId;
        state.replyId = data.replyId;
        // The URL names the conversation from its first event: a reload picks the reply up.
        history.replaceState(null, "", `#${data.conversationId}`);
      }
      if (event === "delta") text.textContent += data.text;
      if (event === "done") remember(data.bookmark);
    }
  }
  $("stop").hidden = true;
  state.reader = state.replyId = null;
  await open(state.current);
  // How many replies this page has seen through: what a test (or an app) can wait on.
  $("messages").dataset.replies = String(Number($("messages").dataset.replies ?? 0) + 1);
}

/** Sends `text` as a new user message: under the active leaf, or under `parentId` (an edit). */
async function send(text, edit) {
  $("messages").append(messageElement({ role: "user", content: text }));
  const body = { message: text };
  if (state.current) body.conversationId = state.current;
  if (edit) body.parentId = edit.parentId;
  const response = await call("/api/chat/stream", { method: "POST", body });
  await streamInto(response);
  await loadConversations();
  for (const button of ["rename", "regenerate", "delete"]) $(button).hidden = false;
}

/** Edit and resend: the new message is a sibling of the edited one, which stays. */
async function edit(message) {
  const text = prompt("Edit the message", message.content);
  if (!text?.trim()) return;
  const shown = [...$("messages").querySelectorAll(".message")];
  for (const element of shown.slice(shown.findIndex((e) => e.dataset.id === message.id))) element.remove();
  await send(text.trim(), { parentId: message.parent_id });
}

/** Answers the user message `userMessageId` again (the last one when not given). */
async function regenerate(userMessageId) {
  const shown = [...$("messages").querySelectorAll(".message")];
  const from = userMessageId ? shown.findIndex((e) => e.dataset.id === userMessageId) + 1 : shown.length - 1;
  for (const element of shown.slice(from)) if (element.classList.contains("assistant") || userMessageId) element.remove();
  const body = userMessageId ? { messageId: userMessageId } : {};
  const response = await call(`/api/conversations/${state.current}/regenerate`, { method: "POST", body });
  await streamInto(response);
}

/** The arrows: the branch through the sibling `messageId`. */
async function showBranch(messageId) {
  show(await api("POST", `/api/conversations/${state.current}/branch?limit=20`, { messageId }));
}

/** Opens conversation `id` at the message `messageId` (a search result): on its branch (made the
 * active one, as the arrows do), older pages loaded until it is shown, scrolled to and marked. */
async function openAt(id, messageId) {
  await api("POST", `/api/conversations/${id}/branch?limit=1`, { messageId });
  await open(id);
  const shown = () => $("messages").querySelector(`.message[data-id="${CSS.escape(messageId)}"]`);
  while (!shown() && state.olderCursor) await open(id, true);
  shown()?.classList.add("found");
  shown()?.scrollIntoView({ block: "center" });
}

/** A new conversation with the messages up to `messageId`, opened. */
async function fork(messageId) {
  const title = `${$("title").textContent} (fork)`;
  const forked = await api("POST", `/api/conversations/${state.current}/fork`, { messageId, title });
  await loadConversations();
  await open(forked.conversation.id);
}

$("send").onsubmit = async (event) => {
  event.preventDefault();
  const text = $("text").value.trim();
  if (!text) return;
  $("text").value = "";
  await send(text);
};

$("new").onclick = () => {
  state.current = null;
  history.replaceState(null, "", location.pathname);
  $("messages").replaceChildren($("older"));
  $("older").hidden = true;
  $("title").textContent = "New conversation";
  for (const button of ["rename", "regenerate", "delete"]) $(button).hidden = true;
};
$("more").onclick = () => loadConversations(true);
$("older").onclick = () => open(state.current, true);
$("rename").onclick = async () => {
  const title = prompt("New title", $("title").textContent);
  if (title === null) return;
  await api("PATCH", `/api/conversations/${state.current}`, { title });
  $("title").textContent = title || "(untitled)";
  await loadConversations();
};
$("regenerate").onclick = () => regenerate();
// Stop: the reply is stored `stopped` with what was streamed of it.
$("stop").onclick = async () => {
  const { replyId, reader } = state;
  if (!replyId) return;
  await call(`/api/conversations/${state.current}/replies/${replyId}/stop`, { method: "POST" });
  await reader?.cancel();
};
$("delete").onclick = async () => {
  // A conversation deleted is gone with every message and branch in it: ask first.
  if (!confirm(`Delete "${$("title").textContent}" and all its messages?`)) return;
  await api("DELETE", `/api/conversations/${state.current}`);
  $("new").onclick();
  await loadConversations();
};

searchBox({ api, openAt });
await loadConversations();
// The conversation the URL names (a reload, a shared link), picked up where it was.
if (location.hash.length > 1) await open(decodeURIComponent(location.hash.slice(1)));
