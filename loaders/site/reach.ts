// Which marts each page reads, derived from the site's sources (never a hand-kept list):
// a page's FileAttachment("data/…") names its data file; the file is made either by a data
// loader `src/data/<file>.js` (the marts its SQL names, `marts.<name>`) or, for
// `data/marts/<mart>[.<variant>].json`, by the one archive loader `src/data/marts.tar.js`
// (the file name says the mart), or, for a file inside an archive `data/<dir>/…` made by
// `src/data/<dir>.tar.js` (the dossiers' accounts.tar.js), the marts that loader's SQL names.
// Parameterized pages (entityPages: src/accounts/[id].md) attach files relative to their folder.
// The output contract's `pages:` must agree with this
// (exposureProblems in loaders/models/contract.js).
import fs from "node:fs";
import path from "node:path";
import { root } from "../paths.ts";
// @ts-ignore plain JS shared with the pages
import { entityPages, reportPages } from "../../src/components/site.js";

export const srcDir = () => path.join(root, "src");

/** The page file of a route: "/" -> src/index.md, "/concentration" -> src/concentration.md. */
export const pageFile = (route: string, src = srcDir()) => path.join(src, route === "/" ? "index.md" : `${route.slice(1)}.md`);

/** The data files a page attaches: FileAttachment("data/x.json") -> "data/x.json". */
export function attachments(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(/FileAttachment\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]))].sort();
}

/** The marts one data file comes from. */
export function martsOfFile(file: string, src = srcDir()): string[] {
  const archived = /^data\/marts\/([a-z_][a-z0-9_]*)(\.[^/]*)?\.json$/.exec(file);
  if (archived) return [archived[1]];
  const archive = (dir: string): string | undefined =>
    [".tar.js", ".zip.js"].map((ext) => path.join(src, `${dir}${ext}`)).find((f) => fs.existsSync(f));
  let loader = path.join(src, `${file}.js`);
  if (!fs.existsSync(loader)) {
    const found = archive(path.posix.dirname(file));
    if (!found) return [];
    loader = found;
  }
  const sql = fs.readFileSync(loader, "utf8").replace(/\/\/[^\n]*/g, "");
  return [...new Set([...sql.matchAll(/\bmarts\.([a-z_][a-z0-9_]*)/g)].map((m) => m[1]))].sort();
}

/** Route -> the marts its data files come from, for every page of the report. */
const allRoutes = () => [...reportPages, ...entityPages].map((p: { path: string }) => p.path);

export function martsByPage(src = srcDir(), routes: string[] = allRoutes()): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const route of routes) {
    const md = fs.readFileSync(pageFile(route, src), "utf8");
    // a file attached from src/accounts/[id].md as "../data/…" is data/… of the site
    const dir = path.posix.dirname(route === "/" ? "/index" : route).slice(1);
    const files = attachments(md).map((f) => path.posix.normalize(path.posix.join(dir, f)));
    out.set(route, new Set(files.flatMap((f) => martsOfFile(f, src))));
  }
  return out;
}
