// A real D1 binding with faults injected in front of it: the only faults tests use a stand-in
// for, because a real D1 cannot be made to produce them on demand. Everything that is not a fault
// goes to the real database.

/** The fault to inject, or none. */
export type Fault =
  | { kind: "reject"; error: Error } // the round trip rejects asynchronously, D1 never sees it
  | { kind: "throwOnPrepare"; error: Error } // prepare() throws synchronously
  | { kind: "throwOnBind"; error: Error } // bind() throws synchronously
  | { kind: "malformed"; value: unknown } // the round trip resolves to `value`, D1 never sees it
  | { kind: "malformedAfterWrite"; value: unknown } // D1 runs it, then the answer is `value`
  | { kind: "failNth"; n: number; error: Error } // only the n-th round trip (from 1) rejects
  // D1 runs it, then every result array (rows, and a batch's results) throws `error` when its
  // length, an element or its iterator is read: a JS exception that must not cross the wasm.
  | { kind: "throwingArrays"; on: "length" | "index" | "iterator"; error: Error }
  | { kind: "throwingThen"; error: Error } // the round trip answers a thenable whose `then` throws
  // D1 runs it and answers its real promise, whose `constructor` getter throws: adopting it
  // throws (`Promise.resolve` would throw synchronously, through the wasm).
  | { kind: "throwingConstructor"; error: Error };

/** `array` behind a Proxy that throws `error` on the access `on` names. */
function throwing<T extends object>(array: T, on: "length" | "index" | "iterator", error: Error): T {
  return new Proxy(array, {
    get(target, key, receiver) {
      const hit =
        on === "length" ? key === "length" : on === "iterator" ? key === Symbol.iterator : typeof key === "string" && /^\d+$/.test(key);
      if (hit) throw error;
      return Reflect.get(target, key, receiver);
    },
  });
}

export class FaultyD1 {
  fault: Fault | null = null;
  roundTrips = 0;
  /** What D1 itself answered, round trip by round trip: each result's `meta` (spied, untouched). */
  answered: D1Meta[][] = [];
  private readonly real = new WeakMap<object, D1PreparedStatement>();

  constructor(private readonly db: D1Database) {}

  /** The binding to hand to the client. */
  binding(): D1Database {
    return {
      prepare: (sql: string) => this.prepare(sql),
      batch: (statements: D1PreparedStatement[]) =>
        this.roundTrip(() => this.db.batch(statements.map((s) => this.real.get(s) ?? s))),
    } as unknown as D1Database;
  }

  private prepare(sql: string): D1PreparedStatement {
    if (this.fault?.kind === "throwOnPrepare") throw this.fault.error;
    return this.wrap(this.db.prepare(sql));
  }

  private wrap(statement: D1PreparedStatement): D1PreparedStatement {
    const wrapped = {
      bind: (...values: unknown[]) => {
        if (this.fault?.kind === "throwOnBind") throw this.fault.error;
        return this.wrap(statement.bind(...values));
      },
      all: () => this.roundTrip(() => statement.all()),
    } as unknown as D1PreparedStatement;
    this.real.set(wrapped, statement);
    return wrapped;
  }

  private roundTrip<T>(call: () => Promise<T>): Promise<unknown> {
    this.roundTrips++;
    const fault = this.fault;
    switch (fault?.kind) {
      case "reject":
        return Promise.reject(fault.error);
      case "malformed":
        return Promise.resolve(fault.value);
      case "malformedAfterWrite":
        return call().then(() => fault.value);
      case "failNth":
        return this.roundTrips === fault.n ? Promise.reject(fault.error) : call();
      case "throwingThen":
        return {
          then() {
            throw fault.error;
          },
        } as unknown as Promise<unknown>;
      case "throwingConstructor": {
        const promise = call();
        Object.defineProperty(promise, "constructor", {
          get() {
            throw fault.error;
          },
        });
        return promise;
      }
      case "throwingArrays":
        return call().then((answer) => {
          const hostile = (result: D1Result) => ({ ...result, results: throwing(result.results, fault.on, fault.error) });
          return Array.isArray(answer)
            ? throwing(answer.map(hostile), fault.on, fault.error)
            : hostile(answer as D1Result);
        });
      default:
        return call().then((answer) => {
          const results = (Array.isArray(answer) ? answer : [answer]) as D1Result[];
          this.answered.push(results.map((result) => result.meta));
          return answer;
        });
    }
  }
}

const injected = () => new Error("injected fault");
/**
 * Every fault the suites inject, with whether D1 ran the round trip before the fault struck
 * (`after`: a write is there whole) or not (`before`: nothing changed).
 */
export const FAULTS: Array<[string, () => Fault, "before" | "after"]> = [
  ["rejects asynchronously", () => ({ kind: "reject", error: injected() }), "before"],
  ["throws from prepare()", () => ({ kind: "throwOnPrepare", error: new TypeError("prepare threw") }), "before"],
  ["throws from bind()", () => ({ kind: "throwOnBind", error: new RangeError("bind threw") }), "before"],
  ["fails on its first round trip", () => ({ kind: "failNth", n: 1, error: injected() }), "before"],
  ["answers null", () => ({ kind: "malformed", value: null }), "before"],
  ["answers a result without rows", () => ({ kind: "malformed", value: { results: "not rows" } }), "before"],
  ["answers garbage after D1 ran it", () => ({ kind: "malformedAfterWrite", value: { unexpected: true } }), "after"],
  ["answers arrays whose length throws", () => ({ kind: "throwingArrays", on: "length", error: injected() }), "after"],
  ["answers arrays whose elements throw", () => ({ kind: "throwingArrays", on: "index", error: injected() }), "after"],
  ["answers arrays whose iterator throws", () => ({ kind: "throwingArrays", on: "iterator", error: injected() }), "after"],
  ["answers a thenable whose then throws", () => ({ kind: "throwingThen", error: injected() }), "before"],
  ["answers a promise whose constructor getter throws", () => ({ kind: "throwingConstructor", error: injected() }), "after"],
];
