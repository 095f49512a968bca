// `chat-d1 migrations copy` naming and refusals, on temporary folders: a copy is numbered after
// the highest-numbered file of the app's folder (4 digits, as `wrangler d1 migrations create`
// numbers), already-copied migrations are recognised by their `_chat-d1-NNNN_x.sql` suffix and
// skipped, an edited copy or a hole in the copied sequence stops everything before a file is
// written. Runs the working tree's bin/copy.mjs with a stand-in package migrations folder.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { copyMigrations } from "../../bin/copy.mjs";
import { createdTables, packageMigrations, readMigration } from "../../bin/migrations.mjs";

let root, pkg, app;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "chat-d1-copy-"));
  pkg = join(root, "package-migrations");
  app = join(root, "app", "migrations");
  mkdirSync(pkg);
  writeFileSync(join(pkg, "0001_initial.sql"), "CREATE TABLE a (id text);\n");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const files = () => readdirSync(app).sort();
const copy = () => copyMigrations(app, pkg);

test("into a missing folder: created, and the copy is 0001", () => {
  assert.deepEqual(copy(), [`copied 0001_initial.sql -> ${join(app, "0001_chat-d1-0001_initial.sql")}`]);
  assert.deepEqual(files(), ["0001_chat-d1-0001_initial.sql"]);
  assert.equal(readFileSync(join(app, "0001_chat-d1-0001_initial.sql"), "utf8"), "CREATE TABLE a (id text);\n");
});

test("numbered after the app's highest file, by number not by name; other files ignored", () => {
  mkdirSync(app, { recursive: true });
  for (const name of ["0001_app.sql", "0009_more.sql", "0010_latest.sql", "README.md", "notes.sql"]) writeFileSync(join(app, name), "");
  copy();
  assert.ok(files().includes("0011_chat-d1-0001_initial.sql"), files().join(", "));
});

test("a rerun copies nothing; an upgrade's new migrations come after the app's latest, in order", () => {
  copy();
  writeFileSync(join(app, "0002_app.sql"), "");
  assert.deepEqual(copy(), [`up to date: ${app} holds all 1 chat-d1 migrations`]);
  writeFileSync(join(pkg, "0002_message_metadata.sql"), 'ALTER TABLE "messages" ADD COLUMN "metadata" text;\n');
  writeFileSync(join(pkg, "0003_more.sql"), "");
  copy();
  assert.deepEqual(files(), [
    "0001_chat-d1-0001_initial.sql",
    "0002_app.sql",
    "0003_chat-d1-0002_message_metadata.sql",
    "0004_chat-d1-0003_more.sql",
  ]);
});

test("past 9999 the number just grows, as wrangler counts", () => {
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, "9999_app.sql"), "");
  copy();
  assert.deepEqual(files(), ["10000_chat-d1-0001_initial.sql", "9999_app.sql"]);
});

test("an edited copy is refused, naming it, and nothing new is copied", () => {
  copy();
  appendFileSync(join(app, "0001_chat-d1-0001_initial.sql"), "DROP TABLE messages;\n");
  writeFileSync(join(pkg, "0002_next.sql"), "");
  assert.throws(copy, /0001_chat-d1-0001_initial\.sql differs from chat-d1's 0001_initial\.sql/);
  assert.deepEqual(files(), ["0001_chat-d1-0001_initial.sql"]);
});

test("a copy whose comments alone differ (a newer package's generated header) is still the same", () => {
  copy();
  appendFileSync(join(app, "0001_chat-d1-0001_initial.sql"), "-- a comment\n");
  writeFileSync(join(pkg, "0002_next.sql"), "");
  copy();
  assert.deepEqual(files(), ["0001_chat-d1-0001_initial.sql", "0002_chat-d1-0002_next.sql"]);
});

test("a deleted copy before a later one is refused rather than applied out of order", () => {
  writeFileSync(join(pkg, "0002_next.sql"), "");
  copy();
  rmSync(join(app, "0001_chat-d1-0001_initial.sql"));
  assert.throws(copy, /0001_initial\.sql is missing .* although the later 0002_next\.sql was copied/);
  assert.deepEqual(files(), ["0002_chat-d1-0002_next.sql"]);
});

test("the real 0001's tables and columns, as adopt reads them", () => {
  const dir = new URL("../../migrations/", import.meta.url).pathname;
  assert.equal(packageMigrations(dir)[0], "0001_initial.sql");
  assert.deepEqual(createdTables(readMigration(dir, "0001_initial.sql")), [
    { table: "client_sessions", columns: ["id", "created_at", "last_activity", "metadata"] },
    { table: "conversations", columns: ["id", "session_id", "title", "created_at", "updated_at"] },
    { table: "messages", columns: ["id", "conversation_id", "role", "content", "created_at"] },
  ]);
});
