// `chat-d1 adopt <DATABASE>`: for a database the old layer made (chat-d1's tables already there,
// without its CHECK constraints), records chat-d1's first migration as applied without running it,
// so `wrangler d1 migrations apply` goes on with the later ones. The name recorded is the one that
// command will look for: the first chat-d1 migration in the folder the wrangler config gives the
// database (`migrations_dir`). Reads everything it checks before it writes anything; a database
// or a folder it cannot vouch for is refused untouched.
import { realpathSync } from "node:fs";
import { relative, resolve } from "node:path";
import { copiedFrom, createdTables, packageMigrations, packageMigrationsDir, readMigration, sqlFiles, statementsOf } from "./migrations.mjs";
import { D1CommandError, execute } from "./wrangler.mjs";
import { WranglerConfigError, d1DatabaseConfig } from "./wrangler-config.mjs";

export class AdoptError extends Error {}

const quoteIdentifier = (name) => `"${name.replace(/"/g, '""')}"`;
const backquote = (name) => `\`${name.replace(/`/g, "``")}\``;
const quoteString = (text) => `'${text.replace(/'/g, "''")}'`;

/** Wrangler's migrations table, exactly as its getCreateMigrationsTableQuery creates it. */
export function createMigrationsTableQuery(table) {
  return `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(table)}(
		id         INTEGER PRIMARY KEY AUTOINCREMENT,
		name       TEXT UNIQUE,
		applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);`;
}

const realpath = (dir) => {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
};
/** Whether `dir` is the package's own migrations folder, however it is reached (npm may symlink it). */
const isPackageFolder = (dir) => realpath(dir) === realpath(packageMigrationsDir);
/** `dir` as the user would type it from the current directory. */
const shown = (dir) => relative(process.cwd(), dir) || ".";

/**
 * The folder `wrangler d1 migrations apply` reads `database`'s migrations from, where that was
 * decided, the migrations table, and notes worth printing.
 */
function migrationsFolder(database, migrationsDir, migrationsTable, wranglerOptions) {
  let config;
  try {
    config = d1DatabaseConfig(database, wranglerOptions);
  } catch (error) {
    // --migrations-dir is the way round a config chat-d1 cannot read (wrangler reads it itself).
    if (!(error instanceof WranglerConfigError) || migrationsDir === undefined) throw error;
    return { dir: resolve(migrationsDir), from: "--migrations-dir", entry: database, table: migrationsTable ?? "d1_migrations", notes: [`note: ${error.message}`] };
  }
  const file = config.configPath && shown(config.configPath);
  const entry = `${database}${config.envName ? ` (env ${config.envName})` : ""}`;
  const table = migrationsTable ?? config.migrationsTable ?? "d1_migrations";
  const notes = [];
  if (migrationsDir !== undefined) {
    const dir = resolve(migrationsDir);
    // wrangler applies from the config's folder whatever adopt is told: a name recorded from
    // another folder is not one it looks for, so it would run 0001 again, on tables that exist.
    if (config.migrationsDir && realpath(config.migrationsDir) !== realpath(dir)) {
      throw new AdoptError(
        `refusing to adopt: --migrations-dir ${shown(dir)} is not the folder \`wrangler d1 migrations apply\` reads for ${entry} ` +
          `(migrations_dir ${shown(config.migrationsDir)} in ${file}); nothing was written. ` +
          `Set migrations_dir to ${shown(dir)} there, or leave out --migrations-dir`,
      );
    }
    return { dir, from: "--migrations-dir", file, entry, table, notes };
  }
  if (config.migrationsDir) {
    const from = `${config.entry.migrations_dir === undefined ? "wrangler's default migrations_dir" : "migrations_dir"} of ${entry} in ${file}`;
    if (config.entry.migrations_pattern !== undefined) {
      notes.push(`note: adopt reads ${shown(config.migrationsDir)}/*.sql; the migrations_pattern ${config.entry.migrations_pattern} of ${file} is not followed`);
    }
    return { dir: config.migrationsDir, from, file, entry, table, notes };
  }
  // No config, or no entry for the database: wrangler's d1 commands will say so themselves; until
  // then, as before the config was read, chat-d1's own folder, unless ./migrations holds copies.
  if (sqlFiles("migrations").some((name) => copiedFrom(name) !== null)) {
    throw new AdoptError(
      `./migrations holds copies of chat-d1's migrations (chat-d1 migrations copy) but ${file ? `${file} has no d1_databases entry for ${entry}` : "no wrangler config was found"}: ` +
        "pass --migrations-dir migrations so that the copy's name is the one recorded",
    );
  }
  const from = file ? `${file} has no d1_databases entry for ${entry}: chat-d1's own` : "no wrangler.json, wrangler.jsonc or wrangler.toml found: chat-d1's own";
  return { dir: packageMigrationsDir, from, file, entry, table, notes };
}

