// Every page of the built site, in Debian's Chromium: it loads with no console error and no
// failed request, nothing leaves 127.0.0.1, every chart renders. Pages are discovered from
// dist/, so pages added later are covered. Screenshots go to test/screenshots/ (git-ignored).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type Chromium } from "../support/chromium.ts";
import { builtSite, repoRoot, type BuiltSite } from "../support/site.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";

const screenshots = path.join(repoRoot, "test/screenshots");

/** Pages in dist: every .html outside Framework's asset folders, as clean URLs. */
function pagesOf(dist: string): string[] {
  return fs
    .readdirSync(dist, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".html") && !/^_(observablehq|npm|file|import)\//.test(f))
    .map((f) => "/" + f.replace(/\\/g, "/").replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, ""))
    .sort();
}

let site: BuiltSite;
let server: StaticServer;
let browser: Chromium;

beforeAll(async () => {
  site = await builtSite();
  server = await serveStatic(site.dist);
  browser = await launchChromium();
  fs.mkdirSync(screenshots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the built site in Chromium", () => {
  it("has pages", () => {
    expect(pagesOf(site.dist)).toContain("/");
  });

  // One test per page would need the page list before the build; one loop reports every page.
  it("loads every page without errors or outside requests, with every chart drawn", { timeout: 300_000 }, async () => {
    const problems: string[] = [];
    for (const route of pagesOf(site.dist)) {
      const page = await browser.context.newPage();
      const outside: string[] = [];
      const errors: string[] = [];
      // Abort anything not on loopback before it leaves, and remember it.
      await page.route("**/*", (r) => {
        const url = new URL(r.request().url());
        if (url.protocol.startsWith("http") && url.hostname !== "127.0.0.1") {
          outside.push(url.href);
          return r.abort("blockedbyclient");
        }
        return r.continue();
      });
      page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
      page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
      page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
      page.on("response", (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()}: ${r.url()}`));

      await page.goto(server.url + route, { waitUntil: "networkidle" });
      // Framework shows <observablehq-loading> until a cell has a value.
      await page.waitForFunction(() => !document.querySelector("observablehq-loading"), null, { timeout: 30_000 });
      const charts = await page.$$eval("svg.plot, figure svg", (svgs) =>
        svgs.map((s) => {
          const box = s.getBoundingClientRect();
          return { width: box.width, height: box.height, marks: s.querySelectorAll("path, rect, circle, line, text").length };
        }),
      );
      const cellErrors = await page.$$eval(".observablehq--error", (els) => els.map((e) => e.textContent ?? ""));
      const name = route === "/" ? "index" : route.slice(1).replace(/\//g, "__");
      await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
      await page.close();

      for (const e of errors) problems.push(`${route}: ${e}`);
      for (const u of outside) problems.push(`${route}: request left 127.0.0.1: ${u}`);
      for (const e of cellErrors) problems.push(`${route}: cell error: ${e}`);
      charts.forEach((c, i) => {
        if (!(c.width > 0 && c.height > 0 && c.marks > 0)) problems.push(`${route}: chart ${i + 1} is empty (${JSON.stringify(c)})`);
      });
      if (route === "/" && charts.length === 0) problems.push("/: the home page has no chart");
    }
    expect(problems).toEqual([]);
  });
});
