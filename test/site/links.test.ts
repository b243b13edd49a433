// dist/ must work on any static server (python's http.server, an intranet share), not only on
// one that maps /page to page.html: every link between pages names a file that exists.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { builtSite, type BuiltSite } from "../support/site.ts";

describe("links in the built site", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await builtSite();
  });

  it("point at files that exist (no clean URLs that need a rewriting server)", () => {
    const pages = fs.readdirSync(site.dist).filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThanOrEqual(6);
    let links = 0;
    for (const page of pages) {
      const html = fs.readFileSync(path.join(site.dist, page), "utf8");
      for (const [, href] of html.matchAll(/<a [^>]*href="(\.\/[^"#?]*)"/g)) {
        const target = href === "./" ? "index.html" : href.slice(2);
        expect(fs.existsSync(path.join(site.dist, target)), `${page} links to ${href}`).toBe(true);
        links++;
      }
    }
    expect(links).toBeGreaterThan(pages.length); // the sidebar alone links every page from every page
  });
});
