// A new conversation's title, made from its first message: what a conversation list shows, so
// plain words, not the Markdown a user or a model may have typed.

/** The text's words with Markdown's marks dropped (links keep their text; `_` only where it opens
 * or closes a word, so snake_case stays), at most 50 characters; `null` when nothing is left. */
export function titleFrom(text: string): string | null {
  const plain = text
    .replace(/\[([^\]\n]*)\]\([^)\s]*\)/g, "$1")
    .replace(/[`*~#>|]+|(?<!\w)_+|_+(?!\w)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  // Cut between characters, never inside an emoji's surrogate pair: a lone half is refused.
  return Array.from(plain).slice(0, 50).join("").trim() || null;
}
