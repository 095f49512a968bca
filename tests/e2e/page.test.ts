// The example's chat page in headless Chromium against `wrangler dev`: send a message and see the
// reply stream in, reload, page the conversation list, open a conversation and load older messages,
// regenerate, rename and delete, as a person would; then branches: regenerate a reply and edit a
// message (what they replace stays, behind the arrows), move between siblings, fork. At a
// desktop's 1280x800 and a phone's 390x844 (the conversation list behind the menu button).
import { join } from "node:path";
import { expect, it, vi } from "vitest";
import { ARTIFACTS, describePageAtEachSize, editInPlace } from "./chromium";
// @ts-expect-error plain JS modules without type declarations
import { chat } from "../../examples/hono-chat/client/chat-client.mjs";
// @ts-expect-error plain JS modules without type declarations
import { variant } from "../../scripts/wrangler-dev.mjs";

// The first delete is declined (nothing may go), the second confirmed.
describePageAtEachSize(
  {},
  (tab, { width }) => {
    it("streams a reply, survives a reload, pages, regenerates, renames and deletes", async () => {
      const { page, narrow, dialogs, url, replies, repliedAfter } = tab();
      /** Clicks `selector` in the sidebar, opening the drawer first on a phone. */
      async function inList(selector: string) {
        if (narrow && !(await page.$eval("body", (b) => b.classList.contains("menu-open")))) await page.click("#menu");
        await page.click(selector);
      }

      const texts = (selector: string) => page.$$eval(selector, (elements) => elements.map((e) => e.textContent ?? ""));
      const visible = (id: string) => page.$eval(`#${id}`, (e) => !(e as HTMLElement).hidden);

      /** Runs `act` and waits until the page has streamed one more reply to the end. */
      async function replied(act: () => Promise<unknown>) {
        const done = await replies();
        await act();
        await repliedAfter(done);
      }

      /** Sends `text` from the page and waits until its streamed reply is done. */
      async function send(text: string) {
        await page.type("#text", text);
        await replied(() => page.click("#send button"));
      }

      /** The texts of the messages shown. */
      const shown = () => texts(".message .text");

      await page.goto(url);
      await send("Hello from the page");
      expect(await shown()).toEqual(["Hello from the page", 'Turn 1: you said "Hello from the page".']);
      await send("And again");
      expect((await texts(".message.assistant .text")).at(-1)).toBe('Turn 2: you said "And again".');

      // Eleven more conversations through the API, as the same session, so the list needs two pages.
      const sessionId = await page.evaluate(() => localStorage.sessionId as string);
      const topics = [];
      for (let i = 0; i < 11; i++) topics.push((await chat(url, sessionId, `Topic ${i}`)).conversationId);
      // Topic 0 gets 22 messages, more than the page's 20 to a page.
      for (let i = 1; i <= 10; i++) await chat(url, sessionId, `More ${i}`, { conversationId: topics[0] });
      await page.reload();
      await page.waitForSelector("#conversations li");
      expect(await texts("#conversations li")).toHaveLength(10);
      expect(await visible("more")).toBe(true);
      await inList("#more");
      await page.waitForFunction(() => document.querySelectorAll("#conversations li").length === 12);
      expect(await visible("more")).toBe(false);

      // Topic 0: the newest 20 messages, then the older ones.
      await inList(`#conversations li[data-id="${topics[0]}"]`);
      await page.waitForFunction(() => document.querySelectorAll(".message").length === 20);
      expect(await visible("older")).toBe(true);
      await page.click("#older");
      await page.waitForFunction(() => document.querySelectorAll(".message").length === 22);
      expect((await shown())[0]).toBe("Topic 0");
      expect(await visible("older")).toBe(false);

      // The first conversation, now last in the list: its 4 messages need no older page.
      await inList("#conversations li:last-child");
      await page.waitForFunction(() => document.querySelectorAll(".message").length === 4);
      expect(await visible("older")).toBe(false);

      await replied(() => page.click("#regenerate"));
      expect(await shown()).toEqual([
        "Hello from the page",
        'Turn 1: you said "Hello from the page".',
        "And again",
        'Turn 2: you said "And again".',
      ]);
      // The regenerated reply is the second of two: the first is kept, one arrow away.
      const arrows = () => page.$eval(".message:last-child .tools", (e) => e.textContent ?? "");
      expect(await arrows()).toContain(" 2 / 2 ");
      await page.click(".message:last-child button.previous");
      await page.waitForFunction(() => document.querySelector(".message:last-child .tools")?.textContent?.includes(" 1 / 2 "));
      await page.click(".message:last-child button.next");
      await page.waitForFunction(() => document.querySelector(".message:last-child .tools")?.textContent?.includes(" 2 / 2 "));

      // Edit the second message: a sibling of it, answered; the original stays behind the arrows.
      await replied(async () => {
        await page.click(".message.user:nth-of-type(3) button.edit");
        await editInPlace(page, "Edited in the page");
      });
      expect(await shown()).toEqual([
        "Hello from the page",
        'Turn 1: you said "Hello from the page".',
        "Edited in the page",
        'Turn 2: you said "Edited in the page".',
      ]);
      const editedTools = () => page.$eval(".message.user:nth-of-type(3) .tools", (e) => e.textContent ?? "");
      expect(await editedTools()).toContain(" 2 / 2 ");
      await page.click(".message.user:nth-of-type(3) button.previous");
      await page.waitForFunction(() => document.querySelectorAll(".message .text")[2]?.textContent === "And again");
      expect((await shown()).at(-1)).toBe('Turn 2: you said "And again".');
      await page.screenshot({ path: join(ARTIFACTS, `page-${width}-branches-${variant}.png`) });

      // Fork at the first reply: a new conversation of its two messages, opened.
      await page.click(".message.assistant:nth-of-type(2) button.fork");
      await page.waitForFunction(() => document.querySelector("#title")?.textContent?.endsWith("(fork)"));
      await page.waitForFunction(() => document.querySelectorAll(".message").length === 2);
      expect(await shown()).toEqual(["Hello from the page", 'Turn 1: you said "Hello from the page".']);
      // The newest conversation, first in the list.
      expect((await texts("#conversations li"))[0]).toMatch(/\(fork\)$/);
      // Rename and delete act on the fork, now open.

      await page.click("#rename");
      await editInPlace(page, "Renamed in the page");
      await page.waitForFunction(() => document.querySelector("#title")?.textContent === "Renamed in the page");
      await page.waitForFunction(() => [...document.querySelectorAll("#conversations li")].some((li) => li.textContent === "Renamed in the page"));

      // Delete asks first; declined, nothing goes; confirmed, the conversation does.
      await page.click("#delete");
      const confirms = () => dialogs.filter((d) => d.startsWith("confirm"));
      await vi.waitFor(() => expect(confirms()).toEqual(['confirm: Delete "Renamed in the page" and all its messages?']));
      expect(await page.$eval("#title", (e) => e.textContent)).toBe("Renamed in the page");
      await page.click("#delete");
      await page.waitForFunction(() => document.querySelector("#title")?.textContent === "New conversation");
      expect(confirms()).toHaveLength(2);
      await page.waitForFunction(() => ![...document.querySelectorAll("#conversations li")].some((li) => li.textContent === "Renamed in the page"));
      await page.screenshot({ path: join(ARTIFACTS, `page-${width}-deleted-${variant}.png`) });
    });
  },
  { declineConfirms: 1 },
);
