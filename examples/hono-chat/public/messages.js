// How the page shows a message: its parts as the AI SDK's `UIMessage` has them (text as safe
// Markdown for the assistant, as typed for the user; reasoning and tool calls in collapsed
// <details>), its status when it is not `done`, and for a stored message its actions: the arrows
// between siblings, edit or regenerate, fork. Also the thread's scrolling: it follows the newest
// text while a reply streams, unless the reader scrolled up to read.
import { markdown } from "./markdown.js";

/** `tag` with `className` and `children`. */
function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

/** `value` as readable JSON text (shown with textContent, never parsed as HTML). */
const json = (value) => (value === undefined ? "" : JSON.stringify(value, null, 2));

/** Fills `element` (a `.text`) with `text`: Markdown for the assistant, as typed for the user. */
export function setText(element, text, role) {
  if (role === "assistant") element.replaceChildren(markdown(text));
  else element.textContent = text;
}

/** What a tool part's state means to a reader. */
const TOOL_STATES = {
  "input-streaming": "preparing",
  "input-available": "running",
  "approval-requested": "awaiting approval",
  "output-available": "done",
  "output-error": "failed",
  "output-denied": "denied",
};

/** A tool call part (`tool-<name>` or `dynamic-tool`): its name and state in the summary, input
 * and output (or error) inside. `answer` is offered for a call the browser is to answer. */
export function toolElement(part, answer) {
  const name = part.type === "dynamic-tool" ? part.toolName : part.type.slice("tool-".length);
  const state = el("span", "tool-state", TOOL_STATES[part.state] ?? part.state ?? "");
  const details = el("details", "tool", el("summary", "", el("span", "tool-name", name), state));
  details.dataset.state = part.state ?? "";
  details.dataset.tool = name;
  if (part.input !== undefined) details.append(el("div", "tool-label", "Input"), el("pre", "tool-input", json(part.input)));
  if (part.output !== undefined) details.append(el("div", "tool-label", "Output"), el("pre", "tool-output", json(part.output)));
  if (part.errorText) details.append(el("div", "tool-label", "Error"), el("pre", "tool-error", part.errorText));
  if (answer) {
    const button = el("button", "answer-tool", "Share my location");
    button.type = "button";
    button.onclick = () => answer(part);
    details.append(button);
    details.open = true;
  }
  return details;
}

/** Fills `body` with `message`'s parts; `answer(part)` answers a browser tool call. */
export function renderParts(body, message, answer) {
  const parts = Array.isArray(message.parts) ? message.parts : [{ type: "text", text: message.content ?? "" }];
  const nodes = [];
  for (const part of parts) {
    if (part.type === "text") {
      const text = el("div", "text");
      setText(text, part.text ?? "", message.role);
      nodes.push(text);
    } else if (part.type === "reasoning") {
      nodes.push(el("details", "reasoning", el("summary", "", "Reasoning"), el("div", "reasoning-text", markdown(part.text ?? ""))));
    } else if (part.type === "dynamic-tool" || part.type?.startsWith("tool-")) {
      const asks = answer && part.state === "input-available" && part.output === undefined && part.type === "tool-getLocation";
      nodes.push(toolElement(part, asks ? answer : null));
    }
  }
  // A reply reserved and not yet written has no text part: an empty one receives what streams.
  if (!nodes.some((node) => node.classList.contains("text"))) nodes.push(el("div", "text"));
  body.replaceChildren(...nodes);
}

/**
 * A message as an element: its parts, its status, and for a stored message (one with an id) its
 * actions. `actions` has `showBranch(id)`, `edit(message)`, `regenerate(userMessageId)`,
 * `fork(id)` and `answer(message, part)`.
 */
export function messageElement(message, actions) {
  const element = el("div", `message ${message.role}`);
  const body = el("div", "body");
  element.append(body);
  const answer = actions && message.id ? (part) => actions.answer(message, part) : null;
  renderParts(body, message, answer);
  if (message.status && message.status !== "done") element.append(el("span", "status", `(${message.status})`));
  if (!message.id || !actions) return element;
  element.dataset.id = message.id;
  const tools = el("span", "tools");
  const button = (label, name, title, action) => {
    const b = el("button", name, label);
    b.type = "button";
    b.title = title;
    b.onclick = action;
    tools.append(b);
    return b;
  };
  const { index, count, previous, next } = message.siblings ?? { count: 1 };
  if (count > 1) {
    button("‹", "previous", "Previous version", () => actions.showBranch(previous)).disabled = previous === null;
    tools.append(` ${index + 1} / ${count} `);
    button("›", "next", "Next version", () => actions.showBranch(next)).disabled = next === null;
  }
  if (message.role === "user") button("Edit", "edit", "Edit and resend (the original stays)", () => actions.edit(message));
  else button("Regenerate", "again", "Answer again (this reply stays)", () => actions.regenerate(message.parent_id));
  button("Fork", "fork", "New conversation up to here", () => actions.fork(message.id));
  element.append(tools);
  return element;
}

/**
 * Keeps `scroller` at its newest content while it grows, unless the reader scrolled away from the
 * bottom; `button` (shown then) brings them back. `follow()` after each change, `pin()` to go to
 * the bottom whatever the reader did (a conversation opened, a message sent).
 */
export function autoScroll(scroller, button) {
  let pinned = true;
  // Whether the last scroll could be the reader's (a wheel, a touch, a key, the scrollbar): only
  // theirs pins or unpins. Scroll events come a frame late, and one the page caused (content
  // replaced, the input shrinking) must not read as the reader leaving the bottom.
  let byReader = false;
  for (const type of ["touchmove", "pointerdown"]) scroller.addEventListener(type, () => (byReader = true), { passive: true });
  // A wheel or a key up lets go at once: the next chunk must not pull the reader back down.
  const up = () => ((pinned = false), (byReader = true));
  scroller.addEventListener("wheel", (event) => (event.deltaY < 0 ? up() : (byReader = true)), { passive: true });
  scroller.addEventListener("keydown", (event) => (["ArrowUp", "PageUp", "Home"].includes(event.key) ? up() : (byReader = true)));
  const atBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 48;
  const toBottom = () => {
    byReader = false;
    scroller.scrollTop = scroller.scrollHeight;
  };
  scroller.addEventListener("scroll", () => {
    if (byReader) pinned = atBottom();
    button.hidden = pinned || atBottom();
  });
  const pin = () => {
    pinned = true;
    toBottom();
    button.hidden = true;
  };
  button.onclick = pin;
  return {
    pin,
    follow: () => {
      if (pinned) toBottom();
      else button.hidden = atBottom();
    },
  };
}
