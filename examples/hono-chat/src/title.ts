// A new conversation's title, made from its first message: what a conversation list shows, so
// plain words, not the Markdown a user or a model may have typed.

/** The text's words with Markdown's marks dropped (links keep their text), at most 50 characters;
 * `null` when nothing is left. */
export function titleFrom(text: string): string | null {
  const plain = text
    .replace(/\[([^\]\n]*)\]\([^)\s]*\)/g, "$1")
    .replace(/[`*_~#>|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return plain.slice(0, 50).trim() || null;
}
