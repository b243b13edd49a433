// The dossier pages written from the one Framework renders (loaders/site/dossier-pages.ts): on a small
// hand-made site (the hashes are sha256sum's of the bytes), and on the test site, where every dossier
// page must register its own data file under Framework's content-hashed name.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pack } from "tar-stream";
import { describe, expect, it } from "vitest";
import { DossierTemplateError, dossierPageFrom, renderedDossierRoutes, writeDossierPages } from "../../loaders/site/dossier-pages.ts";
import { builtSite } from "../support/site.ts";

// the shape of a page Framework renders from src/accounts/[id].md (cut down)
const page = (slug: string, file: string, size: number, mtime = 1796145863892, body = "") =>
  `<title>x</title>\n<script type="module">\n` +
  `registerFile("../data/accounts/${slug}.json", {"name":"../data/accounts/${slug}.json","mimeType":"application/json","path":"../_file/data/accounts/${file}","lastModified":${mtime},"size":${size}});\n` +
  `registerFile("../data/marts/analysis_params.json", {"name":"../data/marts/analysis_params.json","mimeType":"application/json","path":"../_file/data/marts/analysis_params.66981c83.json","lastModified":${mtime},"size":1654});\n` +
  `define({id: "1", body: async (FileAttachment) => [FileAttachment("../data/accounts/${slug}.json").json(), FileAttachment("../data/marts/analysis_params.json").json()]});\n` +
  `</script>${body}\n<div>built C1 · accounts/C1.json</div>`;
const route = (slug: string) => ({ path: `/accounts/${slug}`, customer_id: slug, customer_name: slug });

// sha256sum of each member's bytes: {"a":1} 015abd7f…, {"b":22} e90cde06…, {"c":333} 6a6d3dd8…
const members: [string, string, string][] = [
  ["C1", '{"a":1}', "C1.015abd7f.json"],
  ["C10", '{"b":22}', "C10.e90cde06.json"],
  ["x0123abc", '{"c":333}', "x0123abc.6a6d3dd8.json"],
];

async function site({ checkBody = "" } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-dossiers-"));
  fs.mkdirSync(path.join(dir, "accounts"));
  fs.mkdirSync(path.join(dir, "_file/data/accounts"), { recursive: true });
  // Framework rendered the first and the last dossier (each with its own file times), and published their data files
  for (const [slug, json, file] of [members[0], members[2]]) {
    const mtime = slug === "C1" ? 1796145863952 : 1796145863999;
    fs.writeFileSync(path.join(dir, "accounts", `${slug}.html`), page(slug, file, json.length, mtime, slug === "C1" ? "" : checkBody));
    fs.writeFileSync(path.join(dir, "_file/data/accounts", file), json);
  }
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on("data", (c) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve) => tar.on("end", () => resolve()));
  for (const [slug, json] of members) tar.entry({ name: `${slug}.json`, mtime: new Date(0) }, json);
  tar.finalize();
  await done;
  fs.writeFileSync(path.join(dir, "accounts.tar"), Buffer.concat(chunks));
  return dir;
}

