// What the chat-d1 CLI knows about migration files: the package's own migrations, how wrangler
// numbers and orders a folder's files, the names copies carry, and the tables and columns a
// migration creates. Node built-ins only, so the CLI runs wherever the package is installed.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package's own migrations folder, next to bin/, as npm installs it. */
export const packageMigrationsDir = fileURLToPath(new URL("../migrations/", import.meta.url));

/** A migration file name as wrangler numbers it: digits, `_`, a name, `.sql`. */
const MIGRATION = /^(\d+)_.+\.sql$/;

/** The tag a copied chat-d1 migration carries after the app's number: `MMMM_chat-d1-<name>`. */
const COPY_TAG = "_chat-d1-";

/**
 * The leading number wrangler reads from a name (`parseInt` of what precedes the first `_`, as in
 * its getNextMigrationNumber and its sort), or NaN when there is none.
 */
export function leadingNumber(name) {
  return parseInt(name.split("_")[0], 10);
}

/**
 * The `.sql` files at the top of `dir` (wrangler's default `migrations_pattern`, `<dir>/*.sql`,
 * skips dotfiles and subfolders), in wrangler's order: by leading number, then by name.
 */
export function sqlFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".sql") && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .sort(compareNames);
}

function compareNames(a, b) {
  const [x, y] = [leadingNumber(a), leadingNumber(b)];
  if (x !== y && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  if (x !== y && Number.isFinite(x)) return -1;
  if (x !== y && Number.isFinite(y)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The package's migrations (`NNNN_name.sql`), in the order wrangler applies them. */
export function packageMigrations(dir = packageMigrationsDir) {
  const names = sqlFiles(dir).filter((name) => MIGRATION.test(name));
  if (names.length === 0) throw new Error(`no migrations found in ${dir}`);
  return names;
}

/** The name a package migration gets when copied into an app's folder as number `number`. */
export function copiedName(number, packageName) {
  return `${String(number).padStart(4, "0")}${COPY_TAG}${packageName}`;
}

/**
 * The package migration a file of an app's folder is a copy of (`0007_chat-d1-0001_initial.sql`
 * gives `0001_initial.sql`), or null for the app's own files.
 */
export function copiedFrom(name) {
  const at = name.indexOf(COPY_TAG);
  if (at < 0 || !/^\d+$/.test(name.slice(0, at))) return null;
  const original = name.slice(at + COPY_TAG.length);
  return MIGRATION.test(original) ? original : null;
}

/**
 * The tables a migration creates and their columns, read from its `CREATE TABLE "t" ( "c" type
 * ..., FOREIGN KEY ..., CHECK (...) );` lines. chat-d1's migrations are generated in exactly that
 * shape (src/generate/history.rs), so a line-based reading is enough; a table that yields no columns
 * is an error rather than a silently weaker check.
 * @returns {{ table: string, columns: string[] }[]}
 */
export function createdTables(sql) {
  const tables = [];
  for (const line of sql.split("\n")) {
    const head = /^CREATE TABLE "([^"]+)" \( (.*)\);\s*$/.exec(line.trim());
    if (!head) continue;
    // Column definitions come first, each starting with its quoted name; the table's constraints
    // (FOREIGN KEY, CHECK, PRIMARY KEY (...)) follow and start with a keyword.
    const columns = [];
    for (const part of head[2].split(/, (?=[A-Z"])/)) {
      const column = /^"([^"]+)"/.exec(part);
      if (column) columns.push(column[1]);
    }
    if (columns.length === 0) throw new Error(`could not read the columns of table ${head[1]}`);
    tables.push({ table: head[1], columns });
  }
  return tables;
}

/** The text of `name` in `dir`. */
export function readMigration(dir, name) {
  return readFileSync(join(dir, name), "utf8");
}

/**
 * A migration's SQL without its `--` comment lines: what a copy must keep unchanged. The generated
 * header comment may change between releases (where a migration is generated from); its
 * statements never do (a native test pins them).
 * @param {string} text
 */
export function statementsOf(text) {
  return text
    .split("\n")
    .filter((line) => !line.startsWith("--"))
    .join("\n")
    .trim();
}
