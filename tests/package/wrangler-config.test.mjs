// bin/wrangler-config.mjs, on temporary projects: the config file wrangler would read (--config
// and -c, relative to --cwd; else wrangler.json, wrangler.jsonc, wrangler.toml in that order, each
// searched up the tree), JSONC's comments and trailing commas, the TOML wrangler configs use, and
// the D1 entry a database name or binding selects, per environment, with wrangler's defaults.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { WranglerConfigError, d1DatabaseConfig, findWranglerConfig, optionValue, parseJsonc, parseToml } from "../../bin/wrangler-config.mjs";

let root;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "chat-d1-config-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const write = (path, text) => {
  mkdirSync(join(root, path, ".."), { recursive: true });
  writeFileSync(join(root, path), text);
};
const db = (database, options = [], env = {}) => d1DatabaseConfig(database, options, { cwd: root, env });

test("JSONC: line and block comments, trailing commas; `//`, `/*` and `,]` inside strings are kept", () => {
  const text = `// the worker
  {
    "name": "w", /* a block
    comment */ "url": "https://example.com//x/*y*/", "odd": "q\\"//,]",
    "d1_databases": [ { "binding": "DB", "migrations_dir": "db//m", }, ],
  }`;
  assert.deepEqual(parseJsonc(text), {
    name: "w",
    url: "https://example.com//x/*y*/",
    odd: 'q"//,]',
    d1_databases: [{ binding: "DB", migrations_dir: "db//m" }],
  });
  assert.throws(() => parseJsonc('{ "a": 1 /* open', "w.jsonc"), WranglerConfigError);
  assert.throws(() => parseJsonc('{ "a": }', "w.jsonc"), /w\.jsonc: not valid JSON/);
});

test("TOML: arrays of tables, env sections, comments, strings of every kind, multi-line arrays", () => {
  const text = `# top
name = "w" # trailing
compatibility_flags = [
  "nodejs_compat", # one
  'two',
]
compatibility_date = 2026-11-01
[vars]
MULTI = """
a \\
  b"""
PATH = 'C:\\dir'
HASH = "# not a comment"
[[d1_databases]]
binding = "DB"            # comment after a value
database_name = 'chat # db'
migrations_dir = "src/db/migrations"
[[d1_databases]]
binding = "OTHER"
[env.staging]
name = "w-staging"
[[env.staging.d1_databases]]
binding = "DB"
migrations_table = "staged"
[env."quoted-name"]
d1_databases = [ { binding = "DB", migrations_dir = "inline" } ]
`;
  assert.deepEqual(parseToml(text), {
    name: "w",
    compatibility_flags: ["nodejs_compat", "two"],
    compatibility_date: "2026-11-01",
    vars: { MULTI: "a b", PATH: "C:\\dir", HASH: "# not a comment" },
    d1_databases: [
      { binding: "DB", database_name: "chat # db", migrations_dir: "src/db/migrations" },
      { binding: "OTHER" },
    ],
    env: {
      staging: { name: "w-staging", d1_databases: [{ binding: "DB", migrations_table: "staged" }] },
      "quoted-name": { d1_databases: [{ binding: "DB", migrations_dir: "inline" }] },
    },
  });
  assert.throws(() => parseToml('name = "w\nx = 1', "wrangler.toml"), /wrangler\.toml:1: unterminated string/);
  assert.throws(() => parseToml("name = = 1", "wrangler.toml"), /expected a value/);
});

test("wrangler's order: wrangler.json, then wrangler.jsonc, then wrangler.toml; each searched up from the cwd", () => {
  write("app/wrangler.toml", "");
  assert.equal(findWranglerConfig([], join(root, "app")), join(root, "app/wrangler.toml"));
  write("app/wrangler.jsonc", "{}");
  assert.equal(findWranglerConfig([], join(root, "app")), join(root, "app/wrangler.jsonc"));
  // One name at a time up the whole tree: a wrangler.json above wins over a wrangler.jsonc here.
  write("wrangler.json", "{}");
  assert.equal(findWranglerConfig([], join(root, "app")), join(root, "wrangler.json"));
  mkdirSync(join(root, "app/src/db"), { recursive: true });
  assert.equal(findWranglerConfig([], join(root, "app/src/db")), join(root, "wrangler.json"));
});

