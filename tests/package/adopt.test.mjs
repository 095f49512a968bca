// `chat-d1 adopt`'s choice of folder and name, on temporary projects with a stand-in wrangler
// (node_modules/.bin/wrangler, which bin/wrangler.mjs runs first): the folder is the wrangler
// config's migrations_dir for the database unless --migrations-dir says otherwise; the name
// recorded is the first chat-d1 migration as that folder names it (a copy's MMMM_chat-d1- name,
// or the package's own); a folder with no chat-d1 migration is refused before wrangler is run.
// The stand-in answers as a database the old layer made (chat-d1's three tables, an old
// d1_migrations row), logs every call, and keeps what was inserted, so reruns see it.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { AdoptError, adopt } from "../../bin/adopt.mjs";
import { copyMigrations } from "../../bin/copy.mjs";
import { packageMigrations } from "../../bin/migrations.mjs";

const FAKE_WRANGLER = `#!/usr/bin/env node
const fs = require("fs"), path = require("path");
const root = path.join(__dirname, "..", "..");
const args = process.argv.slice(2);
fs.appendFileSync(path.join(root, "wrangler-calls.log"), JSON.stringify(args) + "\\n");
const state = path.join(root, "fake-d1.json");
const db = JSON.parse(fs.readFileSync(state, "utf8"));
const sql = args[args.indexOf("--command") + 1];
let out = [{ results: [] }];
if (/sqlite_schema/.test(sql)) out = [{ results: Object.keys(db).map((name) => ({ name })) }];
else if (/^SELECT name FROM "/.test(sql)) out = [{ results: db[/"([^"]+)"/.exec(sql)[1]].map((name) => ({ name })) }];
else if (/INSERT INTO/.test(sql)) {
  const [, table, name] = /INSERT INTO "([^"]+)" \\(name\\) VALUES \\('(.*)'\\);/.exec(sql);
  (db[table] ??= []).push(name);
  fs.writeFileSync(state, JSON.stringify(db));
  out = [{ results: [] }, { results: [] }];
}
process.stdout.write(JSON.stringify(out));
`;

const repo = fileURLToPath(new URL("../../", import.meta.url));
const FIRST = packageMigrations()[0];
let project, cwd;

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), "chat-d1-adopt-"));
  mkdirSync(join(project, "node_modules/.bin"), { recursive: true });
  writeFileSync(join(project, "node_modules/.bin/wrangler"), FAKE_WRANGLER);
  chmodSync(join(project, "node_modules/.bin/wrangler"), 0o755);
  // The old layer's database: chat-d1's tables (no CHECK) and the old tool's migrations row.
  const tables = { client_sessions: [], conversations: [], messages: [], d1_migrations: ["0000_old.sql"] };
  writeFileSync(join(project, "fake-d1.json"), JSON.stringify(tables));
  cwd = process.cwd();
  process.chdir(project);
});
afterEach(() => {
  process.chdir(cwd);
  rmSync(project, { recursive: true, force: true });
});

const write = (path, text) => {
  mkdirSync(join(project, path, ".."), { recursive: true });
  writeFileSync(join(project, path), text);
};
const config = (d1, file = "wrangler.jsonc") => write(file, `// the app\n${JSON.stringify({ name: "app", d1_databases: d1 }, null, 2)}\n`);
const calls = () => (existsSync("wrangler-calls.log") ? readFileSync("wrangler-calls.log", "utf8").trim().split("\n").map(JSON.parse) : []);
const recorded = () => JSON.parse(readFileSync("fake-d1.json", "utf8"));
const adoptDB = (options = {}) => adopt({ database: "DB", wranglerOptions: ["--local"], ...options });
/** Asserts `run` is refused with an AdoptError matching every pattern, before any wrangler call. */
const refused = (run, ...patterns) => {
  assert.throws(run, (error) => {
    assert.ok(error instanceof AdoptError, String(error));
    for (const pattern of patterns) assert.match(error.message, pattern);
    return true;
  });
  assert.deepEqual(calls(), []);
  assert.deepEqual(recorded().d1_migrations, ["0000_old.sql"]);
};

