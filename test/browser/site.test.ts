// Every page of the built site, in Debian's Chromium: it loads with no console error and no
// failed request, nothing leaves 127.0.0.1, every chart renders. Pages are discovered from
// dist/, so pages added later are covered. Screenshots go to test/screenshots/ (git-ignored).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type Chromium } from "../support/chromium.ts";
import { openChecked } from "../support/page-check.ts";
import { builtSite, repoRoot, type BuiltSite } from "../support/site.ts";
import { serveStatic, type StaticServer } from "../../loaders/site/static-server.ts";

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
    // every report page, and one dossier of the hundreds built from one template (the dossiers,
    // chosen for their edge cases, are test/browser/dossiers.test.ts's)
    const all = pagesOf(site.dist);
    const routes = [...all.filter((r) => !r.startsWith("/accounts/")), ...all.filter((r) => r.startsWith("/accounts/")).slice(0, 1)];
    for (const route of routes) {
      const checked = await openChecked(browser.context, server.url + route);
      const name = route === "/" ? "index" : route.slice(1).replace(/\//g, "__");
      await checked.page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
      for (const p of await checked.problems()) problems.push(`${route}: ${p}`);
      if (route === "/" && (await checked.chartCount()) === 0) problems.push("/: the home page has no chart");
      await checked.page.close();
    }
    expect(problems).toEqual([]);
  });
});
