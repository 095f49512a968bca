// The README and docs/ link only to what exists in the repository: every relative link's file, and
// every `#anchor` to a heading of the file it names, slugged as GitHub slugs headings. (That the
// README's targets also ship in the tarball is tests/package/tarball.test.mjs's to check.)
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { anchors, relativeLinks, slug } from "./markdown.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const documents = ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

test("the slug is GitHub's", () => {
  assert.equal(slug("Migrations and adoption"), "migrations-and-adoption");
  assert.equal(slug("Durable Objects: one database per session"), "durable-objects-one-database-per-session");
  assert.equal(slug("The `chat-d1` command"), "the-chat-d1-command");
});

for (const document of documents) {
  test(`${document}: every relative link and anchor resolves`, () => {
    const broken = [];
    const from = join(root, document);
    for (const [target, anchor] of relativeLinks(readFileSync(from, "utf8"))) {
      const file = target === "" ? from : join(dirname(from), target);
      if (!existsSync(file)) broken.push(`${target}: no such file`);
      else if (anchor !== undefined && file.endsWith(".md") && !anchors(readFileSync(file, "utf8")).has(anchor)) {
        broken.push(`${target}#${anchor}: no such heading in ${relative(root, file)}`);
      }
    }
    assert.deepEqual(broken, []);
  });
}