test("migrations_dir pointing at the app's old folder (no chat-d1 migration) is refused before wrangler runs, naming both fixes", () => {
  config([{ binding: "DB", database_name: "chat", migrations_dir: "db/old" }]);
  write("db/old/0000_old.sql", "CREATE TABLE x (id text);\n");
  refused(
    adoptDB,
    /db\/old \(migrations_dir of DB in wrangler\.jsonc\) holds no chat-d1 migration/,
    /set "migrations_dir": "node_modules\/chat-d1\/migrations" for DB in wrangler\.jsonc/,
    /run `npx chat-d1 migrations copy db\/old`/,
    /nothing was written/,
  );
});

test("no migrations_dir and no ./migrations: wrangler's default folder, refused", () => {
  config([{ binding: "DB" }]);
  refused(adoptDB, /^refusing to adopt: migrations \(wrangler's default migrations_dir of DB in wrangler\.jsonc\)/);
});

test("an app file that merely has chat-d1's name (0001_initial.sql, other SQL) is not chat-d1's: refused", () => {
  config([{ binding: "DB", migrations_dir: "migrations" }]);
  write(`migrations/${FIRST}`, "CREATE TABLE users (id text);\n");
  refused(adoptDB, /migrations .* holds no chat-d1 migration/);
});

test("copies in src/db/migrations (the config's folder, found by database_name): the copy's name is recorded, once", () => {
  config([{ binding: "OTHER" }, { binding: "CHAT", database_name: "DB", migrations_dir: "src/db/migrations" }]);
  write("src/db/migrations/0001_app.sql", "CREATE TABLE users (id text);\n");
  copyMigrations("src/db/migrations");
  const lines = adoptDB();
  assert.equal(lines[0], "migrations: src/db/migrations (migrations_dir of DB in wrangler.jsonc)");
  assert.ok(lines.includes(`adopted: recorded 0002_chat-d1-${FIRST} as applied in d1_migrations without running it`), lines.join("\n"));
  assert.deepEqual(recorded().d1_migrations, ["0000_old.sql", `0002_chat-d1-${FIRST}`]);

  const again = adoptDB();
  assert.ok(again.includes(`0002_chat-d1-${FIRST} is already recorded in d1_migrations: nothing to do`), again.join("\n"));
  assert.deepEqual(recorded().d1_migrations, ["0000_old.sql", `0002_chat-d1-${FIRST}`]);
  assert.equal(calls().filter((args) => /INSERT/.test(args.at(-1))).length, 1);
});

test("copies in ./migrations with wrangler.jsonc's migrations_dir \"migrations\": the copy's name, no --migrations-dir needed", () => {
  config([{ binding: "DB", migrations_dir: "migrations" }]);
  copyMigrations("migrations");
  adoptDB();
  assert.deepEqual(recorded().d1_migrations, ["0000_old.sql", `0001_chat-d1-${FIRST}`]);
});

test("migrations_dir node_modules/chat-d1/migrations (a symlinked install): the package's own name", () => {
  symlinkSync(repo, join(project, "node_modules/chat-d1"), "dir");
  config([{ binding: "DB", migrations_dir: "node_modules/chat-d1/migrations" }]);
  const lines = adoptDB();
  assert.equal(lines[0], "migrations: node_modules/chat-d1/migrations (migrations_dir of DB in wrangler.jsonc)");
  assert.deepEqual(recorded().d1_migrations, ["0000_old.sql", FIRST]);
});

test("the config's migrations_table is where the name goes; --migrations-table overrides it", () => {
  config([{ binding: "DB", migrations_dir: "migrations", migrations_table: "app_migrations" }]);
  copyMigrations("migrations");
  assert.ok(adoptDB().includes(`adopted: recorded 0001_chat-d1-${FIRST} as applied in app_migrations without running it`));
  assert.deepEqual(recorded().app_migrations, [`0001_chat-d1-${FIRST}`]);
  adoptDB({ migrationsTable: "other" });
  assert.deepEqual(recorded().other, [`0001_chat-d1-${FIRST}`]);
});

test("--env and a wrangler.toml: env.NAME's own d1_databases; --migrations-dir naming another folder is refused", () => {
  write("wrangler.toml", '[[d1_databases]]\nbinding = "DB"\nmigrations_dir = "top"\n\n[[env.staging.d1_databases]]\nbinding = "DB" # staging\nmigrations_dir = \'db/staging\'\n');
  copyMigrations("db/staging");
  const lines = adopt({ database: "DB", wranglerOptions: ["--local", "--env", "staging"] });
  assert.equal(lines[0], "migrations: db/staging (migrations_dir of DB (env staging) in wrangler.toml)");
  assert.deepEqual(recorded().d1_migrations, ["0000_old.sql", `0001_chat-d1-${FIRST}`]);
  // Without --env the top level's folder, which holds nothing of chat-d1's.
  rmSync("wrangler-calls.log");
  writeFileSync("fake-d1.json", JSON.stringify({ client_sessions: [], conversations: [], messages: [], d1_migrations: ["0000_old.sql"] }));
  refused(adoptDB, /top \(migrations_dir of DB in wrangler\.toml\)/);

  copyMigrations("elsewhere");
  // wrangler would apply from `top` and look for a name `elsewhere` does not give: refused.
  refused(() => adoptDB({ migrationsDir: "elsewhere" }), /--migrations-dir elsewhere is not the folder `wrangler d1 migrations apply` reads for DB \(migrations_dir top in wrangler\.toml\)/);
});

test("--config names the file; its migrations_dir is relative to that file's folder", () => {
  config([{ binding: "DB", migrations_dir: "../db" }], "conf/wrangler.staging.jsonc");
  copyMigrations("db");
  const lines = adopt({ database: "DB", wranglerOptions: ["--local", "-c", "conf/wrangler.staging.jsonc"] });
  assert.equal(lines[0], "migrations: db (migrations_dir of DB in conf/wrangler.staging.jsonc)");
  assert.equal(calls()[0][calls()[0].indexOf("-c") + 1], "conf/wrangler.staging.jsonc");
});

test("no wrangler config: chat-d1's own folder as before, unless ./migrations holds copies", () => {
  const lines = adoptDB();
  assert.match(lines[0], /^migrations: .*migrations \(no wrangler\.json, wrangler\.jsonc or wrangler\.toml found: chat-d1's own\)$/);
  assert.deepEqual(recorded().d1_migrations, ["0000_old.sql", FIRST]);

  rmSync("wrangler-calls.log");
  writeFileSync("fake-d1.json", JSON.stringify({ client_sessions: [], conversations: [], messages: [], d1_migrations: ["0000_old.sql"] }));
  copyMigrations("migrations");
  refused(adoptDB, /\.\/migrations holds copies .* no wrangler config was found: pass --migrations-dir migrations/);
});

test("the command line: a refusal exits 1 with the fix on stderr, and wrangler never runs", () => {
  config([{ binding: "DB", migrations_dir: "db/old" }]);
  const run = spawnSync(process.execPath, [join(repo, "bin/chat-d1.mjs"), "adopt", "DB", "--local"], { encoding: "utf8" });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, /^chat-d1: refusing to adopt: db\/old .*\n.*node_modules\/chat-d1\/migrations/);
  assert.equal(run.stdout, "");
  assert.deepEqual(calls(), []);
  const help = spawnSync(process.execPath, [join(repo, "bin/chat-d1.mjs"), "--help"], { encoding: "utf8" });
  assert.match(help.stdout, /migrations_dir/);
});
