// Runs `wrangler d1 execute` for the CLI: the project's own wrangler (node_modules/.bin of the
// current directory, the version its wrangler.jsonc is written for), else `npx wrangler`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** The command that runs the project's wrangler, as [file, ...leading args]. */
export function wranglerCommand(cwd = process.cwd()) {
  const local = join(cwd, "node_modules", ".bin", process.platform === "win32" ? "wrangler.cmd" : "wrangler");
  if (existsSync(local)) return [local];
  return [process.platform === "win32" ? "npx.cmd" : "npx", "wrangler"];
}

/**
 * Runs the project's wrangler with `args`, its prompts reaching the user's terminal; returns the
 * exit status and what it printed.
 * @returns {{ status: number, stdout: string, stderr: string }}
 */
export function runWrangler(args) {
  const [file, ...lead] = wranglerCommand();
  const run = spawnSync(file, [...lead, ...args], {
    encoding: "utf8",
    stdio: ["inherit", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, WRANGLER_SEND_METRICS: process.env.WRANGLER_SEND_METRICS ?? "false" },
  });
  if (run.error) throw new Error(`could not run ${[file, ...lead, ...args].join(" ")}: ${run.error.message}`);
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** A D1 error wrangler reported for one command (the SQL was refused, nothing else went wrong). */
export class D1CommandError extends Error {}

/**
 * Runs `sql` (one statement or several) with `wrangler d1 execute <database> --json --command`,
 * passing `options` through (`--local`, `--remote`, `--persist-to`, `--config`, `--env`...), and
 * returns the result rows of each statement. Wrangler's own prompts (e.g. a remote execution's)
 * reach the user's terminal through stdin and stderr.
 * @returns {object[][]}
 */
export function execute(database, options, sql) {
  const run = runWrangler(["d1", "execute", database, ...options, "--json", "--command", sql]);
  let parsed;
  try {
    parsed = JSON.parse(run.stdout);
  } catch {
    throw new Error(`wrangler d1 execute failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  }
  // With --json, wrangler prints `{ "error": { "text": ... } }` when D1 refuses the SQL.
  if (!Array.isArray(parsed)) {
    const text = parsed?.error?.text ?? JSON.stringify(parsed);
    throw new D1CommandError(`${text}${parsed?.error?.notes?.length ? ` (${parsed.error.notes.map((n) => n.text).join("; ")})` : ""}`);
  }
  if (run.status !== 0) throw new Error(`wrangler d1 execute failed (exit ${run.status}):\n${run.stderr}`);
  return parsed.map((result) => result.results ?? []);
}
