// The headless Chromium the page suites drive (puppeteer-core, the machine's own browser or
// CHROMIUM's), launched with the flags a container needs, and what the page suites share: the two
// window sizes they check, where screenshots go, and a tab of the example page with the steps a
// person takes in it (send, start a new conversation) and the checks of its layout.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import puppeteer, { type Browser, type BrowserContext, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe } from "vitest";
// @ts-expect-error plain JS modules without type declarations
import { forVariant, startWorker } from "../../scripts/wrangler-dev.mjs";

/** A new headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
  });
}

/** A desktop's window and a phone's, at a device scale factor of 1. */
export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

/** Where the page suites' screenshots go (the CI keeps them as artifacts). */
export const ARTIFACTS = process.env.CHAT_D1_ARTIFACTS ?? fileURLToPath(new URL("../../target/page-screenshots", import.meta.url));

/** Types `text` into the page's field open for editing in place (a message, the title), then
 * presses Save, or, with `cancel`, Escape. */
export async function editInPlace(page: Page, text: string, { cancel = false } = {}) {
  const field = await page.waitForSelector(".in-place .in-place-field");
  await field!.evaluate((e, t) => ((e as HTMLInputElement).value = t), text);
  if (cancel) await field!.press("Escape");
  else await page.click(".in-place .save");
}

/** A tab of the example page at `url`, `width` x `height`, in a browser context of its own (its
 * own localStorage, so its own session). Dialogs are recorded in `dialogs` (`type: message`);
 * confirms are accepted but the first `declineConfirms`, alerts dismissed. */
export async function openTab(browser: Browser, url: string, { width, height }: { width: number; height: number }, { declineConfirms = 0 } = {}) {
  const context: BrowserContext = await browser.createBrowserContext();
  await context.overridePermissions(url, ["clipboard-read", "clipboard-write", "clipboard-sanitized-write"]);
  const page: Page = await context.newPage();
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    const confirms = dialogs.filter((d) => d.startsWith("confirm")).length;
    return dialog.type() === "confirm" && confirms > declineConfirms ? dialog.accept() : dialog.dismiss();
  });
  await page.goto(url);
  const narrow = width < 768;

  const replies = () => page.$eval("#messages", (e) => Number((e as HTMLElement).dataset.replies ?? 0));
  /** Waits until the page has seen more than `before` replies through (streamed, read back). */
  const repliedAfter = (before: number) =>
    page.waitForFunction((n) => Number(document.querySelector<HTMLElement>("#messages")!.dataset.replies ?? 0) > n, { timeout: 30_000 }, before);
  /** Puts `text` in the input (as typing would, without Enter sending each line) and presses Send. */
  async function submit(text: string) {
    await page.$eval("#text", (e, t) => {
      (e as HTMLTextAreaElement).value = t;
      e.dispatchEvent(new Event("input"));
    }, text);
    await page.click("#send-button");
  }
  return {
    /** The example's address (the Worker's). */
    url,
    page,
    context,
    narrow,
    dialogs,
    replies,
    repliedAfter,
    submit,
    /** Sends `text` and waits until its reply has streamed to the end and been read back. */
    async send(text: string) {
      const before = await replies();
      await submit(text);
      await repliedAfter(before);
    },
    /** Starts a new conversation (on a phone, from the drawer). */
    async newChat() {
      if (narrow) await page.click("#menu");
      await page.click("#new");
      await page.waitForFunction(() => document.querySelector("#title")?.textContent === "New conversation" && !document.querySelector(".message"));
    },
    /** How far the page, and the thread inside it, are wider than the window (0: not at all). */
    overflow: () =>
      page.evaluate(() => ({
        page: document.documentElement.scrollWidth - innerWidth,
        thread: document.querySelector("#messages")!.scrollWidth - document.querySelector("#messages")!.clientWidth,
      })),
    /** Whether the element `selector` is shown and lies inside the window. */
    onScreen: (selector: string) =>
      page.$eval(selector, (e) => {
        const r = e.getBoundingClientRect();
        const shown = getComputedStyle(e).visibility === "visible" && r.width > 0 && r.height > 0;
        return shown && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
      }),
    /** The text of the last reply's (last) text part. */
    lastReply: () => page.$eval(".message.assistant:last-of-type .text", (e) => e.textContent ?? ""),
    /** The text of the last user message. */
    lastUserText: () => page.$$eval(".message.user .text", (e) => e.at(-1)?.textContent),
  };
}

export type Tab = Awaited<ReturnType<typeof openTab>>;

/**
 * A page suite: one `wrangler dev` of the example (with `vars`) and one browser for the file, then
 * `body`'s tests at each of VIEWPORTS, each size in a tab of its own (`tab()` inside a test).
 */
export function describePageAtEachSize(
  vars: Record<string, string>,
  body: (tab: () => Tab, size: { width: number; height: number }) => void,
  tabOptions: Parameters<typeof openTab>[3] = {},
) {
  let worker: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    worker = await startWorker(forVariant({ vars }));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });
  describe.each(VIEWPORTS)("the page at $width x $height", (size) => {
    let tab: Tab;
    beforeAll(async () => {
      tab = await openTab(browser, worker.url, size, tabOptions);
    });
    afterAll(async () => {
      await tab?.context.close();
    });
    body(() => tab, size);
  });
}
