// Starts a Worker of this repository (by default the example) under `wrangler dev` on 127.0.0.1
// with fresh local D1 databases (the package's migrations applied), and stops it again. Shared by
// the demo, the end-to-end and load tests, and the benchmark.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// The example Worker: the copy installed from the npm tarball when CHAT_D1_EXAMPLE_DIR names it
// (the test command and the demo), else the in-repo one, which links the working tree.
export const exampleDir =
  process.env.CHAT_D1_EXAMPLE_DIR ?? fileURLToPath(new URL("../examples/hono-chat/", import.meta.url));
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };

/**
 * The example variant the end-to-end suites run against: `CHAT_D1_VARIANT=durable` for the
 * Durable Object variant (wrangler.durable.jsonc: one object per session, no D1), else D1.
 */
export const variant = process.env.CHAT_D1_VARIANT === "durable" ? "durable" : "d1";

/** `startWorker`'s options for `variant`, merged into `options`. */
export function forVariant(options = {}) {
  return variant === "durable" ? { ...options, config: "wrangler.durable.jsonc", databases: [] } : options;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Applies the migrations to new local D1 databases (one per binding in `databases`), enables search
 * on them when `search` (`chat-d1 search enable`, as the example's `npm run migrate` does: the
 * example's by default), and starts
 * `wrangler dev` in `dir` (with `vars` overriding its variables, and `/__scheduled` when
 * `testScheduled`); resolves once it answers. With `persistTo`, it serves the local D1 state
 * already in that directory instead, as it is (no migrations applied), and leaves it in place.
 * `config` names another wrangler config in `dir` (the example's Durable Object variant).
 * @returns {Promise<{ url: string, stop: (options?: { keepState?: boolean }) => Promise<void>,
 *   kill: () => Promise<void>, persistTo: string, query: (sql: string, binding?: string) => object[],
 *   removeState: () => void, log: () => string }>}
 */
export async function startWorker({
  dir = exampleDir,
  databases = ["DB"],
  timeoutMs = 60_000,
  vars = {},
  testScheduled = false,
  persistTo: given,
  config,
  search = dir === exampleDir,
} = {}) {
  const wrangler = join(dir, "node_modules/.bin/wrangler");
  // A given directory belongs to the caller (it built the database there and checks it after).
  const persistTo = given ?? mkdtempSync(join(tmpdir(), "chat-d1-d1-"));
  for (const binding of given ? [] : databases) {
    const local = [binding, "--local", "--persist-to", persistTo];
    execFileSync(wrangler, ["d1", "migrations", "apply", ...local], { cwd: dir, env, stdio: "pipe" });
    if (search) execFileSync(join(dir, "node_modules/.bin/chat-d1"), ["search", "enable", ...local], { cwd: dir, env, stdio: "pipe" });
  }
  const port = await freePort();
  // A process group of its own, so stopping it also stops the workerd it starts.
  // `vars` override the Worker's configured variables; `testScheduled` exposes `/__scheduled`.
  const extra = Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  if (testScheduled) extra.push("--test-scheduled");
  if (config) extra.push("--config", config);
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", persistTo, ...extra];
  const child = spawn(wrangler, args, {
    cwd: dir,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // The group is already gone.
    }
  };
  /**
   * Stops wrangler and its workerd, waiting until they are gone (SIGKILL after 5 s), and removes
   * the database unless `keepState` (then call `query`, and `removeState` when done).
   */
  const stop = async ({ keepState = false } = {}) => {
    signal("SIGTERM");
    const killer = setTimeout(() => signal("SIGKILL"), 5_000);
    await exited;
    clearTimeout(killer);
    if (!keepState) removeState();
  };
  /** Kills wrangler and its workerd at once (SIGKILL: nothing runs to the end), keeping the state
   * for a restart with `persistTo`. */
  const kill = async () => {
    signal("SIGKILL");
    await exited;
  };
  const removeState = () => {
    if (!given) rmSync(persistTo, { recursive: true, force: true });
  };
  /** Rows of `sql` run straight on a stopped worker's local D1 (`binding`), not through chat-d1. */
  const query = (sql, binding = databases[0]) => {
    const output = execFileSync(
      wrangler,
      ["d1", "execute", binding, "--local", "--persist-to", persistTo, "--json", "--command", sql],
      { cwd: dir, env, encoding: "utf8" },
    );
    return JSON.parse(output)[0].results;
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      await fetch(url);
      return { url, stop, kill, persistTo, query, removeState, log: () => output };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  await stop();
  throw new Error(`wrangler dev did not start within ${timeoutMs} ms:\n${output}`);
}
