// The example page's flows, in headless Chromium against `wrangler dev` (D1, or the Durable Object
// variant), at a desktop's 1280x800 and a phone's 390x844: a refused send (too large, or the
// network down) shown as an error with the text kept; the title in the header, the URL per
// conversation through a reload and back and forward, rename; the AI SDK route's tool calls and
// reasoning shown collapsed, the browser's tool answered from the page. Screenshots of both sizes
// go to CHAT_D1_ARTIFACTS (default target/page-screenshots): page-<width>-<variant>.png.
import { statSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ARTIFACTS, describePageAtEachSize, editInPlace } from "./chromium";
// @ts-expect-error plain JS modules without type declarations
import { variant } from "../../scripts/wrangler-dev.mjs";

describePageAtEachSize({ REPLY_DELAY_MS: "30" }, (tab, { width }) => {
  it("shows a refused send as an error and keeps the text", async () => {
    const { page, submit, replies, repliedAfter, overflow, onScreen } = tab();
    const count = () => page.$$eval(".message", (e) => e.length);
    const before = await count();
    // The D1 bookmark the page holds (the list's read gave it one; the object variant has none).
    const bookmark = () => page.evaluate(() => sessionStorage.getItem("bookmark"));
    if (variant !== "durable") await page.waitForFunction(() => sessionStorage.getItem("bookmark") !== null);
    const held = await bookmark();
    // Over the 2,000,000 bytes a message may take: the Worker refuses it (400, chat-d1's words).
    const huge = "z".repeat(2_100_000);
    await submit(huge);
    await page.waitForFunction(() => !document.querySelector<HTMLElement>("#error")!.hidden, { timeout: 30_000 });
    expect(await page.$eval("#error-text", (e) => e.textContent)).toMatch(/2,000,000.*\(400\)$/s);
    expect(await page.$eval("#text", (e) => (e as HTMLTextAreaElement).value.length)).toBe(huge.length);
    expect(await count()).toBe(before);
    expect(await onScreen("#error")).toBe(true);
    expect(await overflow()).toEqual({ page: 0, thread: 0 });
    // Refused for its message, not its bookmark: the page keeps a bookmark (as new or newer).
    const kept = await bookmark();
    if (variant === "durable") expect(kept).toBeNull();
    else expect(kept !== null && kept >= held!).toBe(true);
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
    const seen = await replies();
    await page.click("#send-button");
    await repliedAfter(seen);
    expect(await count()).toBe(before + 2);
    expect(await page.$eval("#error", (e) => (e as HTMLElement).hidden)).toBe(true);
  });

  it("titles the conversation, names it in the URL, reopens it after a reload, and goes back and forward", async () => {
    const { page, narrow, send, newChat, onScreen } = tab();
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

    // Rename, from the header, in place: Escape leaves the title as it was, Save keeps the new one.
    await page.click("#rename");
    await editInPlace(page, "Not this", { cancel: true });
    expect(await page.$eval("#title", (e) => e.textContent)).toBe("Plan a trip to Lyon");
    await page.click("#rename");
    await editInPlace(page, "Lyon in spring");
    await page.waitForFunction(() => document.querySelector("#title")?.textContent === "Lyon in spring");
    await page.waitForFunction(() => [...document.querySelectorAll("#conversations li")].some((li) => li.textContent === "Lyon in spring"));
  });

  it("opens a link whose hash is not a conversation (a broken %-escape) as a new one, and sends", async () => {
    const { page, send } = tab();
    await page.goto(`${page.url().split("#")[0]}#/c/%`);
    await page.reload();
    await page.waitForFunction(() => document.querySelector("#title")?.textContent === "New conversation");
    await send("after a broken link");
    expect(await page.$eval("#title", (e) => e.textContent)).toBe("after a broken link");
    expect(await page.evaluate(() => location.hash)).toMatch(/^#\/c\/[0-9a-f-]{36}$/);
  });

  it("shows the AI SDK route's tool calls and reasoning, collapsed, and answers the browser's tool", async () => {
    const { page, replies, send, newChat, overflow, lastReply } = tab();
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
    const names = [`page-${width}-${variant}.png`, `page-${width}-error-${variant}.png`];
    for (const name of names) expect([name, statSync(join(ARTIFACTS, name)).size > 1000]).toEqual([name, true]);
  });
});
