// The page's sidebar: the session's conversations, newest first, a page at a time ("Load more"
// follows the API's cursor), the open one marked. On a narrow screen the sidebar is a drawer
// behind the header's menu button, closed again once a conversation is picked, so the thread has
// the whole width.
import { api } from "./api.js";

const $ = (id) => document.getElementById(id);

/** Opens (`true`) or closes the drawer; on a wide screen the class changes nothing. */
export function setMenu(open) {
  document.body.classList.toggle("menu-open", open);
  $("menu").setAttribute("aria-expanded", String(open));
}

/** Wires the sidebar: `onPick(id)` opens a conversation. Returns `load(more)`, which reads the
 * first page again (or, with `more`, the next one under those shown), and `mark(id)`. */
export function sidebar({ onPick }) {
  let cursor = null;
  let current = null;

  $("menu").onclick = () => setMenu(!document.body.classList.contains("menu-open"));
  $("backdrop").onclick = () => setMenu(false);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") setMenu(false);
  });

  /** Marks `id` as the conversation open (null: none). */
  function mark(id) {
    current = id;
    for (const item of $("conversations").children) {
      const on = item.dataset.id === id;
      item.classList.toggle("current", on);
      if (on) item.setAttribute("aria-current", "page");
      else item.removeAttribute("aria-current");
    }
  }

  async function load(more = false) {
    const query = more && cursor ? `?limit=10&cursor=${encodeURIComponent(cursor)}` : "?limit=10";
    const page = await api("GET", `/api/conversations${query}`);
    if (!more) $("conversations").replaceChildren();
    for (const conversation of page.conversations) {
      const item = document.createElement("li");
      // The title as text, whatever it holds; the full title on hover when it is cut.
      item.textContent = conversation.title ?? "(untitled)";
      item.title = item.textContent;
      item.dataset.id = conversation.id;
      item.tabIndex = 0;
      item.onclick = () => onPick(conversation.id);
      item.onkeydown = (event) => {
        if (event.key === "Enter") onPick(conversation.id);
      };
      $("conversations").append(item);
    }
    cursor = page.next_cursor;
    $("more").hidden = cursor === null;
    $("no-conversations").hidden = $("conversations").children.length > 0;
    mark(current);
  }

  $("more").onclick = () => load(true);
  return { load, mark };
}
