// Counts D1 round trips: each statement run (`all`, `run`, `first`, `raw`) and each `batch`.
// Both layers get the same wrapper, so the count is measured, not assumed. With `delayMs`, each
// round trip also waits that long first: a simulated network distance to D1 (local D1 answers in
// about a millisecond; deployed D1 is a few milliseconds to well over 50 away).

const RUN_METHODS = new Set(["all", "run", "first", "raw"]);

/** A counter shared by one layer's wrapped binding. */
export class RoundTrips {
  count = 0;
  /** Rows written, from D1's own `meta` of each result that carries one (`run`, `all`, `batch`). */
  rowsWritten = 0;
  constructor(readonly delayMs = 0) {}

  /** Counts one round trip, then waits the simulated latency before it goes. */
  async trip<T>(go: () => Promise<T>): Promise<T> {
    this.count++;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const result = await go();
    for (const one of Array.isArray(result) ? result : [result]) {
      const written = (one as { meta?: { rows_written?: number } } | null)?.meta?.rows_written;
      if (typeof written === "number") this.rowsWritten += written;
    }
    return result;
  }
}

/** The real statement behind each counting proxy, so `batch` can hand D1 what it created. */
const underlying = new WeakMap<object, D1PreparedStatement>();

function countStatement(statement: D1PreparedStatement, trips: RoundTrips): D1PreparedStatement {
  const counted = new Proxy(statement, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property === "bind") {
        return (...args: unknown[]) => countStatement(value.apply(target, args), trips);
      }
      if (RUN_METHODS.has(String(property))) {
        return (...args: unknown[]) => trips.trip(() => value.apply(target, args));
      }
      return value.bind(target);
    },
  });
  underlying.set(counted, statement);
  return counted;
}

/** `db` with every round trip counted in `trips`. */
export function countingD1(db: D1Database, trips: RoundTrips): D1Database {
  return new Proxy(db, {
    get(target, property) {
      if (property === "prepare") {
        return (sql: string) => countStatement(target.prepare(sql), trips);
      }
      if (property === "batch") {
        return (statements: D1PreparedStatement[]) =>
          trips.trip(() => target.batch(statements.map((s) => underlying.get(s) ?? s)));
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
