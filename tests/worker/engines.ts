// The two storage engines chat-d1 runs on, behind one interface, so one suite runs every method on
// both: D1 (the file's local database) and a SQLite-backed Durable Object (a fresh object of
// test-object.ts, migrated by `migrate` in its constructor; the test body runs inside it).
import { env, runInDurableObject } from "cloudflare:test";
import { FaultyD1 } from "./faulty-d1";

/** One engine's storage, as a test body gets it. */
export interface Storage {
  /** What `new DatabaseClient(...)` takes: `env.DB`, or the object's `ctx.storage`. */
  db: D1Database | DurableObjectStorage;
  /** Rows of `sql`, read straight from the engine, not through chat-d1. */
  rows(sql: string, ...params: unknown[]): Promise<Record<string, unknown>[]>;
  /**
   * `db` with its `n`-th statement from now failing with `error`. D1 takes a call's statements in
   * one round trip and runs them whole or not at all, so there the next round trip fails.
   */
  failing(n: number, error: Error): D1Database | DurableObjectStorage;
}

export interface Engine {
  name: string;
  /** Runs `body` on a storage of this engine. */
  run<T>(body: (storage: Storage) => Promise<T>): Promise<T>;
}

const d1: Engine = {
  name: "D1",
  run: (body) =>
    body({
      db: env.DB,
      rows: async (sql, ...params) => (await env.DB.prepare(sql).bind(...params).all()).results,
      failing: (_n, error) => {
        const faulty = new FaultyD1(env.DB);
        faulty.fault = { kind: "failNth", n: 1, error };
        return faulty.binding();
      },
    }),
};

let objects = 0;
const durableObject: Engine = {
  name: "Durable Object",
  run: (body) => {
    const stub = env.OBJECT.get(env.OBJECT.idFromName(`engine-${++objects}-${crypto.randomUUID()}`));
    return runInDurableObject(stub, async (object, state) => {
      await object.migrated;
      const storage = state.storage;
      return body({
        db: storage,
        rows: async (sql, ...params) => storage.sql.exec(sql, ...params).toArray(),
        failing: (n, error) => {
          let statements = 0;
          const exec = (sql: string, ...bindings: unknown[]) => {
            if (++statements === n) throw error;
            return storage.sql.exec(sql, ...bindings);
          };
          return { sql: { exec }, transactionSync: <T>(run: () => T) => storage.transactionSync(run) } as unknown as DurableObjectStorage;
        },
      });
    });
  },
};

/** Both engines, for `describe.each`. */
export const ENGINES: Engine[] = [d1, durableObject];
