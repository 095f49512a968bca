// D1 read replication in the example: each request opens a D1 session from the bookmark the
// client relays (`x-d1-bookmark`), so its reads see at least what its own earlier requests wrote
// even when served by a replica, and hands the session's latest bookmark back.

/** The request and response header that carries a D1 bookmark. */
export const BOOKMARK_HEADER = "x-d1-bookmark";

/**
 * Whether `value` has the shape of a D1 bookmark (`00000000-00000006-00000000-` then 32 hex
 * digits, as D1 hands them out). Local D1 accepts any string as one and keeps the later, as
 * strings, of it and its own: one that sorts after every real bookmark ("garbage") is handed back
 * forever (tests/worker/replicas.test.ts), so relayed back and forth it would pin a client to it.
 * The example answers 400 instead, before opening a D1 session.
 */
export function isBookmark(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/.test(value);
}
