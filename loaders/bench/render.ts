// How long each report page takes to render in headless Chromium, for the e2e benchmark (issue
// 11's budget: every executive page fully rendered within 1.5 s at 50,000 customers). A page is
// rendered when no cell is still loading (Framework's <observablehq-loading>); timed from the
// navigation, on loopback, with the cache disabled, and the faster of two loads is the figure
// (the machine is shared, so one load can lose time to another process); both are kept, with the
// bytes transferred.
import fs from "node:fs";
import path from "node:path";
import { serveStatic } from "../site/static-server.ts";
// @ts-ignore plain JS shared with the pages
import { reportPages } from "../../src/components/site.js";

export interface PageRender {
  /** the faster of the two loads, ms */
  ms: number;
  loads_ms: number[];
  transferred_bytes: number;
}

const routeFile = (route: string) => (route === "/" ? "index.html" : `${route.slice(1)}.html`);

/** Render every report page of `dist` twice; null when Chromium or playwright-core is missing (said in `log`). */
export async function renderTimes(dist: string, log: (l: string) => void = console.log): Promise<Record<string, PageRender> | null> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(executablePath)) {
    log(`render times: not measured, no Chromium at ${executablePath} (set CHROMIUM_PATH)`);
    return null;
  }
  const { chromium } = await import("playwright-core");
  const server = await serveStatic(dist);
  const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  const out: Record<string, PageRender> = {};
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, timezoneId: "UTC" });
    for (const { path: route } of reportPages as { path: string }[]) {
      if (!fs.existsSync(path.join(dist, routeFile(route)))) continue;
      const loads: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 2; i++) {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.enable");
        await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
        let transferred = 0;
        cdp.on("Network.loadingFinished", (e: { encodedDataLength: number }) => (transferred += e.encodedDataLength));
        const t0 = performance.now();
        await page.goto(`${server.url}/${routeFile(route)}`, { waitUntil: "load" });
        await page.waitForFunction(() => !document.querySelector("observablehq-loading"), null, { timeout: 120_000, polling: 20 });
        loads.push(Math.round(performance.now() - t0));
        await page.waitForLoadState("networkidle");
        bytes = transferred;
        await page.close();
      }
      out[route] = { ms: Math.min(...loads), loads_ms: loads, transferred_bytes: bytes };
      log(`render ${route}: ${loads.join(" / ")} ms, ${(bytes / 1024).toFixed(0)} KB transferred`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}
