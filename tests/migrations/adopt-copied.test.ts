// `chat-d1 adopt` for an app that copies chat-d1's migrations into its own folder (given by
// --migrations-dir, or read from wrangler.jsonc's migrations_dir):
// the old database is adopted under the copy's name (MMMM_chat-d1-0001_initial.sql), and the
// migrations copied after it (0002's message metadata, 0003's parts and the later ones) are what `migrations apply`
// runs: the columns appear, the old rows stay, no CHECK constraint appears, and a second adopt is a
// no-op.
import { afterAll, beforeAll, expect, test } from "vitest";
import { OLD_MIGRATION, oldDatabaseSql, oldRows, oldTablesSql } from "./old-database";
import { copiedNames, localFlags, makeProject, type Project, type Row } from "./project";

/** chat-d1's migrations as copied into the app's empty folder: the first, then the later ones. */
const [INITIAL, ...LATER] = copiedNames(0);

let project: Project;
let before: Record<string, Row[]>;
const recorded = () => project.query("SELECT name FROM d1_migrations ORDER BY id").map((row) => row.name);

beforeAll(() => {
  project = makeProject("migrations");
  project.executeFile(oldDatabaseSql());
  before = oldRows(project);
});
afterAll(() => project?.remove());

test("adopted under the copy's name, then apply runs only the later chat-d1 migrations", () => {
  expect(project.chatD1("migrations", "copy", "migrations").status).toBe(0);
  expect(INITIAL).toBe("0001_chat-d1-0001_initial.sql");
  expect(project.migrationFiles()).toEqual([INITIAL, ...LATER]);

  const adopt = project.chatD1("adopt", "DB", "--migrations-dir", "migrations", ...localFlags(project));
  expect(adopt.status, adopt.stderr).toBe(0);
  expect(adopt.stdout).toContain("recorded 0001_chat-d1-0001_initial.sql as applied");
  expect(recorded()).toEqual([OLD_MIGRATION, "0001_chat-d1-0001_initial.sql"]);

  project.applyMigrations();
  expect(recorded()).toEqual([OLD_MIGRATION, INITIAL, ...LATER]);
  const columns = project.query("SELECT name FROM pragma_table_info('messages')").map((row) => row.name);
  expect(columns).toEqual(expect.arrayContaining(["metadata", "parts"]));
  for (const sql of oldTablesSql(project)) expect(sql).not.toMatch(/CHECK/i);
  expect(oldRows(project)).toEqual(before);

  const again = project.chatD1("adopt", "DB", "--migrations-dir=migrations", ...localFlags(project));
  expect(again).toMatchObject({ status: 0, stdout: expect.stringContaining("already recorded") });
  // wrangler.jsonc's migrations_dir is "migrations": without the flag adopt finds the same copy.
  const fromConfig = project.chatD1("adopt", "DB", ...localFlags(project));
  expect(fromConfig).toMatchObject({ status: 0, stdout: expect.stringContaining(`${INITIAL} is already recorded`) });
  expect(fromConfig.stdout).toContain("migrations: migrations (migrations_dir of DB in wrangler.jsonc)");
  expect(recorded()).toHaveLength(2 + LATER.length);
});

test("--migrations-dir naming another folder than migrations_dir is refused, nothing written", () => {
  const records = recorded();
  const adopt = project.chatD1("adopt", "DB", "--migrations-dir", "src", ...localFlags(project));
  expect(adopt.status).toBe(1);
  // wrangler applies from the config's folder: a name recorded from src is not one it looks for.
  expect(adopt.stderr).toContain("refusing to adopt: --migrations-dir src is not the folder `wrangler d1 migrations apply` reads for DB (migrations_dir migrations in wrangler.jsonc)");
  expect(adopt.stderr).toContain("Set migrations_dir to src there, or leave out --migrations-dir");
  expect(recorded()).toEqual(records);
});
