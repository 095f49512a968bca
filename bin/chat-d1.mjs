#!/usr/bin/env node
// The chat-d1 command: puts the package's D1 migrations into an app's own migrations folder
// (`migrations copy`), takes over a database the old layer made (`adopt`), enables and disables
// search (`search`), and backs up a database with search (`export`). Node built-ins only,
// Node >= 18, so it runs from node_modules/.bin wherever the package is installed.
import { adopt } from "./adopt.mjs";
import { copyMigrations } from "./copy.mjs";
import { exportDatabase } from "./export.mjs";
import { disable, enable } from "./search.mjs";

const USAGE = `Usage:
  chat-d1 migrations copy <dir>
      Copies chat-d1's migrations into your migrations folder <dir> (created if missing), each as
      MMMM_chat-d1-NNNN_name.sql numbered after your latest file; copies only what is new.
  chat-d1 adopt <DATABASE> [--migrations-dir DIR] [--migrations-table NAME] [wrangler options...]
      For a database the old layer made: records chat-d1's first migration as applied without
      running it, so \`wrangler d1 migrations apply\` runs the later ones. <DATABASE> and the
      wrangler options (--local, --remote, --persist-to X, --config Y, --env Z...) go to
      \`wrangler d1 execute\`. The folder and table are <DATABASE>'s migrations_dir and
      migrations_table in your wrangler config (read with --config/--env as wrangler does);
      --migrations-table overrides the table; --migrations-dir names the folder when the
      config cannot be read or has no entry (another folder than migrations_dir is refused:
      wrangler applies from migrations_dir). The folder must be
      node_modules/chat-d1/migrations or hold \`migrations copy\`'s copies, else adopt refuses.
  chat-d1 search enable <DATABASE> [--batch-size N] [wrangler options...]
      Makes the search index searchMessages reads and indexes every message, N a chunk (10000 by
      default); each chunk one short statement, so it can be stopped and run again. Then every
      write keeps the index in step. The wrangler options go to \`wrangler d1 execute\`.
  chat-d1 search disable <DATABASE> [wrangler options...]
      Drops the search index (messages are untouched).
  chat-d1 export <DATABASE> --output FILE [wrangler options...]
      A backup of a database with search, which \`wrangler d1 export\` refuses: every table but the
      index's, then their indexes, views and triggers. Restore into an empty database with
      \`wrangler d1 execute <DATABASE> --file FILE\`, then \`chat-d1 search enable <DATABASE>\`.
  chat-d1 --help`;

/**
 * Splits a command's arguments into the database, the command's own options (`own`: flag to
 * option name) and the ones passed through to wrangler; `null` when they do not parse.
 */
function commandOptions(args, own) {
  const [database, ...rest] = args;
  if (!database || database.startsWith("-")) return null;
  const options = { database, wranglerOptions: [] };
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = rest[i].split(/=(.*)/s);
    if (!(flag in own)) {
      options.wranglerOptions.push(rest[i]);
      continue;
    }
    const value = inline ?? rest[++i];
    if (value === undefined) return null;
    options[own[flag]] = value;
  }
  return options;
}

function main(args) {
  if (args.length === 0 || args[0] === "--help" || args[0] === "-h" || args[0] === "help") {
    console.log(USAGE);
    return 0;
  }
  if (args[0] === "migrations" && args[1] === "copy" && args.length === 3) {
    for (const line of copyMigrations(args[2])) console.log(line);
    return 0;
  }
  const commands = {
    adopt: [{ "--migrations-dir": "migrationsDir", "--migrations-table": "migrationsTable" }, adopt],
    "search enable": [{ "--batch-size": "batchSize" }, (o) => enable({ ...o, batchSize: o.batchSize === undefined ? undefined : Number(o.batchSize) })],
    "search disable": [{}, disable],
    export: [{ "--output": "output" }, (o) => (o.output ? exportDatabase(o) : null)],
  };
  const name = args[0] === "search" ? `search ${args[1]}` : args[0];
  const command = commands[name];
  const options = command && commandOptions(args.slice(name.split(" ").length), command[0]);
  const lines = options && command[1](options);
  if (lines) {
    for (const line of lines) console.log(line);
    return 0;
  }
  console.error(`chat-d1: unknown command: ${args.join(" ")}\n\n${USAGE}`);
  return 2;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  // Refusals (AdoptError, a copy that was edited) and wrangler's failures say what went wrong in
  // their message; a stack trace would only bury it.
  console.error(`chat-d1: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
