// `chat-d1 adopt DB` without --migrations-dir reads the folder from wrangler.jsonc's migrations_dir,
// on real local D1 (issue 25 item 5). An app whose folder is src/db/migrations, holding copies
// made by `chat-d1 migrations copy`, is adopted under the copy's name and `migrations apply` runs
// the rest: the chat API works. An app whose migrations_dir is still its old folder, with no
// chat-d1 migration in it, is refused with nothing written (there `migrations apply` would find
// nothing to apply and the chat API would fail); following the refusal's advice then works.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { OLD_LAYER_SCHEMA } from "../worker/old-layer";
import { probeEveryMethod } from "./adopt-probe";
import { OLD_MIGRATION, oldDatabaseSql, oldRows, oldTablesSql } from "./old-database";
import { copiedNames, localFlags, makeProject, type Project } from "./project";

let project: Project | undefined;
afterEach(() => project?.remove());

const recorded = (p: Project) => p.query("SELECT name FROM d1_migrations ORDER BY id").map((row) => row.name);
const sqlFiles = (p: Project, dir: string) => readdirSync(join(p.dir, dir)).filter((name) => name.endsWith(".sql")).sort();
/** The whole schema and the migrations recorded: what a refused adopt must leave as it was. */
const state = (p: Project) => ({ schema: p.query("SELECT type, name, sql FROM sqlite_schema ORDER BY name"), recorded: recorded(p) });

/** The old database, and the app's folder `dir` holding the old tool's migration it has recorded. */
function withOldFolder(p: Project, dir: string) {
  p.executeFile(oldDatabaseSql());
  mkdirSync(join(p.dir, dir), { recursive: true });
  writeFileSync(join(p.dir, dir, OLD_MIGRATION), `${OLD_LAYER_SCHEMA.filter((sql) => !sql.startsWith("DROP")).join(";\n")};\n`);
}

test("migrations_dir src/db/migrations with copies: adopt records the copy's name, apply runs the rest, the chat API works", async () => {
  project = makeProject("src/db/migrations");
  withOldFolder(project, "src/db/migrations");
  const before = oldRows(project);
  const copy = project.chatD1("migrations", "copy", "src/db/migrations");
  expect(copy.status, copy.stderr).toBe(0);
  const [initial, ...later] = copiedNames(0);
  expect(initial).toBe("0001_chat-d1-0001_initial.sql");
  expect(sqlFiles(project, "src/db/migrations")).toEqual([OLD_MIGRATION, initial, ...later]);

  const adopt = project.chatD1("adopt", "DB", ...localFlags(project));
  expect(adopt.status, adopt.stderr).toBe(0);
  expect(adopt.stdout).toContain("migrations: src/db/migrations (migrations_dir of DB in wrangler.jsonc)");
  expect(adopt.stdout).toContain(`adopted: recorded ${initial} as applied in d1_migrations`);
  expect(recorded(project)).toEqual([OLD_MIGRATION, initial]);

  project.applyMigrations();
  expect(recorded(project)).toEqual([OLD_MIGRATION, initial, ...later]);
  const columns = project.query("SELECT name FROM pragma_table_info('messages')").map((row) => row.name);
  expect(columns).toEqual(expect.arrayContaining(["metadata", "parts"]));
  for (const sql of oldTablesSql(project)) expect(sql).not.toMatch(/CHECK/i);
  expect(oldRows(project)).toEqual(before);

  const again = project.chatD1("adopt", "DB", ...localFlags(project));
  expect(again).toMatchObject({ status: 0, stdout: expect.stringContaining(`${initial} is already recorded`) });
  expect(recorded(project)).toHaveLength(2 + later.length);

  const probe = await project.startProbe();
  try {
    await probeEveryMethod(probe);
  } finally {
    await probe.stop();
  }
});

test("migrations_dir still the app's old folder: refused with the fix, nothing written; after `migrations copy` it adopts", () => {
  project = makeProject("legacy/migrations");
  withOldFolder(project, "legacy/migrations");
  const before = state(project);
  expect(before.recorded).toEqual([OLD_MIGRATION]);

  const adopt = project.chatD1("adopt", "DB", ...localFlags(project));
  expect(adopt.status).toBe(1);
  expect(adopt.stdout).toBe("");
  expect(adopt.stderr).toContain("refusing to adopt: legacy/migrations (migrations_dir of DB in wrangler.jsonc) holds no chat-d1 migration");
  expect(adopt.stderr).toContain('set "migrations_dir": "node_modules/chat-d1/migrations" for DB in wrangler.jsonc');
  expect(adopt.stderr).toContain("run `npx chat-d1 migrations copy legacy/migrations`");
  expect(state(project)).toEqual(before);
  // Why: from that folder wrangler has nothing to apply, so chat-d1's later columns never come.
  expect(project.applyMigrations().stdout).toContain("No migrations to apply");

  expect(project.chatD1("migrations", "copy", "legacy/migrations").status).toBe(0);
  const [initial, ...later] = copiedNames(0);
  const adopted = project.chatD1("adopt", "DB", ...localFlags(project));
  expect(adopted.status, adopted.stderr).toBe(0);
  expect(recorded(project)).toEqual([OLD_MIGRATION, initial]);
  project.applyMigrations();
  expect(recorded(project)).toEqual([OLD_MIGRATION, initial, ...later]);
});
