// An app with its own migrations: `chat-d1 migrations copy` puts chat-d1's into the app's folder,
// numbered after the app's, and one `wrangler d1 migrations apply` runs both. The app's later
// migrations reference chat-d1's conversations; chat-d1 keeps working with the extra column, its
// deleteConversation cascades to the app's ON DELETE CASCADE table and is refused where the app's
// NO ACTION key forbids it. A rerun copies nothing, an upgrade's new migration comes after the
// app's files, and an edited copy is refused.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { probeAppTables } from "./app-probe";
import { CHAT_D1_MIGRATIONS, copiedNames, makeProject, numbered, type Project } from "./project";
import { NEXT_COLUMN, NEXT_MIGRATION, upgradedPackage } from "./upgraded-package";

let project: Project;
const migration = (name: string, sql: string) => writeFileSync(join(project.dir, "migrations", name), sql);
const recorded = () => project.query("SELECT name FROM d1_migrations ORDER BY id").map((row) => row.name);
/** chat-d1's migrations as copied after the app's first, and the app's next migration after them. */
const copied = copiedNames(1);
const CARDS = `${numbered(copied.length + 2)}_character_cards.sql`;

beforeAll(() => {
  project = makeProject("migrations");
  mkdirSync(join(project.dir, "migrations"));
  migration("0001_app_settings.sql", "CREATE TABLE app_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n");
});
afterAll(() => project?.remove());

describe("an app with its own migrations", () => {
  test("copy numbers chat-d1's migrations after the app's", () => {
    const copy = project.chatD1("migrations", "copy", "migrations");
    expect(copy.status).toBe(0);
    CHAT_D1_MIGRATIONS.forEach((name, i) => expect(copy.stdout).toContain(`copied ${name} -> migrations/${copied[i]}`));
    expect(copy.stdout).toContain("copied 0001_initial.sql -> migrations/0002_chat-d1-0001_initial.sql");
    expect(project.migrationFiles()).toEqual(["0001_app_settings.sql", ...copied]);
    const original = readFileSync(join(project.dir, "node_modules/chat-d1/migrations/0001_initial.sql"), "utf8");
    expect(readFileSync(join(project.dir, "migrations/0002_chat-d1-0001_initial.sql"), "utf8")).toBe(original);
  });

  test("the app's migrations reference chat-d1's tables, and one apply runs them all in order", () => {
    migration(
      CARDS,
      [
        "CREATE TABLE character_cards (id TEXT PRIMARY KEY, name TEXT NOT NULL);",
        "ALTER TABLE conversations ADD COLUMN card_id TEXT REFERENCES character_cards(id) ON DELETE SET NULL;",
        "CREATE TABLE conversation_notes (id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE, body TEXT NOT NULL);",
        // A plain reference: SQLite's default, NO ACTION, forbids deleting a conversation it names.
        "CREATE TABLE conversation_exports (id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL REFERENCES conversations(id), url TEXT NOT NULL);",
      ].join("\n"),
    );
    project.applyMigrations();
    expect(recorded()).toEqual(["0001_app_settings.sql", ...copied, CARDS]);
    const columns = project.query("SELECT name FROM pragma_table_info('conversations')").map((row) => row.name);
    expect(columns).toContain("card_id");
  });

  test("chat-d1 works with the app's column and tables; its deletes meet the app's foreign keys", async () => {
    const probe = await project.startProbe();
    try {
      await probeAppTables(probe);
    } finally {
      await probe.stop();
    }
  });

  test("rerunning copy changes nothing", () => {
    const files = project.migrationFiles();
    const again = project.chatD1("migrations", "copy", "migrations");
    expect(again).toMatchObject({ status: 0, stdout: expect.stringContaining("up to date") });
    expect(project.migrationFiles()).toEqual(files);
  });

  test("after a package upgrade, copy adds only the new migration, numbered after the app's files", () => {
    const upgraded = upgradedPackage(project);
    try {
      const run = upgraded.chatD1("migrations", "copy", "migrations");
      expect(run.status).toBe(0);
      const next = `${numbered(copied.length + 3)}_chat-d1-${NEXT_MIGRATION}`;
      expect(run.stdout.trim()).toBe(`copied ${NEXT_MIGRATION} -> migrations/${next}`);
      expect(project.migrationFiles()).toEqual(["0001_app_settings.sql", ...copied, CARDS, next]);
      project.applyMigrations();
      expect(recorded().at(-1)).toBe(next);
      expect(project.query("SELECT name FROM pragma_table_info('messages')").map((row) => row.name)).toContain(NEXT_COLUMN);

      // An applied migration edited by hand: refused, naming the file, and nothing is copied.
      appendFileSync(join(project.dir, "migrations/0002_chat-d1-0001_initial.sql"), "DROP INDEX idx_conv_updated;\n");
      const edited = upgraded.chatD1("migrations", "copy", "migrations");
      expect(edited.status).toBe(1);
      expect(edited.stderr).toContain("migrations/0002_chat-d1-0001_initial.sql differs from chat-d1's 0001_initial.sql");
      expect(project.migrationFiles()).toHaveLength(copied.length + 3);
    } finally {
      upgraded.remove();
    }
  });
});
