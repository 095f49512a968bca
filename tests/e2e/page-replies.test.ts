// Replies in flight in the example's page, in headless Chromium against `wrangler dev`: a reload
// mid-reply shows the reply going on from where it was (not lost, not twice), the stop button keeps
// what was streamed as `stopped`, and after a wrangler dev killed mid-reply and restarted the page
// shows the reply `interrupted` and regenerates it. On D1, or the Durable Object variant, at a
// desktop's 1280x800 and a phone's 390x844; screenshots in CHAT_D1_ARTIFACTS.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "puppeteer-core";
import { ARTIFACTS, launchChromium, VIEWPORTS } from "./chromium";
// @ts-expect-error plain JS modules without type declarations
import { forVariant, startWorker, variant } from "../../scripts/wrangler-dev.mjs";

type Worker = { url: string; stop: () => Promise<void>; kill: () => Promise<void>; persistTo: string; removeState: () => void };

const VARS = { REPLY_DELAY_MS: "40", STALE_AFTER_MS: "1500" };
let worker: Worker;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  worker = await startWorker(forVariant({ vars: VARS }));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

/** A message of `words` words, and the whole reply the example's assistant makes to it. */
function message(words: number, turn = 1) {
  const text = Array.from({ length: words }, (_, i) => `w${i}`).join(" ");
  return { text, reply: `Turn ${turn}: you said "${text}".` };
}

const replies = () => page.$$eval(".message.assistant .text", (elements) => elements.map((e) => e.textContent ?? ""));
const statuses = () => page.$$eval(".message.assistant .status", (elements) => elements.map((e) => e.textContent ?? ""));

/** Types `text` and sends it, then waits until the reply shows at least `words` words. */
async function sendAndWait(text: string, words: number) {
  await page.type("#text", text);
  await page.click("#send button");
  await page.waitForFunction(
    (n) => (document.querySelector(".message.assistant:last-of-type .text")?.textContent ?? "").split(" ").length >= n,
    {},
    words,
  );
}

describe.each(VIEWPORTS)("at $width x $height", ({ width, height }) => {
  beforeAll(async () => {
    // A context of its own per size: its own localStorage, so its own session.
    page = await (await browser.createBrowserContext()).newPage();
    await page.setViewport({ width, height, deviceScaleFactor: 1 });
  });

  it("a reload mid-reply shows the reply going on from where it was, once", async () => {
    await page.goto(worker.url);
    const { text, reply } = message(25);
    await sendAndWait(text, 5);
    expect(page.url()).toMatch(/#\/c\/[0-9a-f-]{36}$/);
    await page.reload();
    // The page opens the conversation its URL names and follows the reply to its end.
    await page.waitForFunction((whole) => document.querySelector(".message.assistant .text")?.textContent === whole, { timeout: 20_000 }, reply);
    await page.waitForFunction(() => !document.querySelector(".message.assistant .status") && document.querySelector("#stop")!.hidden);
    expect(await replies()).toEqual([reply]);
    await page.reload();
    await page.waitForSelector(".message.assistant .text");
    expect(await replies()).toEqual([reply]);
  });

  it("the stop button keeps what was streamed, stopped", async () => {
    const { text, reply } = message(40, 2);
    await sendAndWait(text, 6);
    await page.click("#stop");
    await page.waitForFunction(() => document.querySelector(".message.assistant:last-of-type .status")?.textContent === "(stopped)");
    const kept = (await replies()).at(-1)!;
    expect(reply.startsWith(kept) && kept.length < reply.length).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, `page-${width}-stopped-${variant}.png`) });
  });

  it("after a wrangler dev killed mid-reply, shows the reply interrupted and regenerates it", async () => {
    const own: Worker = await startWorker(forVariant({ vars: VARS }));
    const tab = await browser.newPage();
    await tab.setViewport({ width, height, deviceScaleFactor: 1 });
    try {
      await tab.goto(own.url);
      const { text, reply } = message(60);
      await tab.type("#text", text);
      await tab.click("#send button");
      await tab.waitForFunction(() => (document.querySelector(".message.assistant .text")?.textContent ?? "").split(" ").length >= 8);
      const [sessionId, hash] = await tab.evaluate(() => [localStorage.sessionId as string, location.hash]);
      await own.kill();
      const again: Worker = await startWorker(forVariant({ vars: VARS, persistTo: own.persistTo }));
      try {
        await new Promise((resolve) => setTimeout(resolve, 1600));
        // The same session on the restarted Worker (a new port is a new origin for localStorage).
        await tab.goto(`${again.url}/favicon.ico`);
        await tab.evaluate((id) => void (localStorage.sessionId = id), sessionId);
        await tab.goto(`${again.url}/${hash}`);
        await tab.waitForFunction(() => document.querySelector(".message.assistant .status")?.textContent === "(interrupted)");
        const kept = await tab.$eval(".message.assistant .text", (e) => e.textContent ?? "");
        // Its last checkpoint: 8 chunks at 40 ms passed the first (at 250 ms).
        expect(kept.length).toBeGreaterThan(0);
        expect(reply.startsWith(kept)).toBe(true);
        await tab.screenshot({ path: join(ARTIFACTS, `page-${width}-interrupted-${variant}.png`) });
        await tab.click(".message.assistant button.again");
        await tab.waitForFunction((whole) => document.querySelector(".message.assistant .text")?.textContent === whole, { timeout: 20_000 }, reply);
        // The interrupted reply is kept, one arrow away.
        await tab.waitForFunction(() => document.querySelector(".message.assistant .tools")?.textContent?.includes(" 2 / 2 "));
        expect(await tab.$$eval(".message.assistant .status", (e) => e.length)).toBe(0);
      } finally {
        await again.stop();
      }
    } finally {
      await tab.close();
      own.removeState();
    }
  });
});
