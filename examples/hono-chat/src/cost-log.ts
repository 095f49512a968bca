// One structured log line per request with what its storage calls cost, summed from chat-d1's
// `onQuery` reports (see docs/replicas-and-costs.md, "What a call costs").
import type { Context } from "hono";
import type { QueryCost } from "chat-d1";
import type { Env } from "./routes";

/** A request's totals: `onQuery` adds each call's cost, `log` prints the line once. */
export function costLog(c: Context<Env>) {
  const totals = { calls: 0, round_trips: 0, statements: 0, rows_read: 0, rows_written: 0, duration_ms: 0, replica_reads: 0 };
  let logged = false;
  return {
    onQuery(cost: QueryCost) {
      totals.calls += 1;
      totals.round_trips += cost.round_trips;
      totals.statements += cost.statements;
      totals.rows_read += cost.rows_read;
      totals.rows_written += cost.rows_written;
      totals.duration_ms += cost.duration_ms;
      if (cost.served_by_primary === false) totals.replica_reads += 1;
    },
    log() {
      if (logged) return;
      logged = true;
      console.log(JSON.stringify({ request: `${c.req.method} ${c.req.path}`, status: c.res.status, ...totals }));
    },
  };
}

/** Whether `response` is a stream, whose line its stream logs when it ends. */
export const isStream = (response: Response) => response.headers.get("content-type")?.startsWith("text/event-stream") ?? false;
