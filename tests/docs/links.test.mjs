// The README and docs/ link only to what exists in the repository: every relative link's file, and
// every `#anchor` to a heading of the file it names, slugged as GitHub slugs headings. (That the
// README's targets also ship in the tarball is tests/package/tarball.test.mjs's to check.)
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const documents = ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** GitHub's anchor for a heading: lower case, punctuation but `-` and `_` dropped, spaces to `-`. */
export const slug = (heading) =>
  heading.trim().toLowerCase().replace(/[`*]/g, "").replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");

/** The anchors of a markdown file's headings (outside code blocks). */
function anchors(path) {
  const found = new Set();
  let fenced = false;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{1,6} (.*)$/.exec(line);
    if (heading) found.add(slug(heading[1]));
  }
  return found;
}

/** Each relative link of a markdown file (outside code blocks), as `[target, anchor]`. */
function links(path) {
  const text = readFileSync(path, "utf8").replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => target.split("#"));
}

test("the slug is GitHub's", () => {
  assert.equal(slug("Migrations and adoption"), "migrations-and-adoption");
  assert.equal(slug("Durable Objects: one database per session"), "durable-objects-one-database-per-session");
  assert.equal(slug("The `chat-d1` command"), "the-chat-d1-command");
});

for (const document of documents) {
  test(`${document}: every relative link and anchor resolves`, () => {
    const broken = [];
    const from = join(root, document);
    for (const [target, anchor] of links(from)) {
      const file = target === "" ? from : join(dirname(from), target);
      if (!existsSync(file)) broken.push(`${target}: no such file`);
      else if (anchor !== undefined && file.endsWith(".md") && !anchors(file).has(anchor)) {
        broken.push(`${target}#${anchor}: no such heading in ${relative(root, file)}`);
      }
    }
    assert.deepEqual(broken, []);
  });
}
