// The page's search box: the session's messages matching what is typed (searchMessages through
// GET /api/search), each with its conversation's title and a snippet whose matched words are
// marked; a click opens the conversation at the match, on the match's branch.

const $ = (id) => document.getElementById(id);

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };

/** chat-d1's snippet (its text HTML-escaped, the matched words in <mark>) as DOM nodes, built
 * rather than parsed: the page sets no message text as HTML, even text a library escaped. */
export function snippetNodes(snippet) {
  const nodes = [];
  let marked = false;
  for (const piece of snippet.split(/(<mark>|<\/mark>)/)) {
    if (piece === "<mark>" || piece === "</mark>") {
      marked = piece === "<mark>";
      continue;
    }
    if (!piece) continue;
    const text = piece.replace(/&(amp|lt|gt|quot|#39);/g, (_, name) => ENTITIES[name]);
    nodes.push(marked ? Object.assign(document.createElement("mark"), { textContent: text }) : document.createTextNode(text));
  }
  return nodes;
}

/** Wires the search box: `api(method, path)` reads the Worker's API, `openAt(conversationId,
 * messageId)` opens a conversation at a message. */
export function searchBox({ api, openAt }) {
  const input = $("search");
  let timer;
  let cursor = null;
  // The query the results shown answer: "More results" pages on it, not on what is typed since.
  let shown = "";
  let asked = 0;

  /** Shows the results of what is typed (`more`: the next page under those shown). */
  async function run(more = false) {
    // Leading spaces go; a trailing one stays: it tells chat-d1 the last word is typed whole.
    const query = more ? shown : input.value.trimStart();
    const ask = ++asked;
    if (!query.trim()) {
      $("results").hidden = $("more-results").hidden = true;
      return;
    }
    const page = await api("GET", `/api/search?limit=10&q=${encodeURIComponent(query)}${more ? `&cursor=${cursor}` : ""}`).catch(() => null);
    // An older request answering late is not shown over a newer one.
    if (ask !== asked) return;
    if (!more) $("results").replaceChildren();
    shown = query;
    for (const { message, conversation, snippet } of page?.results ?? []) {
      const item = document.createElement("li");
      const title = document.createElement("strong");
      title.textContent = conversation.title ?? "(untitled)";
      const text = document.createElement("div");
      text.className = "snippet";
      text.append(...snippetNodes(snippet));
      item.append(title, text);
      item.dataset.id = message.id;
      item.onclick = () => openAt(conversation.id, message.id);
      $("results").append(item);
    }
    if (!page) $("results").append(Object.assign(document.createElement("li"), { textContent: "(search failed)" }));
    else if (!more && page.results.length === 0) $("results").append(Object.assign(document.createElement("li"), { textContent: "(no match)" }));
    cursor = page?.next_cursor ?? null;
    $("results").hidden = false;
    $("more-results").hidden = cursor === null;
  }

  input.oninput = () => {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  };
  $("more-results").onclick = () => run(true);
}
