// chat-d1 over a D1 session (`env.DB.withSession(...)`) on real local D1, and what local D1 does
// with bookmarks, which decides the package's bookmark check (`isBookmark`).
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BOOKMARK_HEADER, DatabaseClient, isBookmark, openD1Session, type QueryCost, relayBookmark } from "chat-d1";
import { id } from "./helpers";

describe("a D1 session", () => {
  it("carries chat-d1's calls, its bookmark advancing with each write, every one of D1's shape", async () => {
    const session = env.DB.withSession("first-unconstrained");
    expect(session.getBookmark()).toBeNull();
    const costs: QueryCost[] = [];
    const sessionId = id("replica-s");
    const chat = new DatabaseClient(session, { onQuery: (cost) => costs.push(cost) }).forSession(sessionId);
    const seen: string[] = [];
    const conversationId = id("replica-c");
    await chat.startTurn({ conversationId, newConversation: {}, message: { id: id("m"), content: "hi" } });
    seen.push(session.getBookmark()!);
    await chat.addMessage(conversationId, { id: id("r"), role: "assistant", content: "yo" });
    seen.push(session.getBookmark()!);
    const read = env.DB.withSession(seen[1]!);
    const found = await new DatabaseClient(read).forSession(sessionId).getConversation(conversationId);
    expect(found!.messages.map((m) => m.content)).toEqual(["hi", "yo"]);
    seen.push(read.getBookmark()!);
    for (const bookmark of seen) expect(isBookmark(bookmark), bookmark).toBe(true);
    expect([...seen].sort()).toEqual(seen);
    expect(seen[1]! > seen[0]!).toBe(true);
    expect(costs.map((c) => c.served_by_primary)).toEqual([true, true]);
  });

  it("local D1 takes any string as a bookmark, and one that sorts after its own pins the session: hence the example's check", async () => {
    const cases: Array<[string, boolean]> = [["garbage", true], ["x".repeat(64), true], ["00000000-00000001", false]];
    for (const [malformed, pins] of cases) {
      expect(isBookmark(malformed)).toBe(false);
      const session = env.DB.withSession(malformed);
      await new DatabaseClient(session).getOrCreateSession(id("replica-bad"));
      const after = session.getBookmark()!;
      // A write went through. D1 keeps the later of the given string and its own bookmark, as
      // strings: "garbage" sorts after every real bookmark, so the session hands it back forever
      // and a client relaying it would never hold a bookmark covering its writes.
      if (pins) expect(after).toBe(malformed);
      else expect(isBookmark(after)).toBe(true);
    }
  });
});

describe("the request helpers: openD1Session and relayBookmark", () => {
  const request = (bookmark?: string) =>
    new Request("https://chat.example/api", bookmark === undefined ? {} : { headers: { [BOOKMARK_HEADER]: bookmark } });

  it("opens a session from the relayed bookmark, whose reads see the write it names; hands the latest back", async () => {
    expect(BOOKMARK_HEADER).toBe("x-d1-bookmark");
    const first = openD1Session(env.DB, request())!;
    const sessionId = id("helper-s");
    await new DatabaseClient(first).getOrCreateSession(sessionId, { n: 1 });
    const written = relayBookmark(first, new Response("ok")).headers.get(BOOKMARK_HEADER);
    expect(isBookmark(written)).toBe(true);
    const next = openD1Session(env.DB, request(written!))!;
    expect(next.getBookmark()).toBe(written);
    expect((await new DatabaseClient(next).getOrCreateSession(sessionId)).metadata).toEqual({ n: 1 });
    expect(next.getBookmark()! >= written!).toBe(true);
  });

  it("answers null for a header that is not a D1 bookmark, opening no session", () => {
    const opened: string[] = [];
    const db = { withSession: (constraint: string) => opened.push(constraint) };
    for (const malformed of ["", "garbage", "00000000-00000001", "0000000A-00000006-00000000-" + "0".repeat(32)]) {
      expect(openD1Session(db, request(malformed)), malformed).toBeNull();
    }
    expect(opened).toEqual([]);
    openD1Session(db, request());
    openD1Session(db, request(), { constraint: "first-primary" });
    expect(opened).toEqual(["first-unconstrained", "first-primary"]);
  });

  it("sets no header when the session made no D1 call, and copies a response whose headers are immutable", async () => {
    const idle = env.DB.withSession("first-unconstrained");
    const response = new Response("ok");
    expect(relayBookmark(idle, response)).toBe(response);
    expect(response.headers.has(BOOKMARK_HEADER)).toBe(false);
    await new DatabaseClient(idle).listConversations(id("helper-none"));
    const immutable = Response.redirect("https://chat.example/", 302);
    expect(() => immutable.headers.set("x-probe", "1")).toThrow(TypeError);
    const relayed = relayBookmark(idle, immutable);
    expect(relayed).not.toBe(immutable);
    expect(relayed.status).toBe(302);
    expect(relayed.headers.get("location")).toBe("https://chat.example/");
    expect(relayed.headers.get(BOOKMARK_HEADER)).toBe(idle.getBookmark());
  });
});
