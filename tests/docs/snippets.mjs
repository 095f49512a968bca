// Every TypeScript snippet of the README, extracted (not copied) and compiled under `tsc --strict`
// against a Worker project that has chat-d1 installed from the tarball (the test command passes the
// installed example's directory), as a user pasting it would compile it. Then a snippet with a
// planted type error must fail the same compile, so the check is seen to bite.
// Usage: node tests/docs/snippets.mjs <project-dir>
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { codeBlocks } from "./markdown.mjs";

const readme = fileURLToPath(new URL("../../README.md", import.meta.url));

/** The markdown's TypeScript blocks (```ts, ```typescript or ```tsx, whatever follows the language
 * word, indented in a list or not), each with the line its code starts on. */
export function typescriptSnippets(markdown) {
  return codeBlocks(markdown)
    .filter(({ language }) => ["ts", "typescript", "tsx"].includes(language))
    .map(({ line, code }) => ({ line, code }));
}

/** The compiler options of the check: the README's own tsconfig.json (its jsonc block naming
 * `compilerOptions`), so the guide's claim that its snippets compile with it is what is tested;
 * with `noUncheckedIndexedAccess` on top, as the example Worker compiles. */
export function checkTsconfig(markdown) {
  const block = codeBlocks(markdown).find(({ language, code }) => language.startsWith("json") && code.includes('"compilerOptions"'));
  if (!block) throw new Error("the README shows no tsconfig.json");
  const readmeConfig = JSON.parse(block.code);
  return { ...readmeConfig, compilerOptions: { ...readmeConfig.compilerOptions, noUncheckedIndexedAccess: true }, include: ["*.ts"] };
}

/** Writes `snippets` as modules into `dir` (inside `project`, so its node_modules resolve) and
 * compiles them with `tsconfig`; the compiler's output, or null when it passed. */
function compile(project, dir, snippets, tsconfig) {
  const folder = join(project, dir);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder);
  writeFileSync(join(folder, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  for (const { line, code } of snippets) writeFileSync(join(folder, `readme-line-${line}.ts`), `${code}\n`);
  try {
    execFileSync(join(project, "node_modules/.bin/tsc"), ["-p", folder], { encoding: "utf8" });
    return null;
  } catch (error) {
    return `${error.stdout ?? ""}${error.stderr ?? ""}` || String(error);
  }
}

const runAsScript = process.argv[1] === fileURLToPath(import.meta.url);
if (runAsScript) {
  const project = process.argv[2];
  if (!project) throw new Error("usage: node tests/docs/snippets.mjs <project-dir>");
  const markdown = readFileSync(readme, "utf8");
  const snippets = typescriptSnippets(markdown);
  const tsconfig = checkTsconfig(markdown);
  if (snippets.length < 5) throw new Error(`README.md has ${snippets.length} ts snippets: the extraction is broken`);
  const failed = compile(project, "readme-snippets", snippets, tsconfig);
  if (failed) {
    console.error(failed);
    throw new Error("a README snippet does not compile (file names give its README line)");
  }
  const planted = { line: 0, code: `${snippets[0].code}\nexport const planted: number = "not a number";` };
  const caught = compile(project, "readme-snippets-planted", [planted], tsconfig);
  if (!caught?.includes("readme-line-0.ts")) throw new Error(`a planted type error was not caught: ${caught}`);
  console.log(`README snippets: ${snippets.length} compile under tsc --strict with the README's tsconfig.json; a planted type error fails`);
}
