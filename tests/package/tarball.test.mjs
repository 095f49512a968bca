// The npm tarball users install (TARBALL=path, made by `npm pack`): every file its entry points
// reach is in it, the migrations a Worker's `migrations_dir` points at are in it, the `chat-d1`
// command and every file it imports are in it, and nothing of the Rust sources is. The test command runs this on the tarball it then installs into a Worker.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { missingImports } from "./imports.mjs";
import { relativeLinks } from "../docs/markdown.mjs";

const tarball = process.env.TARBALL;
let root;
let packed;
let manifest;

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"));
}

/** The package's entry points, as a bundler and tsc read them from package.json. */
function entries() {
  const dot = manifest.exports["."];
  return [...new Set([dot.default, dot.types, manifest.types].map((path) => path.replace(/^\.\//, "")))];
}

const read = (path) => readFileSync(join(root, path), "utf8");

before(() => {
  assert.ok(tarball, "set TARBALL to the path of the packed .tgz");
  const dir = mkdtempSync(join(tmpdir(), "chat-d1-tarball-"));
  execFileSync("tar", ["-xzf", tarball, "-C", dir]);
  root = join(dir, "package");
  packed = new Set(filesUnder(root));
  manifest = JSON.parse(read("package.json"));
});

after(() => rmSync(join(root, ".."), { recursive: true, force: true }));

test("every file the entry points import is in the tarball", () => {
  const { missing, reached } = missingImports(entries(), packed, read);
  assert.deepEqual(missing, [], `missing from the tarball:\n${JSON.stringify(missing, null, 2)}`);
  // The wasm, its glue and the glue's snippets are all reached, so the walk really followed them.
  for (const needed of ["js/index.js", "js/index.d.ts", "pkg/chat_d1.js", "pkg/chat_d1_bg.wasm"]) {
    assert.ok(reached.has(needed), `${needed} is reached from the entry`);
  }
  assert.ok([...reached].some((path) => path.startsWith("pkg/snippets/")), "the glue's snippets are reached");
});

test("the walk reports a file the entry needs when it is left out", () => {
  const snippet = [...packed].find((path) => path.startsWith("pkg/snippets/"));
  assert.ok(snippet, "the tarball has the glue's snippets");
  const without = new Set([...packed].filter((path) => path !== snippet));
  const { missing } = missingImports(entries(), without, read);
  assert.deepEqual(
    missing.map(({ path }) => path),
    [snippet],
  );
});

test("the migrations a Worker's migrations_dir points at are in it, and no Rust source is", () => {
  assert.equal(manifest.exports["./migrations/*"], "./migrations/*");
  const migrations = [...packed].filter((path) => /^migrations\/\d{4}_\w+\.sql$/.test(path));
  assert.ok(migrations.includes("migrations/0001_initial.sql"), migrations.join(", "));
  assert.deepEqual([...packed].filter((path) => /\.rs$|^src\/|^target\//.test(path)), []);
});

test("the chat-d1 command is in it, runnable, with every file it imports and the migrations it copies", () => {
  assert.deepEqual(manifest.bin, { "chat-d1": "bin/chat-d1.mjs" });
  assert.ok(packed.has("bin/chat-d1.mjs"), "bin/chat-d1.mjs is packed");
  assert.match(read("bin/chat-d1.mjs"), /^#!\/usr\/bin\/env node\n/);
  const { missing, reached } = missingImports(["bin/chat-d1.mjs"], packed, read);
  assert.deepEqual(missing, [], `missing from the tarball:\n${JSON.stringify(missing, null, 2)}`);
  for (const needed of ["bin/copy.mjs", "bin/adopt.mjs", "bin/migrations.mjs", "bin/wrangler.mjs"]) {
    assert.ok(reached.has(needed), `${needed} is reached from the command`);
  }
  // Unpacked, it runs: its usage names both commands.
  const usage = execFileSync(process.execPath, [join(root, "bin/chat-d1.mjs"), "--help"], { encoding: "utf8" });
  assert.match(usage, /chat-d1 migrations copy <dir>/);
  assert.match(usage, /chat-d1 adopt <DATABASE>/);
});

test("every file the README links to is in the tarball (the README is npm's page of the package)", () => {
  const targets = relativeLinks(read("README.md"))
    .map(([target]) => target.replace(/^\.\//, "").replace(/\/$/, ""))
    .filter((target) => target !== "");
  assert.ok(targets.includes("docs/chat-api.md"), "the README links to the docs");
  const missing = targets.filter((target) => !packed.has(target) && ![...packed].some((file) => file.startsWith(`${target}/`)));
  assert.deepEqual(missing, []);
});

test("the example Worker ships whole: every file its sources and page import, its configs and lock", () => {
  const example = [...packed].filter((file) => file.startsWith("examples/hono-chat/"));
  for (const needed of ["package.json", "package-lock.json", "tsconfig.json", "wrangler.jsonc", "wrangler.durable.jsonc", "src/index.ts", "src/durable.ts", "public/index.html"]) {
    assert.ok(example.includes(`examples/hono-chat/${needed}`), needed);
  }
  // Relative imports between the example's own files, `./x` or `./x.js` (TypeScript's bundler
  // resolution adds `.ts`).
  const missing = [];
  for (const file of example.filter((f) => /\.(ts|js|mjs)$/.test(f))) {
    for (const [, target] of read(file).matchAll(/from "(\.{1,2}\/[^"]+)"/g)) {
      const path = join(file, "..", target).split("\\").join("/");
      if (![path, `${path}.ts`].some((candidate) => packed.has(candidate))) missing.push(`${file} -> ${target}`);
    }
  }
  assert.deepEqual(missing, []);
  assert.ok(!example.some((file) => file.includes("node_modules/") || file.includes(".wrangler/")), "no installed or local state");
});
