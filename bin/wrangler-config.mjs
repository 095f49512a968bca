// Reads an app's wrangler configuration the way wrangler's `d1` commands do, for what chat-d1's
// CLI must agree with wrangler on: which folder `wrangler d1 migrations apply` reads a database's
// migrations from, and which table it records them in. Lookup, env selection and defaults follow
// wrangler 4's own code (workers-utils' findWranglerConfig and normalizeAndValidateEnvironment, d1's
// getDatabaseInfoFromConfig and resolveMigrationsConfig). Node built-ins only: JSONC and the TOML
// wrangler configs use are parsed here.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** A wrangler config that cannot be read, or that wrangler itself would refuse. */
export class WranglerConfigError extends Error {}

/** The names wrangler looks for, in its order: a wrangler.json anywhere up wins over a wrangler.jsonc. */
export const CONFIG_NAMES = ["wrangler.json", "wrangler.jsonc", "wrangler.toml"];

/**
 * The value of option `long` (or its alias `short`) among wrangler's options (`--config X`,
 * `--config=X`, `-c X`, `-c=X`), the last one when repeated, or undefined.
 */
export function optionValue(options, long, short) {
  let value;
  for (let i = 0; i < options.length; i++) {
    const [flag, inline] = options[i].split(/=(.*)/s);
    if (flag !== long && flag !== short) continue;
    value = inline ?? options[i + 1];
    // wrangler refuses a flag without its value; guessing would read another file or env.
    if (value === undefined || (inline === undefined && value.startsWith("-"))) throw new WranglerConfigError(`${flag} needs a value`);
    if (inline === undefined) i++;
  }
  return value;
}

const isFile = (path) => existsSync(path) && statSync(path).isFile();

/**
 * The config file wrangler reads, or undefined: `--config`/`-c` (relative to `--cwd`, wrangler's
 * own working-directory flag, else `cwd`), else each of CONFIG_NAMES in turn searched from that
 * directory up to the root (wrangler's empathic `find.file`, one name after the other).
 */
export function findWranglerConfig(options, cwd = process.cwd()) {
  const base = resolve(cwd, optionValue(options, "--cwd") ?? ".");
  const given = optionValue(options, "--config", "-c");
  if (given !== undefined) return resolve(base, given);
  for (const name of CONFIG_NAMES) {
    for (let dir = base; ; dir = dirname(dir)) {
      if (isFile(join(dir, name))) return join(dir, name);
      if (dirname(dir) === dir) break;
    }
  }
  return undefined;
}

/**
 * JSON with comments (`//`, `/* *\/`) and trailing commas, as wrangler's parseJSONC accepts it
 * (jsonc-parser with allowTrailingComma). Comments are blanked outside strings only, so a URL's
 * `//` inside a string stays; then commas before `]`/`}` go, and JSON.parse does the rest.
 */
export function parseJsonc(text, file = "config") {
  let out = "";
  for (let i = 0; i < text.length; ) {
    if (text[i] === '"') {
      const end = /"(?:[^"\\\n]|\\.)*"/y;
      end.lastIndex = i;
      const string = end.exec(text)?.[0] ?? text.slice(i);
      out += string;
      i += string.length;
    } else if (text.startsWith("//", i)) {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (text.startsWith("/*", i)) {
      const close = text.indexOf("*/", i + 2);
      if (close < 0) throw new WranglerConfigError(`${file}: unterminated /* comment`);
      out += text.slice(i, close + 2).replace(/[^\n]/g, " ");
      i = close + 2;
    } else {
      out += text[i++];
    }
  }
  // Only outside strings: every string was copied whole above, so split on them again.
  const json = out.replace(/("(?:[^"\\\n]|\\.)*")|,(\s*[\]}])/g, (match, string, close) => string ?? close);
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new WranglerConfigError(`${file}: not valid JSON(C): ${error.message}`);
  }
}

/**
 * The TOML wrangler configs are written in: tables and arrays of tables (`[[d1_databases]]`,
 * `[[env.staging.d1_databases]]`), dotted and quoted keys, basic, literal and multi-line strings,
 * arrays over several lines, inline tables, comments. Numbers, booleans and dates are kept as
 * plain values: nothing chat-d1 reads is one.
 */
