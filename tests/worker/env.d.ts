declare module "cloudflare:test" {
  interface ProvidedEnv {
    DB: D1Database;
    /** SQLite-backed Durable Objects (test-object.ts), the second backend. */
    OBJECT: DurableObjectNamespace<import("./test-object").ChatObject>;
    /** A database with the old layer's schema, for the differential test. */
    OLD_DB: D1Database;
    TEST_MIGRATIONS: D1Migration[];
    /** The package's down scripts (`migrations-down/`), in file-name order. */
    DOWN_MIGRATIONS: D1Migration[];
    /** What the package's js/index.d.ts declares (tests/worker/declared-types.ts). */
    DECLARED_TYPES: import("./declared-types").DeclaredTypes;
  }
}

/** The package's wasm-bindgen glue (pkg/chat_d1.js), aliased in vitest.config.ts. */
declare module "chat-d1-glue" {
  /** The wasm instance's exports; the entry has already made the instance, so this returns it. */
  export function initSync(module?: unknown): unknown;
}