describe("dossier pages written from the template", () => {
  it("Framework renders the first and the last dossier (all of them when there are two, or on the fallback)", () => {
    expect(renderedDossierRoutes([1, 2, 3, 4], false)).toEqual([1, 4]);
    expect(renderedDossierRoutes([1, 2], false)).toEqual([1, 2]);
    expect(renderedDossierRoutes([], false)).toEqual([]);
    expect(renderedDossierRoutes([1, 2, 3, 4], true)).toEqual([1, 2, 3, 4]);
  });

  it("replaces the template's data file (name, hashed path, size) and nothing else", () => {
    const template = page("C1", "C1.015abd7f.json", 7);
    const out = dossierPageFrom(template, "C1", "C10", Buffer.from('{"b":22}'));
    // the build's file times are made reproducible afterwards (html-lang.ts): the template's stays
    expect(out).toBe(page("C10", "C10.e90cde06.json", 8));
    // a slug that only starts like the template's is not touched, nor the text that mentions it
    expect(out).toContain("<div>built C1 · accounts/C1.json</div>");
    expect(() => dossierPageFrom("<p>no file</p>", "C1", "C10", Buffer.from("{}"))).toThrow(DossierTemplateError);
  });

  it("writes every other dossier's page and data file, and checks the last one against Framework's", async () => {
    const dir = await site();
    const routes = members.map(([slug]) => route(slug));
    const written = await writeDossierPages(dir, routes, renderedDossierRoutes(routes, false), path.join(dir, "accounts.tar"));
    expect(written).toBe(1);
    expect(fs.readFileSync(path.join(dir, "_file/data/accounts/C10.e90cde06.json"), "utf8")).toBe('{"b":22}');
    expect(fs.readFileSync(path.join(dir, "accounts/C10.html"), "utf8")).toBe(page("C10", "C10.e90cde06.json", 8, 1796145863952));
    expect(fs.readdirSync(path.join(dir, "_file/data/accounts")).sort()).toEqual(["C1.015abd7f.json", "C10.e90cde06.json", "x0123abc.6a6d3dd8.json"]);
    fs.rmSync(dir, { recursive: true });
  });

  it("refuses when Framework's page of the check dossier is not the template's with its file (the build then renders every dossier)", async () => {
    const dir = await site({ checkBody: "<h1>x0123abc</h1>" });
    const routes = members.map(([slug]) => route(slug));
    await expect(writeDossierPages(dir, routes, renderedDossierRoutes(routes, false), path.join(dir, "accounts.tar"))).rejects.toThrow(
      // the message shows the difference that counts, not the file times
      /the dossier page of x0123abc written from C1's differs from Framework's \(at character \d+: .* vs .*<h1>x0123abc<\/h1>/,
    );
    fs.rmSync(dir, { recursive: true });
  });

  it("refuses a route the archive holds no data for", async () => {
    const dir = await site();
    const routes = [...members.map(([slug]) => route(slug)).slice(0, 2), route("C404"), route("x0123abc")];
    await expect(writeDossierPages(dir, routes, renderedDossierRoutes(routes, false), path.join(dir, "accounts.tar"))).rejects.toThrow(/holds no C404\.json/);
    fs.rmSync(dir, { recursive: true });
  });
});

describe("the test site's dossier pages", () => {
  it("each registers its own data file, published under the sha256 of its bytes with its size; the others are written, not rendered", { timeout: 900_000 }, async () => {
    const site = await builtSite();
    const log = fs.readFileSync(site.log, "utf8");
    const pages = fs.readdirSync(path.join(site.dist, "accounts")).filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(50);
    expect(log).toMatch(new RegExp(`\\[site\\] ${pages.length - 2} dossier pages written from /accounts/`));
    expect(log).not.toMatch(/Framework renders every dossier instead/);
    for (const file of pages) {
      const slug = file.replace(/\.html$/, "");
      const html = fs.readFileSync(path.join(site.dist, "accounts", file), "utf8");
      const m = html.match(new RegExp(`registerFile\\("\\.\\./data/accounts/${slug}\\.json", (\\{.*?\\})\\);`));
      expect(m, file).not.toBeNull();
      const info = JSON.parse(m![1]);
      const bytes = fs.readFileSync(path.join(site.dist, "accounts", info.path));
      expect(info.path).toBe(`../_file/data/accounts/${slug}.${crypto.createHash("sha256").update(bytes).digest("hex").slice(0, 8)}.json`);
      expect(info.size).toBe(bytes.length);
      expect(JSON.parse(bytes.toString("utf8")).sections.profile.columns.slug).toEqual([slug]);
      expect(html).toContain(`FileAttachment("../data/accounts/${slug}.json")`);
    }
  });
});
