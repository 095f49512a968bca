// Types of the request helpers (js/request.js): a D1 session from the bookmark a request relays,
// and the session's bookmark handed back on the response.

/** The request and response header that carries a D1 bookmark: `"x-d1-bookmark"`. */
export declare const BOOKMARK_HEADER: "x-d1-bookmark";

/** What `openD1Session` needs of a D1 binding: `env.DB` satisfies it. */
export interface D1SessionsLike<Session> {
  withSession(constraintOrBookmark: string): Session;
}

/**
 * The D1 session for `request`: from the bookmark it relays in `x-d1-bookmark`, or, without one,
 * from `options.constraint` (`"first-unconstrained"` by default: any replica). `null` when the
 * header is there but is not a D1 bookmark (`isBookmark`): answer 400 then.
 */
export declare function openD1Session<Session>(
  db: D1SessionsLike<Session>,
  request: { headers: { get(name: string): string | null } },
  options?: { constraint?: "first-unconstrained" | "first-primary" | undefined },
): Session | null;

/**
 * Sets `x-d1-bookmark` on `response` to `session.getBookmark()` and returns it; a session that made
 * no D1 call has no bookmark, and the response is returned without the header. A response whose
 * headers are immutable (one from `fetch`) is copied first, and the copy returned.
 */
export declare function relayBookmark(session: { getBookmark(): string | null }, response: Response): Response;
