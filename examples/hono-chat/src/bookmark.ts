// D1 read replication in the example: each request opens a D1 session from the bookmark the
// client relays (`x-d1-bookmark`), so its reads see at least what its own earlier requests wrote
// even when served by a replica, and hands the session's latest bookmark back. A relayed value
// is checked with chat-d1's `isBookmark` first: local D1 accepts any string as a bookmark and
// keeps the later, as strings, of it and its own, so one that sorts after every real bookmark
// ("garbage") would be handed back forever (tests/worker/replicas.test.ts); the example answers
// 400 instead, before opening a D1 session.

/** The request and response header that carries a D1 bookmark. */
export const BOOKMARK_HEADER = "x-d1-bookmark";
