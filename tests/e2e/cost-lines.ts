// The example's cost log as the end-to-end tests read it: each request's one JSON line of storage
// totals, from the output of `wrangler dev`.

/** A cost line: the request, its status, and its calls' totals. */
export type CostLine = Record<string, number | string>;

/** Every cost line in `log` (wrangler's output), parsed, in order. */
export function costLines(log: string): CostLine[] {
  return log
    .split("\n")
    .map((line) => line.slice(line.indexOf("{")))
    .filter((line) => line.startsWith('{"request"'))
    .map((line) => JSON.parse(line));
}

/**
 * Waits (up to 2 s) until `log()` holds more than `count` cost lines: a stream logs its line once
 * its last event is out, so wrangler may print it just after the client has read the stream.
 */
export async function afterCostLines(log: () => string, count: number): Promise<CostLine[]> {
  for (let i = 0; i < 40 && costLines(log()).length <= count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return costLines(log());
}
