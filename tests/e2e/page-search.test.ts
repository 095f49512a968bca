// Search in the example's page, in headless Chromium against `wrangler dev` (D1, or the Durable
// Object variant), at a desktop's 1280x800 and a phone's 390x844 (the search box in the drawer):
// typing lists the session's matching messages with their conversation and a snippet whose matched
// words are marked; a click opens the conversation at the match, on the match's branch even when
// an edit has since moved the conversation to another one.
import { statSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ARTIFACTS, describePageAtEachSize, editInPlace } from "./chromium";
// @ts-expect-error plain JS modules without type declarations
import { variant } from "../../scripts/wrangler-dev.mjs";

describePageAtEachSize({}, (tab, { width }) => {
  it("lists the matches with marked snippets and opens one on its own branch", async () => {
    const { page, send, newChat, narrow, onScreen } = tab();
    const shown = () => page.$$eval(".message .text", (elements) => elements.map((e) => e.textContent ?? ""));
    const results = () =>
      page.$$eval("#results li", (items) =>
        items.map((li) => ({ id: (li as HTMLElement).dataset.id, title: li.querySelector("strong")?.textContent, snippet: li.querySelector(".snippet")?.innerHTML })),
      );
    await send("the walrus sings at dawn");
    await send("tell me about otters");
    const [base, first] = page.url().split("#") as [string, string];
    await newChat();
    await send("a walrus in another conversation");
    // Back to the first conversation: its first message edited, so the walrus is on a branch left.
    await page.goto(`${base}#${first}`);
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll(".message.user").length === 2);
    await page.click(".message.user .edit");
    await editInPlace(page, "the heron sings");
    await page.waitForFunction(() => [...document.querySelectorAll(".message.user .text")].map((e) => e.textContent).join() === "the heron sings");
    expect((await shown()).join(" ")).not.toContain("walrus");

    // Every word must match, the last as a prefix (search as you type). On a phone the box is in
    // the drawer.
    if (narrow) await page.click("#menu");
    expect(await onScreen("#search")).toBe(true);
    await page.type("#search", "walrus si");
    await page.waitForFunction(() => document.querySelectorAll("#results li[data-id]").length > 0);
    const found = await results();
    expect(found.map((r) => r.snippet)).toContain("the <mark>walrus</mark> <mark>sings</mark> at dawn");
    await page.click("#search", { clickCount: 3 });
    await page.type("#search", "walrus");
    await page.waitForFunction(() => document.querySelectorAll("#results li[data-id]").length === 4);
    const all = await results();
    // Each user message and the reply that echoes it, in both conversations.
    expect(all.every((r) => r.snippet!.includes("<mark>walrus</mark>"))).toBe(true);
    expect(new Set(all.map((r) => r.title)).size).toBe(2);
    const screenshot = join(ARTIFACTS, `page-${width}-search-${variant}.png`);
    await page.screenshot({ path: screenshot });
    expect(statSync(screenshot).size).toBeGreaterThan(1000);

    const match = all.find((r) => r.snippet === "the <mark>walrus</mark> sings at dawn")!;
    await page.click(`#results li[data-id="${match.id}"]`);
    await page.waitForSelector(".message.found");
    // The drawer closed on the click: the match is on screen.
    expect(await onScreen(".message.found")).toBe(true);
    expect(await page.$eval(".message.found .text", (e) => e.textContent)).toBe("the walrus sings at dawn");
    expect(page.url()).toContain(first);
    const branch = await shown();
    expect(branch[0]).toBe("the walrus sings at dawn");
    expect(branch.join(" ")).not.toContain("heron");
    // The match's branch is now the conversation's active one (as the arrows make it).
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll(".message.user").length > 0);
    expect((await shown())[0]).toBe("the walrus sings at dawn");
  });
});
