// Follows the module graph a bundler follows from the package's entry points, over the list of
// files in the tarball, and reports every relative import that points at a file the tarball lacks.
// Only the package's own files are walked; bare imports (none today) are reported as such, Node's
// built-ins (`node:...`, imported by the CLI in bin/) are not. Minified names may hold `$` (the
// packed glue reads `import{cellKinds as $}from"..."`).

// `import "x"`, and `import ... from "x"` / `export ... from "x"` (`export` has no bare form: the
// CLI's `["d1", "export", database]` is not an import).
const STATIC_IMPORT = /\b(?:import\s*|(?:import|export)\s*[\w$*{}\s,]+\s*from\s*)["']([^"']+)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;
const NEW_URL = /new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g;

/**
 * The specifiers a JS or TypeScript declaration file imports. A `new URL(path, import.meta.url)`
 * (how wasm-bindgen's glue names its .wasm) is a URL relative to the file even without `./`.
 */
export function specifiers(source) {
  const found = [];
  for (const pattern of [STATIC_IMPORT, DYNAMIC_IMPORT]) {
    for (const match of source.matchAll(pattern)) found.push(match[1]);
  }
  for (const match of source.matchAll(NEW_URL)) {
    found.push(/^\.{0,2}\//.test(match[1]) ? match[1] : `./${match[1]}`);
  }
  return found;
}

/** `specifier` resolved against the file `from`, both paths inside the package (posix). */
export function resolve(from, specifier) {
  const parts = from.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

/**
 * Walks from `entries` through `read(path)` (the text of a packed file) and returns the missing
 * files as `{ from, specifier, path }` (each file once), plus every file reached.
 * @param {string[]} entries package-relative paths
 * @param {Set<string>} packed package-relative paths of every file in the tarball
 * @param {(path: string) => string} read
 */
export function missingImports(entries, packed, read) {
  const missing = [];
  const reached = new Set();
  const queue = entries.map((path) => ({ from: "package.json", specifier: path, path }));
  while (queue.length > 0) {
    const edge = queue.shift();
    if (reached.has(edge.path)) continue;
    if (!packed.has(edge.path)) {
      // Once per file: the glue imports catching.js twice (named imports, and the namespace its
      // import object hands the wasm).
      if (!missing.some(({ path }) => path === edge.path)) missing.push(edge);
      continue;
    }
    reached.add(edge.path);
    if (!/\.(m?js|d\.ts)$/.test(edge.path)) continue;
    for (const specifier of specifiers(read(edge.path))) {
      // Node's built-in modules (the CLI's only imports besides its own files) ship with Node.
      if (specifier.startsWith("node:")) continue;
      // A folder named by URL (the CLI's `new URL("../migrations/", import.meta.url)`) is there
      // when the tarball holds a file in it.
      if (specifier.endsWith("/")) {
        const dir = resolve(edge.path, specifier);
        if (![...packed].some((path) => path.startsWith(`${dir}/`))) missing.push({ from: edge.path, specifier, path: `${dir}/` });
        continue;
      }
      if (!specifier.startsWith(".")) {
        missing.push({ from: edge.path, specifier, path: `(bare import ${specifier})` });
        continue;
      }
      // A declaration file names the declarations beside it as their `.js` (js/index.d.ts's
      // `export * from "./chat.js"` is js/chat.d.ts), as TypeScript resolves it.
      const path = resolve(edge.path, specifier);
      const declared = edge.path.endsWith(".d.ts") && path.endsWith(".js");
      queue.push({ from: edge.path, specifier, path: declared ? path.replace(/\.js$/, ".d.ts") : path });
    }
  }
  return { missing, reached };
}
