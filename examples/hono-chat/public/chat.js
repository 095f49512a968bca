// The example page's chat: it speaks the Worker's HTTP API as any client would (see index.html).
// Plain ES modules loaded as they are, no build step: api.js (requests, the session, bookmarks),
// markdown.js (safe Markdown), messages.js (a message's parts and actions, scrolling),
// sidebar.js (the conversation list, the drawer), ai-stream.js (the AI SDK route's stream),
// composer.js (the input, the send lock, the error line), search.js (the search box). This file holds what happens: open, send, stream, stop, branches,
// the URL (#/c/<id>, one history entry per conversation opened, so back and forward work).
import { api, call, readEvents, refusal, remember } from "./api.js";
import { applyChunk, location as whereAmI } from "./ai-stream.js";
import { clearError, composer, lock, showError } from "./composer.js";
import { autoScroll, messageElement, renderParts, setText } from "./messages.js";
import { editInPlace } from "./in-place.js";
import { searchBox } from "./search.js";
import { setMenu, sidebar } from "./sidebar.js";

const $ = (id) => document.getElementById(id);
/** The conversation open (null: a new one), the cursor of its older messages, the reply streaming,
 * and how many times the user went somewhere (a read begun before the latest is not shown). */
const state = { current: null, olderCursor: null, streaming: null, view: 0 };
const scroll = autoScroll($("messages"), $("to-bottom"));
const list = sidebar({ onPick: (id) => guard(go)(id) });
const actions = { showBranch: (id) => guard(showBranch)(id), edit: (m) => guard(edit)(m), regenerate: (id) => guard(regenerate)(id), fork: (id) => guard(fork)(id), answer: (m, p) => guard(answer)(m, p) };
const render = (message) => messageElement(message, actions);

/** `action` with its failure shown rather than lost in the console. */
const guard = (action) => (...args) => action(...args).catch(showError);

// The URL: #/c/<id> names the conversation open (the older #<id> is read too).
const inUrl = () => {
  const match = /^#\/c\/(.+)$/.exec(location.hash) ?? /^#([^/].*)$/.exec(location.hash);
  try {
    return match ? decodeURIComponent(match[1]) : null;
  } catch {
    return null; // a hand-made link with a broken %-escape names nothing
  }
};
/** The API path of conversation `id`, then `rest`: ids escaped, whatever the URL held. */
const path = (id, rest = "") => `/api/conversations/${encodeURIComponent(id)}${rest}`;
const urlOf = (id) => (id ? `#/c/${encodeURIComponent(id)}` : location.pathname + location.search);
const setUrl = (id, replace = false) => inUrl() !== id && history[replace ? "replaceState" : "pushState"](null, "", urlOf(id));
/** Opens conversation `id` (null: a new one) as a new history entry, as a click on a link would. */
const go = (id) => (setMenu(false), setUrl(id), route());
/** Shows what the URL names. */
async function route() {
  const id = inUrl();
  if (id === state.current && id) return;
  state.view += 1;
  if (id) await open(id);
  else newChat();
}

/** The header for a conversation titled `title` (undefined: none open). */
function showHeader(title) {
  const open = title !== undefined;
  $("title").textContent = open ? (title ?? "(untitled)") : "New conversation";
  document.title = `${open ? $("title").textContent : "New conversation"} · chat-d1`;
  for (const button of ["rename", "regenerate", "delete"]) $(button).hidden = !open;
}

/** Lets the reply streaming go on without this view (the user went to another conversation);
 * it goes on on the server, and the conversation shows it when opened again. */
function leave() {
  if (!state.streaming) return;
  state.streaming.detached = true;
  state.streaming.controller.abort();
}

function newChat() {
  leave();
  state.view += 1;
  state.current = null;
  $("messages").replaceChildren($("older"));
  $("older").hidden = true;
  $("empty").hidden = false;
  showHeader(undefined);
  list.mark(null);
  $("text").focus();
}

/** Shows a page of messages (the newest of a branch), replacing what was shown; at the bottom,
 * or (`keep`: the same messages read again) where the reader was. */
function show(found, keep = false) {
  const top = $("messages").scrollTop;
  $("messages").replaceChildren($("older"), ...found.messages.map(render));
  state.olderCursor = found.next_cursor;
  $("older").hidden = found.next_cursor === null;
  $("empty").hidden = true;
  if (!keep) return scroll.pin();
  $("messages").scrollTop = top;
  scroll.follow();
}

/** Opens conversation `id`: its newest page, or (`older`) the page before those shown; `keep`
 * keeps the reader's place. A reply still streaming there (a reload mid-reply) is followed. */
