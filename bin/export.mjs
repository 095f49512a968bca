// `chat-d1 export <DATABASE> --output FILE`: a backup of a database with search enabled, which
// `wrangler d1 export` refuses whole ("cannot export databases with Virtual Tables", workers-sdk
// issue 6305). Exports every table but the search index's with `wrangler d1 export --table`, which
// leaves out indexes, views and triggers, then appends those (but the index's). The file restores
// into an empty database with `wrangler d1 execute <DATABASE> --file FILE`; then `chat-d1 search
// enable <DATABASE>` rebuilds the index.
import { appendFileSync } from "node:fs";
import { disableSearch } from "./search-sql.mjs";
import { execute, runWrangler } from "./wrangler.mjs";

/** Search's own objects (its index, view, triggers and progress), named by the statements that
 * drop them: the restore makes them again. */
const SEARCH_OBJECTS = new Set(disableSearch.map((sql) => sql.split(" ").at(-1)));

export class ExportError extends Error {}

/** The tables SQLite's virtual table modules keep a table's data in (FTS5, FTS3/4, R*Tree). */
const SHADOW_SUFFIXES = ["data", "idx", "content", "docsize", "config", "segments", "segdir", "stat", "node", "parent", "rowid"];

/** Tables that are SQLite's, Cloudflare's, a virtual table's own storage, or search's: never
 * exported. An app's table that merely starts like one (`message_search_log`) is. */
function internal(name, virtualTables) {
  if (name.startsWith("sqlite_") || name.startsWith("_cf_") || SEARCH_OBJECTS.has(name)) return true;
  return virtualTables.some((table) => name === table || SHADOW_SUFFIXES.some((suffix) => name === `${table}_${suffix}`));
}

/**
 * Exports `database` to `output`; returns the lines to print.
 * @param {{ database: string, output: string, wranglerOptions: string[] }} options
 */
export function exportDatabase({ database, output, wranglerOptions }) {
  if (wranglerOptions.some((option) => option.startsWith("--persist-to"))) {
    throw new ExportError(
      "wrangler d1 export takes no --persist-to: run it from the project whose .wrangler/state holds the local database",
    );
  }
  const [objects] = execute(database, wranglerOptions, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid");
  // The search index is chat-d1's (message_search, its view, its triggers, its progress): the
  // restore makes it again. Any other virtual table cannot be exported either.
  const virtualTables = ["message_search", ...objects.filter((o) => o.type === "table" && /^CREATE VIRTUAL TABLE/i.test(o.sql)).map((o) => o.name)];
  const skipped = (name) => internal(name, virtualTables);
  // An app's own indexes, views and triggers go with the backup; search's are made again.
  const tables = objects.filter((o) => o.type === "table" && !skipped(o.name)).map((o) => o.name);
  const others = objects.filter((o) => o.type !== "table" && !SEARCH_OBJECTS.has(o.name) && !skipped(o.tbl_name));
  const run = runWrangler(["d1", "export", database, ...wranglerOptions, "--output", output, ...tables.flatMap((table) => ["--table", table])]);
  if (run.status !== 0) throw new ExportError(`wrangler d1 export failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  // After the data, so that a trigger does not fire as the rows are restored.
  appendFileSync(output, others.map((o) => `${o.sql};\n`).join(""));
  const left = virtualTables.filter((name) => name !== "message_search" && objects.some((o) => o.name === name));
  return [
    `exported ${tables.length} tables (${tables.join(", ")}) and ${others.length} indexes, views and triggers to ${output}`,
    ...(left.length ? [`not exported: the virtual tables ${left.join(", ")} (wrangler cannot export them)`] : []),
    `restore into an empty database: wrangler d1 execute <DATABASE> --file ${output}, then chat-d1 search enable <DATABASE>`,
  ];
}
