// The request helpers; request.d.ts documents them.
import { isBookmark } from "../pkg/chat_d1.js";

export const BOOKMARK_HEADER = "x-d1-bookmark";

export function openD1Session(db, request, options) {
  const relayed = request.headers.get(BOOKMARK_HEADER);
  if (relayed === null) return db.withSession(options?.constraint ?? "first-unconstrained");
  // Local D1 keeps a made-up bookmark that sorts after its own, and hands it back forever.
  return isBookmark(relayed) ? db.withSession(relayed) : null;
}

export function relayBookmark(session, response) {
  const bookmark = session.getBookmark();
  // No D1 call: no header (an empty one, relayed, would be refused).
  if (!bookmark) return response;
  try {
    response.headers.set(BOOKMARK_HEADER, bookmark);
    return response;
  } catch {
    // Immutable headers (a response from fetch): a copy.
    const copy = new Response(response.body, response);
    copy.headers.set(BOOKMARK_HEADER, bookmark);
    return copy;
  }
}
