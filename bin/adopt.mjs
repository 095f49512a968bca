// `chat-d1 adopt <DATABASE>`: for a database the old layer made (chat-d1's tables already there,
// without its CHECK constraints), records chat-d1's first migration as applied without running it,
// so `wrangler d1 migrations apply` goes on with the later ones. Reads everything it checks before
// it writes anything; a database it cannot vouch for is refused untouched.
import { copiedFrom, createdTables, packageMigrations, packageMigrationsDir, readMigration, sqlFiles } from "./migrations.mjs";
import { D1CommandError, execute } from "./wrangler.mjs";

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

/**
 * The first chat-d1 migration as it is named in `dir`: the package's own name in the package's
 * folder, the copy's `MMMM_chat-d1-...` name in an app's folder.
 */
function firstMigrationIn(dir) {
  const first = packageMigrations()[0];
  const name = sqlFiles(dir).find((file) => file === first || copiedFrom(file) === first);
  if (!name) {
    throw new AdoptError(
      `${dir} holds no copy of chat-d1's ${first}; run \`chat-d1 migrations copy ${dir}\` first, ` +
        `or leave out --migrations-dir when migrations_dir is node_modules/chat-d1/migrations`,
    );
  }
  return name;
}

/** A shell-ready rendering of `args`, for the command the user runs next. */
const shellQuote = (args) => args.map((arg) => (/^[\w./:=@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(" ");

/**
 * Adopts `database` and returns the lines to print.
 * @param {{ database: string, migrationsDir?: string, migrationsTable?: string, wranglerOptions: string[] }} options
 */
export function adopt({ database, migrationsDir, migrationsTable = "d1_migrations", wranglerOptions }) {
  // A project that copied chat-d1's migrations into ./migrations applies them under the copies'
  // names: recording the package's name instead would leave 0001 to run again, and fail.
  const copied = migrationsDir === undefined && sqlFiles("migrations").some((file) => copiedFrom(file) !== null);
  if (copied) {
    throw new AdoptError(
      "./migrations holds copies of chat-d1's migrations (chat-d1 migrations copy): pass --migrations-dir migrations " +
        "so that the copy's name is the one recorded",
    );
  }
  const name = firstMigrationIn(migrationsDir ?? packageMigrationsDir);
  migrationsDir ??= packageMigrationsDir;
  const expected = createdTables(readMigration(migrationsDir, name));
  const run = (sql) => execute(database, wranglerOptions, sql);

  const tables = new Set(run("SELECT name FROM sqlite_schema WHERE type = 'table'")[0].map((row) => row.name));
  if (tables.has(migrationsTable)) {
    const applied = run(`SELECT name FROM ${quoteIdentifier(migrationsTable)}`)[0].map((row) => row.name);
    if (applied.includes(name)) return [`${name} is already recorded in ${migrationsTable}: nothing to do`];
  }

  const present = expected.filter(({ table }) => tables.has(table));
  if (present.length === 0) {
    return [
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
    `adopted: recorded ${name} as applied in ${migrationsTable} without running it`,
    `Next, apply chat-d1's later migrations:`,
    `  ${shellQuote(["npx", "wrangler", "d1", "migrations", "apply", database, ...wranglerOptions])}`,
  ];
}
