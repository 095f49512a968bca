// A small, safe Markdown renderer for the page's messages: it builds DOM nodes (createElement,
// textContent, text nodes) and never parses message text as HTML, so `<script>` or
// `<img onerror=...>` in a message is shown as the characters it is. No library, no build step
// (the example runs offline). It covers what chat models write: paragraphs, headings, **bold**,
// *italic*, ~~strike~~, `code`, fenced code blocks (language label, copy button), lists, quotes,
// rules, links (http and https only) and bare URLs. Anything else stays plain text.

/** `tag` with `className` and `children` (nodes or strings, strings as text). */
function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

/** `href` when it is an absolute http(s) URL, else null: `javascript:`, `data:` and relative
 * links never become anchors. */
function safeHref(href) {
  try {
    const url = new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A link that opens apart from the page and cannot reach back to it. */
function link(href, text) {
  const safe = safeHref(href);
  if (!safe) return document.createTextNode(text === href ? text : `${text} (${href})`);
  const anchor = el("a", "", text);
  anchor.href = safe;
  anchor.target = "_blank";
  anchor.rel = "noopener noreferrer";
  return anchor;
}

// Inline syntax, first match wins at each position: code spans first (nothing inside them is
// Markdown), then links, strong, emphasis, strike-through, bare URLs.
const INLINE = new RegExp(
  [
    /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/.source, // 1, 2: code span
    /\[([^\]\n]+)\]\(([^()\s]+)\)/.source, // 3, 4: [text](url)
    /\*\*(?=\S)([\s\S]*?\S)\*\*/.source, // 5: **strong**
    /__(?=\S)([\s\S]*?\S)__(?!\w)/.source, // 6: __strong__
    /\*(?=[^\s*])([\s\S]*?[^\s*])\*/.source, // 7: *em*
    /(?<!\w)_(?=[^\s_])([\s\S]*?[^\s_])_(?!\w)/.source, // 8: _em_ (not inside snake_case)
    /~~(?=\S)([\s\S]*?\S)~~/.source, // 9: ~~strike~~
    /(https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"*_])/.source, // 10: bare URL
  ].join("|"),
  "g",
);

/** The inline Markdown of `text` as nodes. */
export function inline(text) {
  const nodes = [];
  let at = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > at) nodes.push(document.createTextNode(text.slice(at, match.index)));
    at = match.index + match[0].length;
    const [, , code, label, href, strong1, strong2, em1, em2, strike, url] = match;
    if (code !== undefined) nodes.push(el("code", "", code.length > 2 && code.startsWith(" ") && code.endsWith(" ") ? code.slice(1, -1) : code));
    else if (label !== undefined) nodes.push(link(href, label));
    else if (strong1 !== undefined || strong2 !== undefined) nodes.push(el("strong", "", ...inline(strong1 ?? strong2)));
    else if (em1 !== undefined || em2 !== undefined) nodes.push(el("em", "", ...inline(em1 ?? em2)));
    else if (strike !== undefined) nodes.push(el("del", "", ...inline(strike)));
    else nodes.push(link(url, url));
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}

/** Copies `text`; the clipboard API needs a secure context (http://127.0.0.1 is one, a LAN
 * address is not), so an off-screen textarea and `execCommand` are the fallback. */
async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el("textarea", "");
    area.value = text;
    area.style.cssText = "position:fixed;top:-100px;opacity:0";
    document.body.append(area);
    area.select();
    const done = document.execCommand("copy");
    area.remove();
    return done;
  }
}

/** A fenced code block: its language on top with a copy button, the code as text. */
function codeBlock(language, code) {
  const button = el("button", "copy", "Copy");
  button.type = "button";
  button.onclick = async () => {
    button.textContent = (await copy(code)) ? "Copied" : "Copy failed";
    setTimeout(() => (button.textContent = "Copy"), 1500);
  };
  const codeNode = el("code", "", code);
  if (language) codeNode.dataset.language = language;
  return el("div", "code-block", el("div", "code-head", el("span", "code-lang", language || "text"), button), el("pre", "", codeNode));
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const ITEM = /^( *)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const RULE = /^ {0,3}([-*_])( *\1){2,}\s*$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;

/** Whether `line` starts a block other than a paragraph (so it ends a paragraph). */
const startsBlock = (line) => FENCE.test(line) || HEADING.test(line) || ITEM.test(line) || RULE.test(line) || QUOTE.test(line);

/** The Markdown `text` as a DocumentFragment. An unclosed fence (a reply still streaming) runs to
 * the end, so code shows as code while it arrives. */
export function markdown(text) {
  const fragment = document.createDocumentFragment();
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    let match;
    if (line.trim() === "") {
      i += 1;
    } else if ((match = FENCE.exec(line))) {
      const [, fence, language] = match;
      const body = [];
      i += 1;
      while (i < lines.length && !(lines[i].trim().startsWith(fence) && lines[i].trim().replaceAll(fence[0], "") === "")) body.push(lines[i++]);
      i += 1;
      fragment.append(codeBlock(language, body.join("\n")));
    } else if ((match = HEADING.exec(line))) {
      fragment.append(el(`h${match[1].length}`, "", ...inline(match[2])));
      i += 1;
    } else if (RULE.test(line)) {
      fragment.append(el("hr", ""));
      i += 1;
    } else if (QUOTE.test(line)) {
      const quoted = [];
      while (i < lines.length && (match = QUOTE.exec(lines[i]))) (quoted.push(match[1]), (i += 1));
      fragment.append(el("blockquote", "", markdown(quoted.join("\n"))));
    } else if ((match = ITEM.exec(line))) {
      i = list(lines, i, fragment);
    } else {
      const paragraph = [];
      while (i < lines.length && lines[i].trim() !== "" && (paragraph.length === 0 || !startsBlock(lines[i]))) paragraph.push(lines[i++]);
      // Single line breaks stay breaks (CSS pre-wrap), as people mean them in a chat.
      fragment.append(el("p", "", ...inline(paragraph.join("\n"))));
    }
  }
  return fragment;
}

/** The list starting at `lines[start]` into `parent`; returns the index after it. Items indented
 * deeper than the list's first one belong to a nested list inside the item before. */
function list(lines, start, parent) {
  const first = ITEM.exec(lines[start]);
  const indent = first[1].length;
  const ordered = /\d/.test(first[2]);
  const node = el(ordered ? "ol" : "ul", "");
  if (ordered && parseInt(first[2], 10) !== 1) node.start = parseInt(first[2], 10);
  let i = start;
  let item = null;
  while (i < lines.length) {
    const line = lines[i];
    const match = ITEM.exec(line);
    if (match && match[1].length === indent && /\d/.test(match[2]) === ordered) {
      item = el("li", "", ...inline(match[3]));
      node.append(item);
      i += 1;
    } else if (match && match[1].length > indent && item) {
      i = list(lines, i, item);
    } else if (line.trim() !== "" && /^\s+/.test(line) && item && !match) {
      // A continuation line of the item above.
      item.append("\n", ...inline(line.trim()));
      i += 1;
    } else {
      break;
    }
  }
  parent.append(node);
  return i;
}
