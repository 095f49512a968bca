// The example's chat page in headless Chromium against `wrangler dev`: send a message and see the
// reply stream in, reload, page the conversation list, open a conversation and load older messages,
// regenerate, rename and delete, as a person would.
import { afterAll, beforeAll, expect, it } from "vitest";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
// @ts-expect-error plain JS modules without type declarations
import { chat } from "../../examples/hono-chat/client/chat-client.mjs";
// @ts-expect-error plain JS modules without type declarations
import { forVariant, startWorker } from "../../scripts/wrangler-dev.mjs";

let worker: { url: string; stop: () => Promise<void> };
let browser: Browser;
let page: Page;

beforeAll(async () => {
  worker = await startWorker(forVariant());
  browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
  });
  page = await browser.newPage();
  page.on("dialog", (dialog) => dialog.accept("Renamed in the page"));
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

const texts = (selector: string) => page.$$eval(selector, (elements) => elements.map((e) => e.textContent ?? ""));
const visible = (id: string) => page.$eval(`#${id}`, (e) => !(e as HTMLElement).hidden);

/** Sends `text` from the page and waits until its streamed reply is done. */
async function send(text: string) {
  const done = (await page.$$(".message.assistant[data-done]")).length;
  await page.type("#text", text);
  await page.click("#send button");
  await page.waitForFunction((n) => document.querySelectorAll(".message.assistant[data-done]").length > n, {}, done);
}

it("streams a reply, survives a reload, pages, regenerates, renames and deletes", async () => {
  await page.goto(worker.url);
  await send("Hello from the page");
  expect(await texts(".message")).toEqual(["Hello from the page", 'Turn 1: you said "Hello from the page".']);
  await send("And again");
  expect((await texts(".message.assistant")).at(-1)).toBe('Turn 2: you said "And again".');

  // Eleven more conversations through the API, as the same session, so the list needs two pages.
  const sessionId = await page.evaluate(() => localStorage.sessionId as string);
  const topics = [];
  for (let i = 0; i < 11; i++) topics.push((await chat(worker.url, sessionId, `Topic ${i}`)).conversationId);
  // Topic 0 gets 22 messages, more than the page's 20 to a page.
  for (let i = 1; i <= 10; i++) await chat(worker.url, sessionId, `More ${i}`, { conversationId: topics[0] });
  await page.reload();
  await page.waitForSelector("#conversations li");
  expect(await texts("#conversations li")).toHaveLength(10);
  expect(await visible("more")).toBe(true);
  await page.click("#more");
  await page.waitForFunction(() => document.querySelectorAll("#conversations li").length === 12);
  expect(await visible("more")).toBe(false);

  // Topic 0: the newest 20 messages, then the older ones.
  await page.click(`#conversations li[data-id="${topics[0]}"]`);
  await page.waitForFunction(() => document.querySelectorAll(".message").length === 20);
  expect(await visible("older")).toBe(true);
  await page.click("#older");
  await page.waitForFunction(() => document.querySelectorAll(".message").length === 22);
  expect((await texts(".message"))[0]).toBe("Topic 0");
  expect(await visible("older")).toBe(false);

  // The first conversation, now last in the list: its 4 messages need no older page.
  await page.click("#conversations li:last-child");
  await page.waitForFunction(() => document.querySelectorAll(".message").length === 4);
  expect(await visible("older")).toBe(false);

  await page.click("#regenerate");
  await page.waitForSelector(".message.assistant[data-done]");
  expect(await texts(".message")).toEqual([
    "Hello from the page",
    'Turn 1: you said "Hello from the page".',
    "And again",
    'Turn 2: you said "And again".',
  ]);

  await page.click("#rename");
  await page.waitForFunction(() => document.querySelector("#title")?.textContent === "Renamed in the page");
  await page.waitForFunction(() => [...document.querySelectorAll("#conversations li")].some((li) => li.textContent === "Renamed in the page"));

  await page.click("#delete");
  await page.waitForFunction(() => document.querySelector("#title")?.textContent === "New conversation");
  await page.waitForFunction(() => ![...document.querySelectorAll("#conversations li")].some((li) => li.textContent === "Renamed in the page"));
  await page.screenshot({ path: process.env.PAGE_SCREENSHOT ?? "/tmp/chat-d1-page.png" });
});
