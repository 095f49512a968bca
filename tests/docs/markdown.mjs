// Reading markdown as the docs checks need it, in one place: its code blocks (the README's
// snippets and tsconfig), its prose without code, its headings' anchors and its relative links.

/** A code fence's opening line: its indent, its fence (three or more backticks or tildes), its
 * language (the info string's first word). */
const FENCE = /^( *)(`{3,}|~{3,})\s*([^\s`]*)/;

/** The markdown's code blocks, each with its language (the info string's first word, lower case)
 * the line its code starts on and the line of its closing fence (both from 1); indented blocks (in
 * a list) lose their indent. */
export function codeBlocks(markdown) {
  const blocks = [];
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, language] = open;
    // Closed by a line of the same character, at least as long, and nothing else.
    const closes = (line) => line.trim().length >= fence.length && [...line.trim()].every((c) => c === fence[0]);
    let end = i + 1;
    while (end < lines.length && !closes(lines[end])) end++;
    if (end === lines.length) throw new Error(`line ${i + 1}: a code block is never closed`);
    const code = lines.slice(i + 1, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
    blocks.push({ line: i + 2, end: end + 1, language: language.toLowerCase(), code: code.join("\n") });
    i = end;
  }
  return blocks;
}

/** `markdown` with its code blocks' lines blanked: the prose headings and links are read from (a
 * `# comment` in a block is no heading). */
export function withoutCodeBlocks(markdown) {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  for (const { line, end } of codeBlocks(markdown)) lines.fill("", line - 2, end);
  return lines.join("\n");
}

/** GitHub's anchor for a heading: lower case, punctuation but `-` and `_` dropped, spaces to `-`. */
export const slug = (heading) =>
  heading.trim().toLowerCase().replace(/[`*]/g, "").replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");

/** The anchors of the markdown's headings. */
export const anchors = (markdown) =>
  new Set([...withoutCodeBlocks(markdown).matchAll(/^#{1,6} (.*)$/gm)].map((heading) => slug(heading[1])));

/** Each relative link of the markdown (not in code), as `[target, anchor]`; `target` is "" for a
 * link within the page (`#anchor`). */
export const relativeLinks = (markdown) =>
  [...withoutCodeBlocks(markdown).replace(/`[^`\n]*`/g, "").matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => target.split("#"));
