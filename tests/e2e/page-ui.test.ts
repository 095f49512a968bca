// The example page as a chat UI, in headless Chromium against `wrangler dev` (D1, or the Durable
// Object variant), at a desktop's 1280x800 and a phone's 390x844: no horizontal overflow and the
// list behind a menu on the phone; replies as safe Markdown (HTML in a message stays text); a
// 2,000-character word keeping every button on screen; Send locked while a reply streams, Stop
// keeping what came; the thread following a streaming reply unless the reader scrolled up; a
// refused send (too large, or the network down) shown as an error with the text kept; the title in
// the header, the URL per conversation through a reload and back and forward; the AI SDK route's
// tool calls and reasoning shown collapsed, the browser's tool answered from the page. Screenshots
// of both sizes go to CHAT_D1_ARTIFACTS (default target/page-screenshots).
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "puppeteer-core";
import { launchChromium } from "./chromium";
// @ts-expect-error plain JS modules without type declarations
import { forVariant, startWorker, variant } from "../../scripts/wrangler-dev.mjs";

const ARTIFACTS = process.env.CHAT_D1_ARTIFACTS ?? fileURLToPath(new URL("../../target/page-screenshots", import.meta.url));
let worker: { url: string; stop: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Replies paced (30 ms a word) so that the send lock, Stop and scrolling can be seen mid-reply.
  worker = await startWorker(forVariant({ vars: { REPLY_DELAY_MS: "30" } }));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

/** The Markdown a user sends; the example's assistant echoes it inside its reply. */
const MARKDOWN = [
  "**bold** and *italic* and `npm test`",
  "",
  "## A heading",
  "",
  "- first item",
  "- second item",
  "",
  "1. one",
  "2. two",
  "",
  "```js",
  'const tag = "<b>";',
  "```",
  "",
  "[the docs](https://example.com/docs) and [bad](javascript:void0)",
  "",
  '<img src=x onerror="window.__xss=1;alert(1)"> <script>window.__xss=2;alert(2)</script>',
].join("\n");

describe.each([
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
])("the page at $width x $height", ({ width, height }) => {
  const narrow = width < 768;
  let context: BrowserContext;
  let page: Page;
  /** Every dialog the page opened, as `type: message`; prompts get `answers`, in order. */
  const dialogs: string[] = [];
  const answers: string[] = [];

  beforeAll(async () => {
    // A context of its own: its own localStorage, so its own session.
    context = await browser.createBrowserContext();
    await context.overridePermissions(worker.url, ["clipboard-read", "clipboard-write", "clipboard-sanitized-write"]);
    page = await context.newPage();
    await page.setViewport({ width, height, deviceScaleFactor: 1 });
    page.on("dialog", (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      return dialog.type() === "prompt" ? dialog.accept(answers.shift() ?? "") : dialog.dismiss();
    });
    await page.goto(worker.url);
  });

  afterAll(async () => {
    await context?.close();
  });

  const replies = () => page.$eval("#messages", (e) => Number((e as HTMLElement).dataset.replies ?? 0));
  /** Puts `text` in the input (as typing would) and presses Send. */
  async function submit(text: string) {
    await page.$eval("#text", (e, t) => {
      (e as HTMLTextAreaElement).value = t;
      e.dispatchEvent(new Event("input"));
    }, text);
    await page.click("#send-button");
  }
  /** Sends `text` and waits until its reply has streamed to the end and been read back. */
  async function send(text: string) {
    const before = await replies();
    await submit(text);
    await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>("#messages")!.dataset.replies ?? 0) > n, { timeout: 30_000 }, before);
  }
  /** Starts a new conversation (on a phone, from the drawer). */
  async function newChat() {
    if (narrow) await page.click("#menu");
    await page.click("#new");
    await page.waitForFunction(() => document.querySelector("#title")?.textContent === "New conversation" && !document.querySelector(".message"));
  }
  /** Nothing wider than the window: the page, and inside the thread. */
  const overflow = () =>
    page.evaluate(() => ({
      page: document.documentElement.scrollWidth - innerWidth,
      thread: document.querySelector("#messages")!.scrollWidth - document.querySelector("#messages")!.clientWidth,
    }));
  /** Whether the element `selector` is shown and lies inside the window. */
  const onScreen = (selector: string) =>
    page.$eval(selector, (e) => {
      const r = e.getBoundingClientRect();
      const shown = getComputedStyle(e).visibility === "visible" && r.width > 0 && r.height > 0;
      return shown && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
    });
  const lastReply = () => page.$eval(".message.assistant:last-of-type .text", (e) => e.textContent ?? "");
  const lastUserText = () => page.$$eval(".message.user .text", (e) => e.at(-1)?.textContent);

  it("fits the window, the conversation list behind the menu on a phone", async () => {
    expect(await overflow()).toEqual({ page: 0, thread: 0 });
    expect(await onScreen("#text")).toBe(true);
    expect(await onScreen("#send-button")).toBe(true);
    if (!narrow) {
      expect(await onScreen("#sidebar")).toBe(true);
      expect(await page.$eval("#menu", (e) => getComputedStyle(e).display)).toBe("none");
      return;
    }
    expect(await onScreen("#menu")).toBe(true);
    expect(await onScreen("#sidebar")).toBe(false);
    await page.click("#menu");
    await page.waitForFunction(() => getComputedStyle(document.querySelector("#sidebar")!).visibility === "visible");
    expect(await onScreen("#sidebar")).toBe(true);
    expect(await onScreen("#new")).toBe(true);
    expect(await overflow()).toEqual({ page: 0, thread: 0 });
    await page.screenshot({ path: join(ARTIFACTS, `page-${width}-menu-${variant}.png`) });
    // The backdrop closes it (and so does picking a conversation, below).
    await page.mouse.click(width - 10, height / 2);
    await page.waitForFunction(() => getComputedStyle(document.querySelector("#sidebar")!).visibility === "hidden");
  });

  it("renders replies as Markdown, HTML in a message as text", async () => {
    await send(MARKDOWN);
    const reply = await page.$(".message.assistant:last-of-type .text");
    const read = <T>(fn: (e: Element) => T) => reply!.evaluate(fn);
    expect(await read((e) => e.querySelector("strong")?.textContent)).toBe("bold");
    expect(await read((e) => e.querySelector("em")?.textContent)).toBe("italic");
    expect(await read((e) => e.querySelector("p > code")?.textContent)).toBe("npm test");
    expect(await read((e) => e.querySelector("h2")?.textContent)).toBe("A heading");
    expect(await read((e) => [...e.querySelectorAll("ul > li")].map((li) => li.textContent))).toEqual(["first item", "second item"]);
    expect(await read((e) => [...e.querySelectorAll("ol > li")].map((li) => li.textContent))).toEqual(["one", "two"]);
    expect(await read((e) => e.querySelector(".code-block .code-lang")?.textContent)).toBe("js");
    expect(await read((e) => e.querySelector(".code-block pre code")?.textContent)).toBe('const tag = "<b>";');
    const links = await read((e) => [...e.querySelectorAll("a")].map((a) => ({ href: a.getAttribute("href"), rel: a.rel, target: a.target, text: a.textContent })));
    expect(links).toEqual([{ href: "https://example.com/docs", rel: "noopener noreferrer", target: "_blank", text: "the docs" }]);
    expect(await read((e) => e.textContent)).toContain("bad (javascript:void0)");
    // The HTML is shown as the characters it is, in the reply and in the user's own message.
    expect(await read((e) => e.textContent)).toContain('<img src=x onerror="window.__xss=1;alert(1)"> <script>window.__xss=2;alert(2)</script>');
    expect(await lastUserText()).toBe(MARKDOWN);
    expect(await page.$$eval("#messages img, #messages script, #messages [onerror]", (e) => e.length)).toBe(0);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs.filter((d) => d.startsWith("alert"))).toEqual([]);
    // The copy button puts the code on the clipboard.
    await page.click(".message.assistant:last-of-type .code-block .copy");
    await page.waitForFunction(() => document.querySelector(".message.assistant:last-of-type .copy")?.textContent === "Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('const tag = "<b>";');
    expect(await overflow()).toEqual({ page: 0, thread: 0 });
  });

  it("keeps every button on screen with a 2,000-character word", async () => {
    const word = "W".repeat(2000);
    await send(word);
    expect(await lastUserText()).toBe(word);
    expect(await overflow()).toEqual({ page: 0, thread: 0 });
    for (const selector of ["#send-button", "#text", "#delete", "#rename", ".message.user:nth-last-of-type(2) button.edit", ".message.assistant:last-of-type button.again"]) {
      // The message is tall (its word wraps): its buttons are scrolled to, then must be in view.
      await page.$eval(selector, (e) => e.scrollIntoView({ block: "center" }));
      expect([selector, await onScreen(selector)]).toEqual([selector, true]);
    }
    // Each message's box stays inside the window.
    const rights = await page.$$eval(".message .body", (bodies) => bodies.map((b) => b.getBoundingClientRect().right));
    expect(Math.max(...rights)).toBeLessThanOrEqual(width);
  });

  it("locks Send while a reply streams; Stop keeps what came", async () => {
    const text = Array.from({ length: 60 }, (_, i) => `s${i}`).join(" ");
    // The assistant numbers its turns: this one is the user's next.
    const turn = (await page.$$eval(".message.user", (e) => e.length)) + 1;
    await submit(text);
    // 15 words in: past the reply's first checkpoint (250 ms), what a stop on D1 keeps.
    await page.waitForFunction(() => (document.querySelector(".message.assistant:last-of-type .text")?.textContent ?? "").split(" ").length >= 15);
    expect(await page.$eval("#send-button", (e) => (e as HTMLButtonElement).disabled)).toBe(true);
    expect(await onScreen("#stop")).toBe(true);
    // Enter while locked sends nothing; what is typed stays for later.
    const users = await page.$$eval(".message.user", (e) => e.length);
    await page.type("#text", "not yet");
    await page.keyboard.press("Enter");
    expect(await page.$$eval(".message.user", (e) => e.length)).toBe(users);
    await page.click("#stop");
    await page.waitForFunction(() => document.querySelector(".message.assistant:last-of-type .status")?.textContent === "(stopped)");
    const kept = await lastReply();
    const whole = `Turn ${turn}: you said "${text}".`;
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(whole.length);
    expect(whole.startsWith(kept)).toBe(true);
    expect(await page.$eval("#send-button", (e) => (e as HTMLButtonElement).disabled)).toBe(false);
    expect(await page.$eval("#stop", (e) => (e as HTMLElement).hidden)).toBe(true);
    expect(await page.$eval("#text", (e) => (e as HTMLTextAreaElement).value)).toBe("not yet");
    await page.$eval("#text", (e) => void ((e as HTMLTextAreaElement).value = ""));
  });

  it("follows a streaming reply to the bottom, unless the reader scrolled up", async () => {
    const lines = Array.from({ length: 90 }, (_, i) => `line ${i}`).join("\n");
    await submit(lines);
    const replyLength = () => lastReply().then((t) => t.length);
    await page.waitForFunction(() => (document.querySelector(".message.assistant:last-of-type .text")?.textContent ?? "").includes("line 30"));
    const position = () => page.$eval("#messages", (e) => ({ fromBottom: e.scrollHeight - e.scrollTop - e.clientHeight, top: e.scrollTop, overflows: e.scrollHeight > e.clientHeight * 1.5 }));
    const following = await position();
    expect(following.overflows).toBe(true);
    expect(following.fromBottom).toBeLessThan(48);
    // The reader scrolls up: the page leaves them there while the reply goes on.
    await page.$eval("#messages", (e) => void (e.scrollTop = 0));
    const at = await replyLength();
    await page.waitForFunction((n) => (document.querySelector(".message.assistant:last-of-type .text")?.textContent ?? "").length > n + 40, {}, at);
    expect((await position()).top).toBe(0);
    expect(await onScreen("#to-bottom")).toBe(true);
    // Ended and read back as stored, the reply leaves the reader where they were.
    const before = await replies();
    await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>("#messages")!.dataset.replies ?? 0) > n, { timeout: 30_000 }, before);
    expect((await position()).top).toBe(0);
    await page.click("#to-bottom");
    expect((await position()).fromBottom).toBeLessThan(48);
  });

  it("shows a refused send as an error and keeps the text", async () => {
    const count = () => page.$$eval(".message", (e) => e.length);
    const before = await count();
    // Over the 2,000,000 bytes a message may take: the Worker refuses it (400, chat-d1's words).
    const huge = "z".repeat(2_100_000);
    await submit(huge);
    await page.waitForFunction(() => !document.querySelector<HTMLElement>("#error")!.hidden, { timeout: 30_000 });
    expect(await page.$eval("#error-text", (e) => e.textContent)).toMatch(/2,000,000.*\(400\)$/s);
    expect(await page.$eval("#text", (e) => (e as HTMLTextAreaElement).value.length)).toBe(huge.length);
    expect(await count()).toBe(before);
    expect(await onScreen("#error")).toBe(true);
    expect(await overflow()).toEqual({ page: 0, thread: 0 });
    await page.click("#error-close");
    // The network down: the request never reaches the Worker.
    await page.setRequestInterception(true);
    const drop = (request: import("puppeteer-core").HTTPRequest) =>
      void (request.url().endsWith("/api/chat/stream") ? request.abort("internetdisconnected") : request.continue());
    page.on("request", drop);
    try {
      await submit("sent while offline");
      await page.waitForFunction(() => !document.querySelector<HTMLElement>("#error")!.hidden);
      expect(await page.$eval("#error-text", (e) => e.textContent)).toMatch(/^Could not reach the server/);
      expect(await page.$eval("#text", (e) => (e as HTMLTextAreaElement).value)).toBe("sent while offline");
      expect(await count()).toBe(before);
    } finally {
      page.off("request", drop);
      await page.setRequestInterception(false);
    }
    await page.screenshot({ path: join(ARTIFACTS, `page-${width}-error-${variant}.png`) });
    // Back online, the same text goes; the error line goes too.
    await page.click("#send-button");
    await page.waitForFunction((n) => document.querySelectorAll(".message").length === n + 2 && !document.body.classList.contains("streaming"), { timeout: 30_000 }, before);
    expect(await page.$eval("#error", (e) => (e as HTMLElement).hidden)).toBe(true);
  });

  it("titles the conversation, names it in the URL, reopens it after a reload, and goes back and forward", async () => {
    await newChat();
    await send("Plan a trip to Lyon");
    expect(await page.$eval("#title", (e) => e.textContent)).toBe("Plan a trip to Lyon");
    const first = await page.evaluate(() => location.hash);
    expect(first).toMatch(/^#\/c\/[0-9a-f-]{36}$/);
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll(".message").length === 2);
    expect(await page.$eval("#title", (e) => e.textContent)).toBe("Plan a trip to Lyon");
    expect(await page.evaluate(() => location.hash)).toBe(first);

    await newChat();
    await send("A second topic");
    const second = await page.evaluate(() => location.hash);
    expect(second).not.toBe(first);
    // The list: picking a conversation opens it (and, on a phone, closes the drawer).
    await page.waitForSelector(`#conversations li[data-id="${second.slice(4)}"]`);
    if (narrow) await page.click("#menu");
    await page.click(`#conversations li[data-id="${first.slice(4)}"]`);
    await page.waitForFunction(() => document.querySelector("#title")?.textContent === "Plan a trip to Lyon");
    expect(await page.evaluate(() => location.hash)).toBe(first);
    if (narrow) expect(await onScreen("#sidebar")).toBe(false);
    await page.goBack();
    await page.waitForFunction(() => document.querySelector("#title")?.textContent === "A second topic");
    expect(await page.evaluate(() => location.hash)).toBe(second);
    await page.goForward();
    await page.waitForFunction(() => document.querySelector("#title")?.textContent === "Plan a trip to Lyon");
    expect(await page.$eval(".message.user .text", (e) => e.textContent)).toBe("Plan a trip to Lyon");

    // Rename, from the header.
    answers.push("Lyon in spring");
    await page.click("#rename");
    await page.waitForFunction(() => document.querySelector("#title")?.textContent === "Lyon in spring");
    await page.waitForFunction(() => [...document.querySelectorAll("#conversations li")].some((li) => li.textContent === "Lyon in spring"));
  });

  it("shows the AI SDK route's tool calls and reasoning, collapsed, and answers the browser's tool", async () => {
    // A conversation of its own, for the screenshot: a Markdown reply, then the tool call.
    await newChat();
    await send("Show me **Markdown**:\n```ts\nconst reply = await chat.startTurn(turn);\n```\n- one round trip\n- owned in SQL");
    await page.click("#use-tools");
    await send("What's the weather in Paris?");
    const tool = ".message.assistant:last-of-type details.tool";
    expect(await page.$eval(tool, (e) => ({ tool: (e as HTMLElement).dataset.tool, state: (e as HTMLElement).dataset.state, open: (e as HTMLDetailsElement).open }))).toEqual({
      tool: "getWeather",
      state: "output-available",
      open: false,
    });
    expect(await page.$eval(`${tool} summary`, (e) => e.textContent)).toBe("getWeatherdone");
    expect(JSON.parse(await page.$eval(`${tool} .tool-input`, (e) => e.textContent ?? ""))).toEqual({ city: "Paris" });
    expect(JSON.parse(await page.$eval(`${tool} .tool-output`, (e) => e.textContent ?? ""))).toEqual({ city: "Paris", celsius: 21 });
    expect(await lastReply()).toBe("It is 21 °C in Paris.");
    await page.click(`${tool} summary`);
    expect(await page.$eval(tool, (e) => (e as HTMLDetailsElement).open)).toBe(true);
    expect(await page.$eval(`${tool} .tool-output`, (e) => e.checkVisibility())).toBe(true);
    expect(await overflow()).toEqual({ page: 0, thread: 0 });
    await page.$eval("#messages", (e) => void (e.scrollTop = e.scrollHeight));
    // Two frames: the scroll painted before the picture is taken.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.screenshot({ path: join(ARTIFACTS, `page-${width}-${variant}.png`) });

    await send("Think about otters");
    const reasoning = ".message.assistant:last-of-type details.reasoning";
    expect(await page.$eval(reasoning, (e) => (e as HTMLDetailsElement).open)).toBe(false);
    expect(await page.$eval(`${reasoning} .reasoning-text`, (e) => e.textContent)).toBe("The user wants me to think about: Think about otters");
    expect(await lastReply()).toBe("You said: Think about otters");

    // getLocation is the browser's to answer: the page offers it, and the model goes on.
    await send("Where am I?");
    const asking = ".message.assistant:last-of-type details.tool[data-tool=getLocation]";
    expect(await page.$eval(asking, (e) => (e as HTMLElement).dataset.state)).toBe("input-available");
    const before = await replies();
    await page.click(`${asking} .answer-tool`);
    await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>("#messages")!.dataset.replies ?? 0) > n, { timeout: 30_000 }, before);
    expect(await page.$eval(asking, (e) => (e as HTMLElement).dataset.state)).toBe("output-available");
    expect(await lastReply()).toMatch(/^You are in .+\.$/);
    await page.click("#use-tools");
  });

  it("saved its screenshots", () => {
    for (const name of [`page-${width}-${variant}.png`, `page-${width}-error-${variant}.png`, ...(narrow ? [`page-${width}-menu-${variant}.png`] : [])]) {
      expect([name, statSync(join(ARTIFACTS, name)).size > 1000]).toEqual([name, true]);
    }
  });
});