export function parseToml(text, file = "config") {
  let i = 0;
  const root = {};
  let table = root;
  const fail = (what) => {
    throw new WranglerConfigError(`${file}:${text.slice(0, i).split("\n").length}: ${what} (chat-d1 reads TOML itself, without a dependency)`);
  };
  const at = (pattern) => {
    pattern.lastIndex = i;
    const match = pattern.exec(text);
    if (match) i += match[0].length;
    return match;
  };
  const spaces = () => at(/[ \t]*(#[^\n]*)?/y);
  const blank = () => at(/(?:[ \t\r\n]|#[^\n]*)*/y);
  const expect = (token) => (text.startsWith(token, i) ? (i += token.length) : fail(`expected ${token}`));
  const ESCAPES = { b: "\b", t: "\t", n: "\n", f: "\f", r: "\r", '"': '"', "\\": "\\" };
  const unescape = (body) =>
    body.replace(/\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|[ \t]*\r?\n\s*|(.))/g, (all, u, U, other) =>
      u || U ? String.fromCodePoint(parseInt(u ?? U, 16)) : other === undefined ? "" : ESCAPES[other] ?? fail(`bad escape ${all}`),
    );
  const string = () => {
    const match =
      at(/"""\r?\n?([\s\S]*?"{0,2})"""/y) ?? at(/'''\r?\n?([\s\S]*?'{0,2})'''/y) ?? at(/"((?:[^"\\\n]|\\.)*)"/y) ?? at(/'([^'\n]*)'/y);
    if (!match) fail("unterminated string");
    return match[0][0] === '"' ? unescape(match[1]) : match[1];
  };
  const key = () => {
    const parts = [];
    do {
      spaces();
      parts.push(text[i] === '"' || text[i] === "'" ? string() : (at(/[A-Za-z0-9_-]+/y) ?? fail("expected a key"))[0]);
      spaces();
    } while (text[i] === "." && ++i);
    return parts;
  };
  const value = () => {
    if (text[i] === '"' || text[i] === "'") return string();
    if (text[i] === "[") {
      i++;
      const items = [];
      for (blank(); text[i] !== "]"; blank()) {
        items.push(value());
        blank();
        if (text[i] !== ",") break;
        i++;
      }
      expect("]");
      return items;
    }
    if (text[i] === "{") {
      i++;
      const inline = {};
      for (spaces(); text[i] !== "}"; spaces()) {
        assign(inline, key());
        spaces();
        if (text[i] !== ",") break;
        i++;
      }
      expect("}");
      return inline;
    }
    const scalar = at(/[0-9A-Za-z_:.+-]+(?: [0-9][0-9:.+Z-]*)?/y) ?? fail("expected a value");
    const word = scalar[0];
    return word === "true" ? true : word === "false" ? false : /^[+-]?\d[\d_]*(\.\d+)?$/.test(word) ? Number(word.replace(/_/g, "")) : word;
  };
  /** Where a dotted name leads from `from`, creating tables; an array of tables leads to its last. */
  const walk = (from, parts) => {
    let node = from;
    for (const part of parts) {
      node[part] ??= {};
      node = Array.isArray(node[part]) ? node[part].at(-1) : node[part];
      if (typeof node !== "object" || node === null) fail(`${parts.join(".")} is not a table`);
    }
    return node;
  };
  const assign = (into, parts) => {
    expect("=");
    spaces();
    const owner = walk(into, parts.slice(0, -1));
    // TOML (and wrangler) refuse a key given twice: keeping either would read a file wrangler won't.
    if (Object.hasOwn(owner, parts.at(-1))) fail(`${parts.join(".")} is defined twice`);
    owner[parts.at(-1)] = value();
  };

  for (blank(); i < text.length; blank()) {
    if (text.startsWith("[[", i)) {
      i += 2;
      const parts = key();
      expect("]]");
      const owner = walk(root, parts.slice(0, -1));
      const list = (owner[parts.at(-1)] ??= []);
      if (!Array.isArray(list)) fail(`${parts.join(".")} is not an array of tables`);
      list.push((table = {}));
    } else if (text[i] === "[") {
      i++;
      const parts = key();
      expect("]");
      table = walk(root, parts);
    } else {
      assign(table, key());
    }
    spaces();
    if (i < text.length && text[i] !== "\n" && text[i] !== "\r") fail("expected the end of the line");
  }
  return root;
}

/** The raw config object of `path`, by its extension as wrangler decides (anything else reads as empty). */
export function readWranglerConfig(path) {
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  if (path.endsWith(".toml")) return parseToml(text, path);
  if (path.endsWith(".json") || path.endsWith(".jsonc")) return parseJsonc(text, path);
  return {};
}

/**
 * The D1 database `database` (its binding or its database_name, as wrangler d1 accepts either) as
 * `wrangler d1 migrations apply` with `wranglerOptions` sees it: the config file (`configPath`,
 * undefined when there is none), the environment (`--env`/`-e`, else CLOUDFLARE_ENV), the entry
 * (null when the config has none for it), and, for an entry, its migrations folder (absolute,
 * relative to the config's directory, "migrations" by default) and table ("d1_migrations").
 * d1_databases is not inherited: a named environment has only its own; an environment the config
 * does not define falls back to the top level, as wrangler does when the config defines none.
 * @returns {{ configPath?: string, envName?: string, entry: object | null, migrationsDir?: string, migrationsTable?: string }}
 */
export function d1DatabaseConfig(database, wranglerOptions, { cwd = process.cwd(), env = process.env } = {}) {
  const configPath = findWranglerConfig(wranglerOptions, cwd);
  const envName = optionValue(wranglerOptions, "--env", "-e") ?? (env.CLOUDFLARE_ENV || undefined);
  if (configPath === undefined) return { configPath, envName, entry: null };
  if (!isFile(configPath)) throw new WranglerConfigError(`${configPath}: no such file (from --config)`);
  const config = readWranglerConfig(configPath);
  let scope = config;
  if (envName !== undefined && config.env?.[envName] !== undefined) scope = config.env[envName];
  else if (envName !== undefined && Object.keys(config.env ?? {}).length > 0) {
    throw new WranglerConfigError(
      `${configPath} has no environment "${envName}" (it has ${Object.keys(config.env).join(", ")}); wrangler refuses --env ${envName} too`,
    );
  }
  const databases = scope.d1_databases ?? [];
  if (!Array.isArray(databases)) throw new WranglerConfigError(`${configPath}: d1_databases is not an array`);
  const entry = databases.find((d) => d && (d.binding === database || d.database_name === database)) ?? null;
  if (!entry) return { configPath, envName, entry };
  return {
    configPath,
    envName,
    entry,
    migrationsDir: resolve(dirname(configPath), entry.migrations_dir ?? "migrations"),
    migrationsTable: entry.migrations_table || "d1_migrations",
  };
}
