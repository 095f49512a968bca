// `chat-d1 migrations copy <dir>`: puts chat-d1's migrations into an app's own migrations folder,
// numbered after the app's files, so one `wrangler d1 migrations apply` runs both in one history.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  copiedFrom,
  copiedName,
  leadingNumber,
  packageMigrations,
  packageMigrationsDir,
  readMigration,
  sqlFiles,
  statementsOf,
} from "./migrations.mjs";

/**
 * Copies the package migrations `dir` does not hold yet and returns the lines to print. Every
 * check runs before anything is written, so a refusal leaves `dir` as it was.
 * @param {string} dir the app's migrations folder (created when missing)
 * @param {string} from the package's migrations folder (a parameter so tests can stage an upgrade)
 */
export function copyMigrations(dir, from = packageMigrationsDir) {
  const wanted = packageMigrations(from);
  const present = sqlFiles(dir);
  const copies = new Map();
  for (const name of present) {
    const original = copiedFrom(name);
    if (original) copies.set(original, name);
  }

  // A copy that no longer matches the package's file was edited (or the package's was): wrangler
  // never reruns an applied migration, so the database and the files would silently disagree.
  for (const [original, name] of copies) {
    if (!wanted.includes(original)) continue;
    if (statementsOf(readMigration(dir, name)) !== statementsOf(readMigration(from, original))) {
      throw new Error(
        `${join(dir, name)} differs from chat-d1's ${original}; applied migrations must never be edited. ` +
          `Restore it from node_modules/chat-d1/migrations/${original}.`,
      );
    }
  }

  const missing = wanted.filter((name) => !copies.has(name));
  // Copying an older chat-d1 migration after a newer one already copied would apply them out of
  // their order; that only happens when a copy was deleted, so say so rather than guess.
  const lastCopied = wanted.findLastIndex((name) => copies.has(name));
  const gap = missing.find((name) => wanted.indexOf(name) < lastCopied);
  if (gap) {
    throw new Error(
      `chat-d1's ${gap} is missing from ${dir} although the later ${wanted[lastCopied]} was copied; ` +
        `restore its copy (named ..._chat-d1-${gap}) instead of copying it after the later one.`,
    );
  }
  if (missing.length === 0) return [`up to date: ${dir} holds all ${wanted.length} chat-d1 migrations`];

  // Next free number after the highest-numbered file, as `wrangler d1 migrations create` counts.
  const numbers = present.map(leadingNumber).filter(Number.isFinite);
  let next = Math.max(0, ...numbers) + 1;
  mkdirSync(dir, { recursive: true });
  return missing.map((original) => {
    const name = copiedName(next++, original);
    writeFileSync(join(dir, name), readMigration(from, original), { flag: "wx" });
    return `copied ${original} -> ${join(dir, name)}`;
  });
}
