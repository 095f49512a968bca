// Shared set-up for the worker suite: a client over the real D1 binding, and direct reads of what
// D1 holds, so tests check stored rows rather than only what the client says it stored.
import { env } from "cloudflare:test";
import { DatabaseClient, DatabaseError } from "chat-d1";
import { expect } from "vitest";

export const db = () => new DatabaseClient(env.DB);

let counter = 0;
/** A fresh id, unique within the test file's database. */
export const id = (prefix: string) => `${prefix}-${++counter}-${crypto.randomUUID()}`;

/** The number of rows in `table`, read straight from D1. */
export async function count(table: string, where = "1 = 1", ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`)
    .bind(...params)
    .first<{ n: number }>();
  return row?.n ?? -1;
}

/** Awaits `promise`, expecting a DatabaseError with `code` whose message starts with `prefix`. */
export async function rejectsWith(promise: Promise<unknown>, code: string, prefix: string) {
  const error = await promise.then(
    () => expect.fail("expected a rejection"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseError);
  expect(error).toBeInstanceOf(Error);
  const databaseError = error as DatabaseError;
  expect(databaseError.name).toBe("DatabaseError");
  expect(databaseError.code).toBe(code);
  expect(databaseError.message.startsWith(prefix), databaseError.message).toBe(true);
  return databaseError;
}

/** A session with one conversation, ready for messages. */
export async function conversation() {
  const client = db();
  const session = await client.getOrCreateSession(id("s"));
  const conv = await client.createConversation(id("c"), session.id, "Title");
  return { client, session, conversation: conv };
}
