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
