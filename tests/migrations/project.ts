// A throwaway Worker project for the migration tests: its own wrangler.jsonc with a D1 binding
// `DB`, node_modules linked to the example copy that has chat-d1 installed from the npm tarball,
// a local D1 state directory, and helpers to run chat-d1's CLI and wrangler in it, as a user would.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startWorker } from "../../scripts/wrangler-dev.mjs";

const exampleDir = process.env.CHAT_D1_EXAMPLE_DIR;
if (!exampleDir) {
  throw new Error(
    "set CHAT_D1_EXAMPLE_DIR to a copy of examples/hono-chat with chat-d1 installed from the npm tarball " +
      "(scripts/test.sh makes one; by hand: source scripts/setup.sh; ensure_node24; d=$(mktemp -d); " +
      "export CHAT_D1_EXAMPLE_DIR=$(install_packed_example \"$(pack_tarball \"$d\")\" \"$d\"))",
  );
}

/** What a command printed and how it exited. */
export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

export type Row = Record<string, unknown>;

export interface Project {
  dir: string;
  persistTo: string;
  /** `chat-d1 ...` through node_modules/.bin, as `npx chat-d1` runs it. */
  chatD1(...args: string[]): Run;
  /** `wrangler ...` of the project. */
  wrangler(...args: string[]): Run;
  /** `wrangler d1 migrations apply DB --local --persist-to ...`; throws unless it succeeds. */
  applyMigrations(): Run;
  /** Runs SQL (a file's worth) on the local D1; throws unless it succeeds. */
  executeFile(sql: string): void;
  /** The rows of one statement run on the local D1 straight through wrangler, not chat-d1. */
  query(sql: string): Row[];
  /** The `.sql` files of the project's migrations/ folder. */
  migrationFiles(): string[];
  /** Starts the probe Worker on the project's local D1; stop it before querying again. */
  startProbe(): Promise<Probe>;
  remove(): void;
}

export interface Probe {
  /** Calls a chat-d1 method in the Worker: `client` (DatabaseClient) or `session` (forSession(sessionId)). */
  call(api: "client" | "session", method: string, args: unknown[], sessionId?: string): Promise<{ value?: any; error?: any }>;
  /** The rows of `sql` read inside the Worker through env.DB. */
  sql(sql: string, ...params: unknown[]): Promise<Row[]>;
  stop(): Promise<void>;
}

/** The local D1 flags every wrangler and chat-d1 command of a project gets. */
/** chat-d1's migrations, as the package ships them: `0001_initial.sql`, ... in order. */
export const CHAT_D1_MIGRATIONS: string[] = readdirSync(new URL("../../migrations/", import.meta.url))
  .filter((name) => name.endsWith(".sql"))
  .sort();

/** A migration file name's number, four digits. */
export const numbered = (n: number) => String(n).padStart(4, "0");

/** chat-d1's migrations as `migrations copy` names them when the app's folder holds `after` files:
 * `MMMM_chat-d1-NNNN_name.sql`, numbered on from the app's. */
export const copiedNames = (after: number) => CHAT_D1_MIGRATIONS.map((name, i) => `${numbered(after + i + 1)}_chat-d1-${name}`);

export const localFlags = (project: Pick<Project, "persistTo">) => ["--local", "--persist-to", project.persistTo];

/**
 * Makes a project whose D1 binding reads its migrations from `migrationsDir` (relative to the
 * project; the package's own by default), its local D1 state in `state` (`.wrangler/state` is
 * wrangler's default, the one place `wrangler d1 export` reads a local database from).
 */
export function makeProject(migrationsDir = "node_modules/chat-d1/migrations", state = "d1-state"): Project {
  const dir = mkdtempSync(join(tmpdir(), "chat-d1-migrations-"));
  const persistTo = join(dir, state);
  symlinkSync(join(exampleDir!, "node_modules"), join(dir, "node_modules"), "dir");
  mkdirSync(join(dir, "src"));
  cpSync(fileURLToPath(new URL("probe/index.ts", import.meta.url)), join(dir, "src/index.ts"));
  const config = {
    name: "chat-d1-migrations-probe",
    main: "src/index.ts",
    compatibility_date: "2026-11-01",
    d1_databases: [
      { binding: "DB", database_name: "probe", database_id: "00000000-0000-4000-8000-000000000000", migrations_dir: migrationsDir },
    ],
  };
  writeFileSync(join(dir, "wrangler.jsonc"), JSON.stringify(config, null, 2));

  const run = (file: string, args: string[]): Run => {
    const result = spawnSync(file, args, {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error) throw result.error;
    return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  };
  const succeed = (result: Run, what: string) => {
    if (result.status !== 0) throw new Error(`${what} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    return result;
  };
  const project: Project = {
    dir,
    persistTo,
    chatD1: (...args) => run(join(dir, "node_modules/.bin/chat-d1"), args),
    wrangler: (...args) => run(join(dir, "node_modules/.bin/wrangler"), args),
    applyMigrations: () => succeed(project.wrangler("d1", "migrations", "apply", "DB", ...localFlags(project)), "migrations apply"),
    executeFile(sql) {
      const file = join(dir, `statements-${Date.now()}.sql`);
      writeFileSync(file, sql);
      succeed(project.wrangler("d1", "execute", "DB", ...localFlags(project), "--file", file), "d1 execute --file");
      rmSync(file);
    },
    query(sql) {
      const result = succeed(project.wrangler("d1", "execute", "DB", ...localFlags(project), "--json", "--command", sql), sql);
      return JSON.parse(result.stdout)[0].results;
    },
    migrationFiles: () => readdirSync(join(dir, "migrations")).filter((name) => name.endsWith(".sql")).sort(),
    startProbe: () => startProbe(dir, persistTo),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  return project;
}

async function startProbe(dir: string, persistTo: string): Promise<Probe> {
  const worker = await startWorker({ dir, persistTo });
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${worker.url}${path}`, { method: "POST", body: JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`probe ${path} answered ${response.status}: ${text}\n${worker.log()}`);
    return JSON.parse(text);
  };
  return {
    call: (api, method, args, sessionId) => post("/call", { api, method, args, sessionId }),
    sql: (sql, ...params) => post("/sql", { sql, params }),
    stop: () => worker.stop(),
  };
}

/** SQL text literal. */
export const quote = (text: string | null) => (text === null ? "NULL" : `'${text.replace(/'/g, "''")}'`);