async function open(id, older = false, keep = false) {
  if (!older && state.streaming?.conversationId !== id) leave();
  const query = older ? `?limit=20&before=${encodeURIComponent(state.olderCursor)}` : "?limit=20";
  const view = state.view;
  const found = await api("GET", path(id, query));
  // The user went elsewhere meanwhile (a new conversation, another one): this read is stale.
  if (view !== state.view) return;
  state.current = id;
  if (older) {
    // The reader's place stays where it was while the older messages go in above it.
    const scroller = $("messages");
    const fromBottom = scroller.scrollHeight - scroller.scrollTop;
    $("older").after(...found.messages.map(render));
    scroller.scrollTop = scroller.scrollHeight - fromBottom;
    state.olderCursor = found.next_cursor;
    $("older").hidden = found.next_cursor === null;
  } else {
    show(found, keep);
  }
  showHeader(found.conversation.title);
  list.mark(id);
  const last = found.messages.at(-1);
  if (!older && last?.role === "assistant" && last.status === "streaming") {
    const element = $("messages").lastElementChild;
    element.querySelector(".status")?.remove();
    const request = (signal) => call(path(id, `/replies/${encodeURIComponent(last.id)}?from=${last.content.length}`), { signal });
    await streamInto(request, element, { text: last.content, replyId: last.id });
  }
}

/**
 * Streams a reply into `element` (appended to the thread when it is not in it): `request(signal)`
 * makes the request, answered by the Worker's events (`start`, `delta`, `done`), or with `ai` by
 * the AI SDK's chunks into `parts`. Send is locked meanwhile and Stop aborts it. Then the
 * conversation is read again as stored (ids, siblings, status). Rejects when the request is
 * refused, before anything streamed.
 */
async function streamInto(request, element, { text = "", replyId = null, ai = false, parts = [] } = {}) {
  const controller = new AbortController();
  // A read begun before this reply (the last one's, read back) would show the thread without it.
  state.view += 1;
  const streaming = (state.streaming = { controller, replyId, conversationId: state.current, ai, detached: false, stopped: false });
  const textOf = () => [...element.querySelectorAll(".text")].at(-1);
  lock(true);
  try {
    const response = await request(controller.signal);
    if (!response.ok) throw await refusal(response);
    if (ai) streaming.conversationId = state.current = response.headers.get("x-conversation-id") ?? state.current;
    if (!element.isConnected) $("messages").append(element);
    await readEvents(response, (name, data) => {
      if (ai) {
        if (data === "[DONE]") return;
        applyChunk(parts, JSON.parse(data));
        renderParts(element.querySelector(".body"), { role: "assistant", parts });
      } else {
        const event = JSON.parse(data);
        if (name === "start") {
          streaming.conversationId = state.current = event.conversationId;
          streaming.replyId = event.replyId ?? streaming.replyId;
        }
        if (name === "delta") setText(textOf(), (text += event.text), "assistant");
        if (name === "done") remember(event.bookmark);
      }
      // The URL names the conversation from its first event: a reload picks the reply up.
      if (!streaming.detached && streaming.conversationId) setUrl(streaming.conversationId, true);
      element.classList.remove("pending");
      scroll.follow();
    });
  } finally {
    state.streaming = null;
    lock(false);
    element.classList.remove("pending");
  }
  if (streaming.detached) return;
  if (streaming.stopped && ai) {
    // The AI SDK route's stop, like useChat's, only stops reading: the reply goes on and is stored.
    element.append(Object.assign(document.createElement("span"), { className: "status", textContent: "(stopped)" }));
  } else {
    // Read back as stored, the reader left where they were (they may have scrolled up to read).
    await open(streaming.conversationId, false, true);
  }
  // How many replies this page has seen through: what a test (or an app) can wait on.
  $("messages").dataset.replies = String(Number($("messages").dataset.replies ?? 0) + 1);
}

/** Sends `text` as a new user message: under the active leaf, or under `edit.parentId` (an edit
 * and resend). With the tools box ticked, through the AI SDK route. Rejects when refused, leaving
 * the thread as it was. */
async function send(text, edit) {
  if (state.streaming) return;
  clearError();
  const mine = render({ role: "user", content: text });
  const reply = render({ role: "assistant", content: "" });
  reply.classList.add("pending");
  $("messages").append(mine, reply);
  $("empty").hidden = true;
  scroll.pin();
  const ai = $("use-tools").checked;
  const body = ai ? { message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] } } : { message: text };
  if (state.current) body.conversationId = state.current;
  if (edit) body.parentId = edit.parentId;
  try {
    await streamInto((signal) => call(ai ? "/api/ai/chat" : "/api/chat/stream", { method: "POST", body, signal }), reply, { ai });
  } catch (error) {
    mine.remove();
    reply.remove();
    throw error;
  } finally {
    await list.load().catch(showError);
  }
}

