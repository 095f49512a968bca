// A stand-in for the next chat-d1 release: a copy of the installed package with one more
// migration (a nullable column, the only kind chat-d1's generator adds), so the tests can run its
// `chat-d1` against a project as after `npm install chat-d1@next`.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHAT_D1_MIGRATIONS, numbered, type Project, type Run } from "./project";

/** The stand-in release's migration, numbered after the package's last. */
export const NEXT_MIGRATION = `${numbered(CHAT_D1_MIGRATIONS.length + 1)}_next_release.sql`;

/** The column the stand-in migration adds to `messages`. */
export const NEXT_COLUMN = "next_release";

export interface UpgradedPackage {
  /** Runs the upgraded package's `chat-d1` in the project's folder. */
  chatD1(...args: string[]): Run;
  remove(): void;
}

export function upgradedPackage(project: Project): UpgradedPackage {
  const dir = join(mkdtempSync(join(tmpdir(), "chat-d1-upgraded-")), "chat-d1");
  cpSync(realpathSync(join(project.dir, "node_modules/chat-d1")), dir, { recursive: true });
  writeFileSync(join(dir, "migrations", NEXT_MIGRATION), `ALTER TABLE "messages" ADD COLUMN "${NEXT_COLUMN}" text;\n`);
  return {
    chatD1(...args) {
      const result = spawnSync(process.execPath, [join(dir, "bin/chat-d1.mjs"), ...args], {
        cwd: project.dir,
        encoding: "utf8",
        env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" },
      });
      return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
    },
    remove: () => rmSync(join(dir, ".."), { recursive: true, force: true }),
  };
}
