// Open a page of a locally served site and collect what would make it broken for a reader:
// console errors, page errors, failed or 4xx/5xx requests, requests that leave 127.0.0.1
// (aborted before they go out), cells that rendered an error, and empty charts.
import type { BrowserContext, Page } from "playwright-core";

export interface CheckedPage {
  page: Page;
  /** Everything wrong so far, each line naming what; charts counted too. */
  problems(): Promise<string[]>;
  chartCount(): Promise<number>;
}

export async function openChecked(context: BrowserContext, url: string): Promise<CheckedPage> {
  const page = await context.newPage();
  const issues: string[] = [];
  await page.route("**/*", (r) => {
    const u = new URL(r.request().url());
    if (u.protocol.startsWith("http") && u.hostname !== "127.0.0.1") {
      issues.push(`request left 127.0.0.1: ${u.href}`);
      return r.abort("blockedbyclient");
    }
    return r.continue();
  });
  page.on("console", (m) => m.type() === "error" && issues.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => issues.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => issues.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("response", (r) => r.status() >= 400 && issues.push(`HTTP ${r.status()}: ${r.url()}`));

  await page.goto(url, { waitUntil: "networkidle" });
  // Framework shows <observablehq-loading> until a cell has a value.
  await page.waitForFunction(() => !document.querySelector("observablehq-loading"), null, { timeout: 30_000 });

  const charts = () =>
    page.$$eval('svg.plot, svg[class^="plot-"], figure svg', (svgs) =>
      svgs.map((s) => {
        const box = s.getBoundingClientRect();
        return { width: box.width, height: box.height, marks: s.querySelectorAll("path, rect, circle, line, text").length };
      }),
    );
  return {
    page,
    async chartCount() {
      return (await charts()).length;
    },
    async problems() {
      const cellErrors = await page.$$eval(".observablehq--error", (els) => els.map((e) => `cell error: ${e.textContent ?? ""}`));
      const empty = (await charts()).flatMap((c, i) =>
        c.width > 0 && c.height > 0 && c.marks > 0 ? [] : [`chart ${i + 1} is empty (${JSON.stringify(c)})`],
      );
      return [...issues, ...cellErrors, ...empty];
    },
  };
}
