// The headless Chromium the page suites drive (puppeteer-core, the machine's own browser or
// CHROMIUM's), launched with the flags a container needs.
import puppeteer, { type Browser } from "puppeteer-core";

/** A new headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
  });
}
