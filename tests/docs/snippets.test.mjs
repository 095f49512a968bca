// The README snippet extractor finds every TypeScript block however it is fenced, so none escapes
// the compile check (tests/docs/snippets.mjs runs that check in the test command).
import assert from "node:assert/strict";
import { test } from "node:test";
import { anchors, relativeLinks } from "./markdown.mjs";
import { checkTsconfig, typescriptSnippets } from "./snippets.mjs";

test("every TypeScript fence is extracted, whatever its spelling, indent or line ends", () => {
  const markdown = [
    "```typescript",
    "const a = 1;",
    "```",
    "- in a list:",
    "  ```ts title=\"x.ts\"",
    "  const b = 2;",
    "  ```",
    "~~~~tsx",
    "const c = <div />;",
    "~~~~",
    "```sh",
    "npm test",
    "```",
    "````ts",
    "```",
    "const d = 4;",
    "````",
  ].join("\r\n");
  assert.deepEqual(typescriptSnippets(markdown), [
    { line: 2, code: "const a = 1;" },
    { line: 6, code: "const b = 2;" },
    { line: 9, code: "const c = <div />;" },
    { line: 15, code: "```\nconst d = 4;" },
  ]);
});

test("a block never closed is an error, not a snippet swallowing the rest", () => {
  assert.throws(() => typescriptSnippets("```ts\nconst a = 1;\n"), /line 1: a code block is never closed/);
});

test("the check compiles with the README's own tsconfig.json, noUncheckedIndexedAccess on top", () => {
  const markdown = 'Text.\n\n```jsonc\n{ "compilerOptions": { "strict": true, "lib": ["es2022"] } }\n```\n';
  assert.deepEqual(checkTsconfig(markdown), {
    compilerOptions: { strict: true, lib: ["es2022"], noUncheckedIndexedAccess: true },
    include: ["*.ts"],
  });
  assert.throws(() => checkTsconfig("```jsonc\n{}\n```\n"), /shows no tsconfig/);
});

test("headings and links are read outside code: a `# comment` in a block is no heading, a link in code is none", () => {
  const markdown = "# Title `x`\n\n```sh\n# not a heading\n[no](link.md)\n```\n\nSee [the guide](guide.md#part) and `[code](no.md)`, [here](#title-x).\n";
  assert.deepEqual([...anchors(markdown)], ["title-x"]);
  assert.deepEqual(relativeLinks(markdown), [["guide.md", "part"], ["", "title-x"]]);
});
