// The probe Worker of the migration tests: calls one chat-d1 method per request on the database a
// test built (adopted, or migrated with an app's own migrations) and answers with what it gave, so
// the test asserts on real results from real D1 through the installed package.
//   POST /call { api: "client" | "session", method, args, sessionId? } -> { value } or { error }
//   POST /sql  { sql, params } -> rows read through env.DB (the test's view of the tables)
import { DatabaseClient } from "chat-d1";

interface Env {
  DB: D1Database;
}

/** A rejection as plain JSON: what a handler would read off a DatabaseError, and its cause's message. */
function describe(error: unknown) {
  const e = error as { name?: string; code?: string; message?: string; cause?: { message?: string } };
  return { name: e?.name, code: e?.code, message: e?.message, cause: e?.cause?.message, isError: error instanceof Error };
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (request.method !== "POST") return new Response("probe", { status: 200 });
    const body = (await request.json()) as any;
    if (path === "/sql") {
      const { results } = await env.DB.prepare(body.sql).bind(...(body.params ?? [])).all();
      return Response.json(results);
    }
    if (path !== "/call") return new Response("not found", { status: 404 });
    const client = new DatabaseClient(env.DB);
    const target: any = body.api === "session" ? client.forSession(body.sessionId) : client;
    if (typeof target[body.method] !== "function") return new Response(`no method ${body.method}`, { status: 400 });
    try {
      const value = await target[body.method](...body.args);
      // `undefined` (none of chat-d1's methods resolve to it) would vanish from JSON; say so.
      return Response.json({ value: value === undefined ? "<undefined>" : value });
    } catch (error) {
      return Response.json({ error: describe(error) });
    }
  },
};
