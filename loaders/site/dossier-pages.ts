// The dossier pages (/accounts/<slug>, src/accounts/[id].md), written from ONE page Framework renders.
// Framework parses, resolves and renders every page on its own (a dozen jsdom windows per page, a
// glob per file it resolves) and unpacks each page's data file by reading the archive from its
// start: at 1,000 dossiers that was ~150 ms a page and most of the site build. Yet the dossier pages
// differ only by their customer's data file (its name, content hash and size): the page's code is
// one shared module (src/components/dossier-page.js). So Framework renders two dossiers, the first
// (the template) and the last (the check), and the build writes every other one from the template,
// with its data file from the archive Framework's loader wrote (src/data/accounts.tar.js), named by
// content hash as Framework names it. The check page, written the same way, must equal the one
// Framework rendered byte for byte; if not (say a page that prints its route), the build falls back
// to Framework for every dossier (loaders/site/build.ts). The published site is the same either way.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { extract } from "tar-stream";
import type { DossierRoute } from "./dossiers.ts";
import { withStableFileTimes } from "./html-lang.ts";

/**
 * The dossiers Framework renders itself: the first (the template) and the last (the check), or
 * every one when KAM_SITE_EVERY_DOSSIER is set (the fallback). observablehq.config.ts's dynamicPaths.
 */
export function renderedDossierRoutes<T>(routes: T[], every = Boolean(process.env.KAM_SITE_EVERY_DOSSIER)): T[] {
  return every || routes.length <= 2 ? routes : [routes[0], routes[routes.length - 1]];
}

/** The archive Framework's loader src/data/accounts.tar.js leaves in its cache, one <slug>.json per dossier. */
export const dossierArchive = (cache: string) => path.join(cache, "data", "accounts.tar");

/** Where a dossier's page is in the built site, and its data file's name as the page asks for it. */
const pageFile = (site: string, route: DossierRoute) => path.join(site, `${route.path.replace(/^\//, "")}.html`);
const dataName = (slug: string) => `../data/accounts/${slug}.json`;
const slugOf = (route: DossierRoute) => route.path.replace(/^\/accounts\//, "");

/** Framework's name for a file it publishes: <name>.<first 8 hex digits of its sha256><ext>. */
export const hashedName = (slug: string, contents: Buffer) => `${slug}.${createHash("sha256").update(contents).digest("hex").slice(0, 8)}.json`;

export class DossierTemplateError extends Error {}

/** One dossier's page from the template's: the template's data file (name, path, size) replaced by this one's. */
export function dossierPageFrom(template: string, templateSlug: string, slug: string, contents: Buffer): string {
  const name = JSON.stringify(dataName(templateSlug));
  const at = template.indexOf(`registerFile(${name}, `);
  if (at < 0) throw new DossierTemplateError(`the dossier page of ${templateSlug} registers no file ${name}`);
  const start = at + `registerFile(${name}, `.length;
  const end = template.indexOf(");", start);
  const info = JSON.parse(template.slice(start, end)) as Record<string, unknown>;
  const own: Record<string, unknown> = { name: dataName(slug), path: `../_file/data/accounts/${hashedName(slug, contents)}`, size: contents.length };
  // the same keys in the same order as Framework's registerFile (mimeType, lastModified from the template)
  const registered = JSON.stringify(Object.fromEntries(Object.entries(info).map(([k, v]) => [k, k in own ? own[k] : v])));
  const page = template.slice(0, start) + registered + template.slice(end);
  // every other mention of the data file (the FileAttachment call in the page's code)
  return page.split(name).join(JSON.stringify(dataName(slug)));
}

/**
 * Write the page and the data file of every dossier Framework did not render into `site` (the
 * staging folder), from the template page and the archive; returns how many were written. Throws
 * DossierTemplateError when the check page written from the template differs from Framework's.
 */
export async function writeDossierPages(site: string, routes: DossierRoute[], rendered: DossierRoute[], archive: string): Promise<number> {
  if (routes.length === rendered.length) return 0;
  const template = rendered[0];
  const templateSlug = slugOf(template);
  const templatePage = fs.readFileSync(pageFile(site, template), "utf8");
  const wanted = new Map(routes.map((r) => [`${slugOf(r)}.json`, r]));
  const done = new Set(rendered.map((r) => r.path));
  const dataDir = path.join(site, "_file", "data", "accounts");
  let written = 0;
  const tar = extract();
  const input = fs.createReadStream(archive);
  input.on("error", (e) => tar.destroy(e));
  input.pipe(tar);
  for await (const entry of tar) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    const route = wanted.get(entry.header.name);
    if (!route) continue;
    wanted.delete(entry.header.name);
    const contents = Buffer.concat(chunks);
    const slug = slugOf(route);
    const page = dossierPageFrom(templatePage, templateSlug, slug, contents);
    if (done.has(route.path)) {
      // Framework rendered this one: the template, or a check that the written page is Framework's
      const framework = fs.readFileSync(pageFile(site, route), "utf8");
      // (up to the file times Framework writes, which the build makes reproducible: html-lang.ts)
      const [ours, theirs] = [withStableFileTimes(page, 0), withStableFileTimes(framework, 0)];
      if (ours !== theirs) throw new DossierTemplateError(`the dossier page of ${slug} written from ${templateSlug}'s differs from Framework's (${firstDifference(ours, theirs)})`);
      if (!fs.existsSync(path.join(dataDir, hashedName(slug, contents)))) throw new DossierTemplateError(`Framework published no ${hashedName(slug, contents)} for ${route.path}`);
      continue;
    }
    fs.writeFileSync(path.join(dataDir, hashedName(slug, contents)), contents);
    fs.mkdirSync(path.dirname(pageFile(site, route)), { recursive: true });
    fs.writeFileSync(pageFile(site, route), page);
    written++;
  }
  if (wanted.size) throw new DossierTemplateError(`${archive} holds no ${[...wanted.keys()].slice(0, 3).join(", ")}${wanted.size > 3 ? ` (and ${wanted.size - 3} more)` : ""}`);
  return written;
}

/** Where two texts first differ, for the message: "at character N: …a… vs …b…". */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const around = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 40), i + 40));
  return `at character ${i}: ${around(a)} vs ${around(b)}`;
}
