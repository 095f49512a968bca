// `chat-d1 adopt` where it must not adopt: a database whose tables lack a column chat-d1 needs, or
// hold only some of its tables, is refused with nothing written; an empty database is left alone
// (there is nothing to adopt: `migrations apply` creates everything).
import { afterEach, expect, test } from "vitest";
import { OLD_LAYER_SCHEMA } from "../worker/old-layer";
import { OLD_MIGRATION, oldDatabaseSql } from "./old-database";
import { localFlags, makeProject, type Project } from "./project";

let project: Project | undefined;
afterEach(() => project?.remove());

/** The whole schema and the migrations recorded: what a refused adopt must leave as it was. */
const state = (p: Project) => ({
  schema: p.query("SELECT type, name, sql FROM sqlite_schema ORDER BY name"),
  recorded: p.query("SELECT name FROM sqlite_schema WHERE name = 'd1_migrations'").length
    ? p.query("SELECT * FROM d1_migrations ORDER BY id")
    : [],
});

test("a messages table without its role column is refused, and nothing is written", () => {
  project = makeProject();
  const withoutRole = OLD_LAYER_SCHEMA.map((sql) => sql.replace("role TEXT NOT NULL, ", ""));
  expect(withoutRole.join()).not.toContain("role");
  project.executeFile(oldDatabaseSql({ schema: withoutRole, empty: true }));
  const before = state(project);

  const adopt = project.chatD1("adopt", "DB", ...localFlags(project));
  expect(adopt.status).toBe(1);
  expect(adopt.stderr).toMatch(/refusing to adopt: table messages .*role/);
  expect(adopt.stderr).toContain("nothing was written");
  expect(state(project)).toEqual(before);
  expect(before.recorded.map((row) => row.name)).toEqual([OLD_MIGRATION]);
});

test("a database holding only some of chat-d1's tables is refused, and nothing is written", () => {
  project = makeProject();
  const sessionsOnly = OLD_LAYER_SCHEMA.filter((sql) => !/conversations|messages/.test(sql));
  project.executeFile(oldDatabaseSql({ schema: sessionsOnly, empty: true }));
  const before = state(project);

  const adopt = project.chatD1("adopt", "DB", ...localFlags(project));
  expect(adopt.status).toBe(1);
  expect(adopt.stderr).toContain("table(s) conversations, messages of 0001_initial.sql are missing");
  expect(state(project)).toEqual(before);
});

test("an empty database has nothing to adopt: no migrations table is created", () => {
  project = makeProject();
  const adopt = project.chatD1("adopt", "DB", ...localFlags(project));
  expect(adopt.status).toBe(0);
  expect(adopt.stdout).toContain("nothing to adopt");
  expect(adopt.stdout).toContain(`wrangler d1 migrations apply DB --local --persist-to ${project.persistTo}`);
  expect(state(project)).toEqual({ schema: [], recorded: [] });
});

test("an unknown command exits 2 with the usage", () => {
  project = makeProject();
  const unknown = project.chatD1("adopted", "DB");
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain("Usage:");
  expect(project.chatD1("--help")).toMatchObject({ status: 0, stdout: expect.stringContaining("chat-d1 adopt <DATABASE>") });
});
