// Search in the example's page, in headless Chromium against `wrangler dev` (D1, or the Durable
// Object variant): typing lists the session's matching messages with their conversation and a
// snippet whose matched words are marked; a click opens the conversation at the match, on the
// match's branch even when an edit has since moved the conversation to another one.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "puppeteer-core";
import { launchChromium } from "./chromium";
// @ts-expect-error plain JS modules without type declarations
import { forVariant, startWorker } from "../../scripts/wrangler-dev.mjs";

let worker: { url: string; stop: () => Promise<void> };
let browser: Browser;
let page: Page;

beforeAll(async () => {
  worker = await startWorker(forVariant());
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

/** Sends `text` from the page and waits until its reply is stored (the page counts replies). */
async function send(text: string) {
  const before = await page.$eval("#messages", (e) => Number((e as HTMLElement).dataset.replies ?? 0));
  await page.type("#text", text);
  await page.click("#send button");
  await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>("#messages")!.dataset.replies ?? 0) > n, {}, before);
}

const shown = () => page.$$eval(".message .text", (elements) => elements.map((e) => e.textContent ?? ""));
const results = () =>
  page.$$eval("#results li", (items) => items.map((li) => ({ id: (li as HTMLElement).dataset.id, title: li.querySelector("strong")?.textContent, snippet: li.querySelector(".snippet")?.innerHTML })));

it("lists the matches with marked snippets and opens one on its own branch", async () => {
  await page.goto(worker.url);
  await send("the walrus sings at dawn");
  await send("tell me about otters");
  const first = page.url().split("#")[1]!;
  await page.click("#new");
  await send("a walrus in another conversation");
  // Back to the first conversation: its first message edited, so the walrus is on a branch left.
  await page.goto(`${worker.url}/#${first}`);
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll(".message.user").length === 2);
  page.once("dialog", (dialog) => void dialog.accept("the heron sings"));
  await page.click(".message.user .edit");
  await page.waitForFunction(() => [...document.querySelectorAll(".message.user .text")].map((e) => e.textContent).join() === "the heron sings");
  expect((await shown()).join(" ")).not.toContain("walrus");

  // Every word must match, the last as a prefix (search as you type).
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
  await page.screenshot({ path: process.env.PAGE_SEARCH_SCREENSHOT ?? "/tmp/chat-d1-page-search.png" });

  const match = all.find((r) => r.snippet === "the <mark>walrus</mark> sings at dawn")!;
  await page.click(`#results li[data-id="${match.id}"]`);
  await page.waitForSelector(".message.found");
  expect(await page.$eval(".message.found .text", (e) => e.textContent)).toBe("the walrus sings at dawn");
  expect(page.url()).toContain(`#${first}`);
  const branch = await shown();
  expect(branch[0]).toBe("the walrus sings at dawn");
  expect(branch.join(" ")).not.toContain("heron");
  // The match's branch is now the conversation's active one (as the arrows make it).
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll(".message.user").length > 0);
  expect((await shown())[0]).toBe("the walrus sings at dawn");
});
