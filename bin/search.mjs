// `chat-d1 search enable|disable <DATABASE>`: what `db.enableSearch()` and `db.disableSearch()` do,
// from the command line through `wrangler d1 execute`, with the library's own statements
// (search-sql.mjs, generated). Enabling runs chunk after chunk until every message is indexed:
// each chunk is one short statement that indexes its messages and records them atomically, so the
// command can be stopped and run again at any point.
import { disableSearch, enableSearch } from "./search-sql.mjs";
import { execute } from "./wrangler.mjs";

/** The batch size when none is given: as `enableSearch`'s. */
export const DEFAULT_BATCH_SIZE = 10_000;

/**
 * Enables search on `database` and backfills it; returns the lines to print.
 * @param {{ database: string, wranglerOptions: string[], batchSize?: number, log?: (line: string) => void }} options
 */
export function enable({ database, wranglerOptions, batchSize = DEFAULT_BATCH_SIZE, log = console.log }) {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
    throw new Error(`--batch-size must be an integer from 1 to 100000, got ${batchSize}`);
  }
  refuseHalfDisabled(database, wranglerOptions);
  const started = Date.now();
  for (let calls = 1; ; calls++) {
    const results = execute(database, wranglerOptions, enableSearch(batchSize).join(";\n"));
    const progress = results.at(-1)?.[0];
    if (!progress) throw new Error("wrangler answered without the search progress row");
    const done = progress.indexed_upto === Number.MAX_SAFE_INTEGER;
    log(`indexed ${progress.indexed} messages${done ? "" : ", going on"}`);
    if (done) {
      return [`search enabled on ${database}: ${progress.indexed} messages in ${calls} chunks, ${((Date.now() - started) / 1000).toFixed(1)} s`];
    }
  }
}

/**
 * Refuses to enable search on a database an earlier `search disable` left half done (wrangler may
 * send statements one by one): its progress says messages are indexed while triggers that keep
 * them in step are gone, so enabling on top would trust an index that missed writes. Enabling
 * stopped midway is fine to run again (each of its statements leaves the database sound).
 */
function refuseHalfDisabled(database, wranglerOptions) {
  const [objects] = execute(database, wranglerOptions, "SELECT type, name FROM sqlite_master WHERE name LIKE 'message_search%'");
  if (!objects.some((o) => o.name === "message_search_state")) return;
  const [[state]] = execute(database, wranglerOptions, "SELECT indexed_upto FROM message_search_state");
  const triggers = objects.filter((o) => o.type === "trigger").length;
  const expected = disableSearch.filter((sql) => sql.startsWith("DROP TRIGGER")).length;
  if ((state?.indexed_upto ?? 0) > 0 && triggers < expected) {
    throw new Error(
      `search on ${database} was left half disabled (${triggers} of its ${expected} triggers): run \`chat-d1 search disable ${database}\` again, then enable it`,
    );
  }
}

/** Drops the search index of `database` (messages untouched); returns the lines to print. */
export function disable({ database, wranglerOptions }) {
  execute(database, wranglerOptions, disableSearch.join(";\n"));
  return [`search disabled on ${database}: the index, its triggers and its progress are gone`];
}
