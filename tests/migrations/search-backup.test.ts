// Search from the command line, and backups of a database with search, on real local D1 through
// wrangler and the package installed from the npm tarball: `chat-d1 search enable` backfills in
// chunks; `wrangler d1 export` refuses the database (workers-sdk issue 6305); `chat-d1 export`
// writes a file that restores into an empty database with `wrangler d1 execute --file`, where
// `chat-d1 search enable` makes search work again: same rows, indexes, migrations and results.
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { localFlags, makeProject, type Probe, type Project } from "./project";

const STATE = ".wrangler/state";
let source: Project;
let restored: Project;

/** What `session` finds for `query` through the package's searchMessages, as ids and snippets. */
async function search(probe: Probe, session: string, query: string) {
  const answer = await probe.call("session", "searchMessages", [query], session);
  expect(answer.error).toBeUndefined();
  return answer.value.results.map((r: { message: { id: string }; snippet: string }) => [r.message.id, r.snippet]);
}

/** Every table's rows but the search index's, and the names of the indexes. */
const contents = (project: Project) => ({
  sessions: project.query("SELECT * FROM client_sessions ORDER BY id"),
  conversations: project.query("SELECT * FROM conversations ORDER BY id"),
  messages: project.query("SELECT * FROM messages ORDER BY id"),
  migrations: project.query("SELECT name FROM d1_migrations ORDER BY id"),
  indexes: project.query("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"),
});

beforeAll(async () => {
  source = makeProject(undefined, STATE);
  source.applyMigrations();
  const probe = await source.startProbe();
  try {
    for (let n = 0; n < 7; n++) {
      const session = n % 2 ? "odd" : "even";
      const answer = await probe.call("session", "startTurn", [
        { conversationId: `${session}-${Math.floor(n / 2) % 2}`, newConversation: n < 4 ? {} : undefined, message: { id: `m${n}`, content: `walrus number ${n} <sings>` } },
      ], session);
      expect(answer.error).toBeUndefined();
    }
  } finally {
    await probe.stop();
  }
});
afterAll(() => {
  source?.remove();
  restored?.remove();
});

describe("search and backups from the command line", () => {
  test("search enable backfills chunk by chunk, then the package searches", async () => {
    const enabled = source.chatD1("search", "enable", "DB", "--batch-size", "3", ...localFlags(source));
    expect(enabled.stderr).toBe("");
    expect(enabled.status).toBe(0);
    expect(enabled.stdout).toContain("indexed 3 messages, going on");
    expect(enabled.stdout).toContain("search enabled on DB: 7 messages in 3 chunks");
    // A disable that stopped midway (a trigger gone, the progress still there) is refused, with
    // the fix; disabling again, then enabling, indexes everything anew.
    source.query("DROP TRIGGER message_search_insert");
    const refused = source.chatD1("search", "enable", "DB", ...localFlags(source));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("was left half disabled (7 of its 8 triggers): run `chat-d1 search disable DB` again");
    expect(source.chatD1("search", "disable", "DB", ...localFlags(source)).status).toBe(0);
    const again = source.chatD1("search", "enable", "DB", ...localFlags(source));
    expect(again.stdout).toContain("search enabled on DB: 7 messages in 1 chunks");
    source.query("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)");
    const probe = await source.startProbe();
    try {
      expect(await search(probe, "even", "walrus number 4")).toEqual([["m4", "<mark>walrus</mark> <mark>number</mark> <mark>4</mark> &lt;sings&gt;"]]);
      expect((await search(probe, "odd", "walrus")).map(([id]: string[]) => id).sort()).toEqual(["m1", "m3", "m5"]);
    } finally {
      await probe.stop();
    }
  });

  test("wrangler d1 export refuses the database with search; chat-d1 export does not", () => {
    // The app's own table (named like the index's), view and trigger go with the backup.
    source.executeFile(
      "CREATE TABLE message_search_log (id TEXT);\n" +
        "CREATE VIEW user_messages AS SELECT id FROM messages WHERE role = 'user';\n" +
        "CREATE TRIGGER log_message AFTER INSERT ON messages BEGIN INSERT INTO message_search_log VALUES (new.id); END;\n",
    );
    const refused = source.wrangler("d1", "export", "DB", "--local", "--output", join(source.dir, "whole.sql"));
    expect(refused.status).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain("cannot export databases with Virtual Tables");
    const persisted = source.chatD1("export", "DB", "--output", "x.sql", ...localFlags(source));
    expect(persisted.status).toBe(1);
    expect(persisted.stderr).toContain("wrangler d1 export takes no --persist-to");
    const exported = source.chatD1("export", "DB", "--output", "backup.sql", "--local");
    expect(exported.stderr).toBe("");
    expect(exported.status).toBe(0);
    expect(exported.stdout).toContain("exported 5 tables (d1_migrations, client_sessions, conversations, messages, message_search_log)");
    const backup = readFileSync(join(source.dir, "backup.sql"), "utf8");
    expect(backup).not.toMatch(/message_search(?!_log)/);
    expect(backup).toMatch(/CREATE INDEX "?idx_msg_parent"?/);
  });

  test("the backup restores into an empty database, where search enable makes search work again", async () => {
    restored = makeProject(undefined, STATE);
    const applied = restored.wrangler("d1", "execute", "DB", ...localFlags(restored), "--file", join(source.dir, "backup.sql"));
    expect(applied.status, applied.stderr).toBe(0);
    const enabled = restored.chatD1("search", "enable", "DB", ...localFlags(restored));
    expect(enabled.stdout).toContain("search enabled on DB: 7 messages in 1 chunks");
    const { indexes: sourceIndexes, ...sourceRows } = contents(source);
    const { indexes, ...rows } = contents(restored);
    expect(rows).toEqual(sourceRows);
    expect(indexes).toEqual(sourceIndexes);
    expect(restored.applyMigrations().stdout).toContain("No migrations to apply");
    restored.query("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)");
    const probe = await restored.startProbe();
    try {
      expect(await search(probe, "even", "walrus number 4")).toEqual([["m4", "<mark>walrus</mark> <mark>number</mark> <mark>4</mark> &lt;sings&gt;"]]);
      // And writes keep the restored index in step.
      await probe.call("session", "startTurn", [{ conversationId: "even-0", message: { id: "m9", content: "a restored walrus" } }], "even");
      expect((await search(probe, "even", "restored")).map(([id]: string[]) => id)).toEqual(["m9"]);
      // The app's trigger and view came back and work.
      expect(await probe.sql("SELECT id FROM message_search_log")).toEqual([{ id: "m9" }]);
      expect((await probe.sql("SELECT count(*) AS n FROM user_messages"))[0]!.n).toBe(8);
    } finally {
      await probe.stop();
    }
    const disabled = restored.chatD1("search", "disable", "DB", ...localFlags(restored));
    expect(disabled.status).toBe(0);
    expect(restored.query("SELECT name FROM sqlite_master WHERE name LIKE 'message_search%' AND name != 'message_search_log'")).toEqual([]);
    expect(restored.wrangler("d1", "export", "DB", "--local", "--output", join(restored.dir, "whole.sql")).status).toBe(0);
  });
});