/** Answers the browser's tool call `part` of the assistant `message` (the example's
 * `getLocation`): the message goes back with the part's output, and the model goes on. */
async function answer(message, part) {
  const parts = message.parts.map((p) => (p === part ? { ...p, state: "output-available", output: whereAmI() } : p));
  const element = $("messages").querySelector(`.message[data-id="${CSS.escape(message.id)}"]`);
  element?.querySelector(".answer-tool")?.remove();
  const body = { conversationId: state.current, message: { id: message.id, role: "assistant", parts } };
  const target = render({ role: "assistant", parts });
  element?.replaceWith(target);
  await streamInto((signal) => call("/api/ai/chat", { method: "POST", body, signal }), target, { ai: true, parts: structuredClone(parts) });
}

/** Edit and resend: the new message is a sibling of the edited one, which stays. */
async function edit(message) {
  const element = $("messages").querySelector(`.message[data-id="${CSS.escape(message.id)}"] .body`);
  if (!element) return;
  const text = await editInPlace(element, message.content, { multiline: true, label: "Edit the message" });
  if (!text?.trim() || text.trim() === message.content) return;
  const shown = [...$("messages").querySelectorAll(".message")];
  for (const element of shown.slice(shown.findIndex((e) => e.dataset.id === message.id))) element.remove();
  await send(text.trim(), { parentId: message.parent_id });
}

/** Answers the user message `userMessageId` again (the last one when not given). */
async function regenerate(userMessageId) {
  if (state.streaming) return;
  const shown = [...$("messages").querySelectorAll(".message")];
  const from = userMessageId ? shown.findIndex((e) => e.dataset.id === userMessageId) + 1 : shown.length - 1;
  for (const element of shown.slice(from)) if (element.classList.contains("assistant") || userMessageId) element.remove();
  const body = userMessageId ? { messageId: userMessageId } : {};
  const reply = render({ role: "assistant", content: "" });
  reply.classList.add("pending");
  await streamInto((signal) => call(path(state.current, "/regenerate"), { method: "POST", body, signal }), reply);
}

/** The arrows: the branch through the sibling `messageId`. */
async function showBranch(messageId) {
  show(await api("POST", path(state.current, "/branch?limit=20"), { messageId }));
}

/** Opens conversation `id` at the message `messageId` (a search result): on its branch (made the
 * active one, as the arrows do), older pages loaded until it is shown, scrolled to and marked. */
async function openAt(id, messageId) {
  setMenu(false);
  state.view += 1;
  await api("POST", path(id, "/branch?limit=1"), { messageId });
  setUrl(id);
  await open(id);
  const shown = () => $("messages").querySelector(`.message[data-id="${CSS.escape(messageId)}"]`);
  while (!shown() && state.olderCursor) await open(id, true);
  shown()?.classList.add("found");
  shown()?.scrollIntoView({ block: "center" });
}

/** A new conversation with the messages up to `messageId`, opened. */
async function fork(messageId) {
  const title = `${$("title").textContent} (fork)`;
  const forked = await api("POST", path(state.current, "/fork"), { messageId, title });
  await list.load();
  await go(forked.conversation.id);
}

/** Stop: the Worker stores the reply `stopped` with what was streamed, and the reading ends. */
async function stop() {
  const streaming = state.streaming;
  if (!streaming) return;
  streaming.stopped = true;
  if (streaming.replyId && !streaming.ai) {
    await call(path(streaming.conversationId, `/replies/${encodeURIComponent(streaming.replyId)}/stop`), { method: "POST" }).catch(() => {});
  }
  streaming.controller.abort();
}

composer({ send: (text) => send(text), busy: () => state.streaming !== null, stop });

$("new").onclick = () => guard(go)(null);
$("older").onclick = () => guard(open)(state.current, true);
$("rename").onclick = guard(async () => {
  const title = await editInPlace($("title"), $("title").textContent ?? "", { label: "Title" });
  if (title === null) return;
  const renamed = await api("PATCH", path(state.current), { title });
  showHeader(renamed.title);
  await list.load();
});
$("regenerate").onclick = () => guard(regenerate)();
$("delete").onclick = guard(async () => {
  // A conversation deleted is gone with every message and branch in it: ask first.
  if (!confirm(`Delete "${$("title").textContent}" and all its messages?`)) return;
  await api("DELETE", path(state.current));
  await go(null);
  await list.load();
});
// Back and forward: the conversation the URL names.
addEventListener("popstate", () => guard(route)());

searchBox({ api, openAt: (id, messageId) => guard(openAt)(id, messageId) });
guard(() => list.load())();
// The conversation the URL names (a reload, a shared link), picked up where it was. Without one
// the page is a new conversation as loaded: one the user started meanwhile is left alone.
if (inUrl()) await guard(open)(inUrl());