/**
 * The first chat-d1 migration as it is named in the folder: the package's own name in the
 * package's folder (or a verbatim copy under that name), the copy's `MMMM_chat-d1-...` name in an
 * app's folder. A folder without one is refused: wrangler would never run chat-d1's migrations
 * from it, so recording any name there would only hide that until the chat API fails.
 */
function firstMigrationIn({ dir, from, file, entry }) {
  const first = packageMigrations()[0];
  const isChatD1 = (name) =>
    copiedFrom(name) === first ||
    (name === first && (isPackageFolder(dir) || statementsOf(readMigration(dir, name)) === statementsOf(readMigration(packageMigrationsDir, first))));
  const name = sqlFiles(dir).find(isChatD1);
  if (name) return name;
  const where = file ? `for ${entry} in ${file}` : `for ${entry} in your wrangler config`;
  throw new AdoptError(
    `refusing to adopt: ${shown(dir)} (${from}) holds no chat-d1 migration (neither chat-d1's ${first} nor a copy named ` +
      `MMMM_chat-d1-${first}), so \`wrangler d1 migrations apply\` would never run chat-d1's migrations; nothing was written. Either:\n` +
      `  - set "migrations_dir": "node_modules/chat-d1/migrations" ${where}, or\n` +
      `  - run \`npx chat-d1 migrations copy ${shellQuote([shown(dir)])}\` (chat-d1's migrations into your folder)\n` +
      `then run adopt again.`,
  );
}

/** A shell-ready rendering of `args`, for the command the user runs next. */
const shellQuote = (args) => args.map((arg) => (/^[\w./:=@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(" ");

/**
 * Adopts `database` and returns the lines to print. The folder is `migrationsDir` when given, else
 * the wrangler config's `migrations_dir` for the database; the table `migrationsTable`, else the
 * config's `migrations_table`, else d1_migrations. Every refusal about the folder comes before
 * wrangler is run at all.
 * @param {{ database: string, migrationsDir?: string, migrationsTable?: string, wranglerOptions: string[] }} options
 */
export function adopt({ database, migrationsDir, migrationsTable: tableOption, wranglerOptions }) {
  const folder = migrationsFolder(database, migrationsDir, tableOption, wranglerOptions);
  const name = firstMigrationIn(folder);
  const header = [`migrations: ${shown(folder.dir)} (${folder.from})`, ...folder.notes];
  const migrationsTable = folder.table;
  const expected = createdTables(readMigration(folder.dir, name));
  const run = (sql) => execute(database, wranglerOptions, sql);

  const tables = new Set(run("SELECT name FROM sqlite_schema WHERE type = 'table'")[0].map((row) => row.name));
  if (tables.has(migrationsTable)) {
    const applied = run(`SELECT name FROM ${quoteIdentifier(migrationsTable)}`)[0].map((row) => row.name);
    if (applied.includes(name)) return [...header, `${name} is already recorded in ${migrationsTable}: nothing to do`];
  }

  const present = expected.filter(({ table }) => tables.has(table));
  if (present.length === 0) {
    return [
      ...header,
      `none of ${name}'s tables (${expected.map((t) => t.table).join(", ")}) exist: nothing to adopt.`,
      `Create them with: ${shellQuote(["npx", "wrangler", "d1", "migrations", "apply", database, ...wranglerOptions])}`,
    ];
  }
  if (present.length < expected.length) {
    const missing = expected.filter(({ table }) => !tables.has(table)).map((t) => t.table);
    throw new AdoptError(`refusing to adopt: table(s) ${missing.join(", ")} of ${name} are missing; nothing was written`);
  }
  // Every column chat-d1 reads must be there; a SELECT of them all fails on the first absent one.
  // Backquoted, not double-quoted: SQLite (D1 included) reads a double-quoted name that matches no
  // column as a string literal, so `SELECT "role" FROM messages` succeeds on a table without it.
  for (const { table, columns } of expected) {
    try {
      run(`SELECT ${columns.map(backquote).join(", ")} FROM ${quoteIdentifier(table)} LIMIT 0`);
    } catch (error) {
      if (!(error instanceof D1CommandError)) throw error;
      throw new AdoptError(
        `refusing to adopt: table ${table} does not have the columns ${name} creates (${columns.join(", ")}): ` +
          `${error.message}; nothing was written`,
      );
    }
  }

  run(`${createMigrationsTableQuery(migrationsTable)}\nINSERT INTO ${quoteIdentifier(migrationsTable)} (name) VALUES (${quoteString(name)});`);
  return [
    ...header,
    `adopted: recorded ${name} as applied in ${migrationsTable} without running it`,
    `Next, apply chat-d1's later migrations:`,
    `  ${shellQuote(["npx", "wrangler", "d1", "migrations", "apply", database, ...wranglerOptions])}`,
  ];
}
