// What the benchmark drivers share: the benchmark Worker (bench/src) under `wrangler dev` on fresh
// local D1 databases, a GET of one of its JSON routes, and the median of samples.
import { fileURLToPath } from "node:url";
import { startWorker } from "../scripts/wrangler-dev.mjs";

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Starts the benchmark Worker with fresh local D1 `databases`; besides `startWorker`'s handle, its
 * `json(path)` GETs a route and resolves to its JSON, throwing on a status other than 2xx.
 */
export async function startBenchWorker(databases = ["DB_CHAT_D1", "DB_BASELINE"]) {
  const worker = await startWorker({ dir: fileURLToPath(new URL(".", import.meta.url)), databases });
  const json = async (path) => {
    const response = await fetch(`${worker.url}${path}`);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  return { ...worker, json };
}

/**
 * `rounds` rounds of every flow of `flows` in turn (A B A B ...), after one warm-up call of
 * `warmUp`; `run(flow)` resolves to a sample with `msPerTurn`. Resolves to each flow's milliseconds
 * over the rounds and its last sample (for figures that do not vary between rounds).
 */
export async function alternate(run, flows, warmUp, rounds) {
  const samples = Object.fromEntries(flows.map((flow) => [flow, []]));
  const last = {};
  await run(warmUp);
  for (let round = 0; round < rounds; round++) {
    for (const flow of flows) {
      const result = await run(flow);
      samples[flow].push(result.msPerTurn);
      last[flow] = result;
    }
  }
  return { samples, last };
}
