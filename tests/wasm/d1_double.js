// A JS stand-in for a D1 binding, for the browser suite only: it records every round trip (the SQL
// and parameters it receives) and answers with whatever the test scripted, including D1-shaped
// failures and faults a real D1 cannot be made to produce. Database behaviour itself is tested on
// real SQLite (native) and real D1 (workerd), never here.

export class D1Double {
  constructor() {
    /** Every round trip received: { kind: "all" | "batch", statements: [{ sql, params }] }. */
    this.calls = [];
    this.script = [];
  }

  /** The next round trip resolves to D1 results with these rows (one array per statement). */
  answerRows(...rowsPerStatement) {
    this.script.push({ rows: rowsPerStatement });
  }

  /** The next round trip rejects with `error`. */
  answerError(error) {
    this.script.push({ error });
  }

  /** The next `prepare()` throws `error` synchronously. */
  throwOnPrepare(error) {
    this.script.push({ throwOnPrepare: error });
  }

  /** The next round trip resolves to `value` instead of a D1 result. */
  answerMalformed(value) {
    this.script.push({ malformed: value });
  }

  get roundTrips() {
    return this.calls.length;
  }

  prepare(sql) {
    if (this.script[0] && this.script[0].throwOnPrepare) {
      throw this.script.shift().throwOnPrepare;
    }
    const double = this;
    const statement = {
      sql,
      params: [],
      bind(...values) {
        return { ...statement, params: values };
      },
      all() {
        return double.#respond("all", [{ sql: this.sql, params: this.params }]);
      },
    };
    return statement;
  }

  batch(statements) {
    return this.#respond("batch", statements.map(({ sql, params }) => ({ sql, params })));
  }

  #respond(kind, statements) {
    this.calls.push({ kind, statements });
    const next = this.script.shift() ?? { rows: statements.map(() => []) };
    if (next.error) return Promise.reject(next.error);
    if ("malformed" in next) return Promise.resolve(next.malformed);
    const results = next.rows.map((rows) => ({ results: rows, success: true, meta: {} }));
    return Promise.resolve(kind === "all" ? results[0] : results);
  }
}

/** `value instanceof cls`, for assertions from Rust. */
export function isInstance(value, cls) {
  return value instanceof cls;
}

/** A value JSON.stringify cannot handle and `typeof` calls "bigint". */
export function bigInt() {
  return 10n;
}

/** An object whose getter throws when serialized. */
export function throwingGetter() {
  return {
    get boom() {
      throw new Error("getter threw");
    },
  };
}

/** A string with a lone surrogate. */
export function loneSurrogate() {
  return "a\uD800b";
}

/** A Proxy that was revoked: `Array.isArray` and every property access on it throw. */
export function revokedProxy() {
  const { proxy, revoke } = Proxy.revocable([], {});
  revoke();
  return proxy;
}

/** A symbol. */
export function symbol() {
  return Symbol("s");
}
