// `chat-d1 adopt` end to end on a database the old layer made: adopt, apply the migrations, and
// the old rows are intact, 0001 never ran (no CHECK constraints appeared), the later migrations
// did, a second adopt changes nothing, and every chat-d1 method works on it (adopt-probe.ts).
import { readdirSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { probeEveryMethod } from "./adopt-probe";
import { OLD_MIGRATION, oldDatabaseSql, oldRows, oldTablesSql } from "./old-database";
import { localFlags, makeProject, type Project, type Row } from "./project";

let project: Project;
let before: Record<string, Row[]>;
let adopted: { stdout: string; status: number };

const packageMigrations = () =>
  readdirSync(realpathSync(join(project.dir, "node_modules/chat-d1/migrations"))).filter((name) => name.endsWith(".sql")).sort();

const snapshot = () => oldRows(project);
const recorded = () => project.query("SELECT id, name FROM d1_migrations ORDER BY id");

beforeAll(() => {
  project = makeProject();
  project.executeFile(oldDatabaseSql());
  before = snapshot();
  adopted = project.chatD1("adopt", "DB", ...localFlags(project));
});
afterAll(() => project?.remove());

describe("adopting the old layer's database", () => {
  test("the fixture really filled every table", () => {
    expect(before.client_sessions).toHaveLength(3);
    expect(before.conversations).toHaveLength(5);
    expect(before.messages).toHaveLength(10);
  });

  test("adopt records 0001 as applied and prints the apply command with the same options", () => {
    expect(adopted.status).toBe(0);
    // No --migrations-dir: the folder is wrangler.jsonc's migrations_dir, the package's own.
    expect(adopted.stdout).toContain("migrations: node_modules/chat-d1/migrations (migrations_dir of DB in wrangler.jsonc)");
    expect(adopted.stdout).toContain(`wrangler d1 migrations apply DB --local --persist-to ${project.persistTo}`);
    expect(recorded().map((row) => row.name)).toEqual([OLD_MIGRATION, "0001_initial.sql"]);
  });

  test("migrations apply runs what follows 0001 and only that", () => {
    const applied = project.applyMigrations();
    const later = packageMigrations().filter((name) => name !== "0001_initial.sql");
    expect(recorded().map((row) => row.name)).toEqual([OLD_MIGRATION, "0001_initial.sql", ...later]);
    if (later.length === 0) expect(applied.stdout).toContain("No migrations to apply");
    // 0001 creates the tables with CHECK constraints; the old ones have none, and still have none.
    const tables = oldTablesSql(project);
    expect(tables).toHaveLength(3);
    for (const sql of tables) expect(sql).not.toMatch(/CHECK/i);
  });

  test("every old row is intact", () => {
    expect(snapshot()).toEqual(before);
  });

  test("a second adopt is a no-op", () => {
    const again = project.chatD1("adopt", "DB", ...localFlags(project));
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("already recorded");
    expect(again.stdout).not.toContain("migrations apply");
    expect(recorded()).toHaveLength(2 + packageMigrations().length - 1);
  });

  test("every method of both APIs works on the adopted database and reads the old rows back", async () => {
    const probe = await project.startProbe();
    try {
      await probeEveryMethod(probe);
    } finally {
      await probe.stop();
    }
  });
});