test("--config / -c / --config= name the file, relative to --cwd when given; the last one wins", () => {
  for (const options of [["--config", "conf/w.toml"], ["-c", "conf/w.toml"], ["--config=conf/w.toml"], ["-c", "x.json", "--local", "--config", "conf/w.toml"]]) {
    assert.equal(findWranglerConfig(options, root), join(root, "conf/w.toml"), options.join(" "));
  }
  assert.equal(findWranglerConfig(["--cwd", "app", "-c", "w.jsonc"], root), join(root, "app/w.jsonc"));
  assert.equal(optionValue(["--persist-to", "x", "--env=staging"], "--env", "-e"), "staging");
  assert.equal(optionValue(["--local"], "--env", "-e"), undefined);
});

test("no config anywhere: no configPath, no entry", () => {
  assert.deepEqual(db("DB"), { configPath: undefined, envName: undefined, entry: null });
});

test("the entry by binding or by database_name; migrations_dir relative to the config's folder; wrangler's defaults", () => {
  write(
    "conf/wrangler.jsonc",
    `{ "d1_databases": [
      { "binding": "DB", "database_name": "chat", "migrations_dir": "../src/db/migrations", "migrations_table": "my_migrations" },
      { "binding": "PLAIN", "database_name": "plain" }, // no migrations_dir: wrangler's "migrations"
    ] }`,
  );
  const options = ["--local", "--config", "conf/wrangler.jsonc"];
  for (const name of ["DB", "chat"]) {
    assert.deepEqual(
      { ...db(name, options), entry: undefined },
      { configPath: join(root, "conf/wrangler.jsonc"), envName: undefined, entry: undefined, migrationsDir: join(root, "src/db/migrations"), migrationsTable: "my_migrations" },
    );
  }
  assert.equal(db("plain", options).migrationsDir, join(root, "conf/migrations"));
  assert.equal(db("plain", options).migrationsTable, "d1_migrations");
  assert.equal(db("NOPE", options).entry, null);
  assert.equal(db("NOPE", options).migrationsDir, undefined);
});

test("--env selects env.NAME.d1_databases, not inherited from the top level; CLOUDFLARE_ENV too; an unknown env is refused", () => {
  write(
    "wrangler.toml",
    `[[d1_databases]]
binding = "DB"
migrations_dir = "top"
[[d1_databases]]
binding = "TOP_ONLY"
[env.staging]
[[env.staging.d1_databases]]
binding = "DB"
migrations_dir = "staging"
[env.empty]
name = "no databases"
`,
  );
  assert.equal(db("DB").migrationsDir, join(root, "top"));
  assert.equal(db("DB", ["--env", "staging"]).migrationsDir, join(root, "staging"));
  assert.equal(db("DB", ["-e=staging"]).envName, "staging");
  assert.equal(db("DB", [], { CLOUDFLARE_ENV: "staging" }).migrationsDir, join(root, "staging"));
  assert.equal(db("DB", ["--env", "staging"], { CLOUDFLARE_ENV: "empty" }).migrationsDir, join(root, "staging"));
  assert.equal(db("TOP_ONLY", ["--env", "staging"]).entry, null);
  assert.equal(db("DB", ["--env", "empty"]).entry, null);
  assert.throws(() => db("DB", ["--env", "prod"]), /no environment "prod" \(it has staging, empty\)/);
});

test("--env on a config that defines no environments reads the top level, as wrangler does", () => {
  write("wrangler.json", JSON.stringify({ d1_databases: [{ binding: "DB", migrations_dir: "m" }] }));
  assert.equal(db("DB", ["--env", "dev"]).migrationsDir, join(root, "m"));
});

test("a --config that does not exist is an error, not a silent fallback", () => {
  assert.throws(() => db("DB", ["--config", "missing.jsonc"]), /missing\.jsonc: no such file/);
});

test("a key given twice in TOML, and a flag without its value, are refused as wrangler refuses them", () => {
  assert.throws(() => parseToml('[[d1_databases]]\nbinding = "DB"\nmigrations_dir = "a"\nmigrations_dir = "b"\n'), /migrations_dir is defined twice/);
  assert.throws(() => optionValue(["--local", "--config"], "--config", "-c"), /--config needs a value/);
  assert.throws(() => optionValue(["--env", "--local"], "--env", "-e"), /--env needs a value/);
  assert.equal(optionValue(["--env=staging", "--local"], "--env", "-e"), "staging");
});
