// Framework writes a bare <html> on every page, and its <title> from a static first heading,
// which the report's pages do not have (their headings come from the locale's dictionary).
// After the build, every page declares its language, so that screen readers, hyphenation and
// fonts (CJK) follow the locale, and gets its translated title, which is what a browser tab,
// a bookmark and a printed page's header show. And the file times Framework writes into the
// pages are made reproducible (withStableFileTimes).
import fs from "node:fs";
import path from "node:path";

/** Set (or replace) the lang attribute of the <html> tag of one page. */
export function withLang(html: string, locale: string): string {
  return html.replace(/<html(\s[^>]*)?>/i, (tag) => {
    const rest = tag.slice(5, -1).replace(/\s+lang="[^"]*"/i, "");
    return `<html lang="${locale}"${rest}>`;
  });
}

/** Set (or add) the <title> of one page; the text is escaped. */
export function withTitle(html: string, title: string): string {
  const text = title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  if (/<title>[\s\S]*?<\/title>/i.test(html)) return html.replace(/<title>[\s\S]*?<\/title>/i, () => `<title>${text}</title>`);
  return html.replace(/<head(\s[^>]*)?>/i, (tag) => `${tag}\n<title>${text}</title>`);
}

/**
 * Framework writes each attached file's modification time (`"lastModified":…`) into the pages,
 * so two builds of the same inputs would differ: write the reproducible-builds convention's
 * SOURCE_DATE_EPOCH (seconds) instead, or 0. (No page reads FileAttachment.lastModified.)
 */
export function withStableFileTimes(html: string, epochMs = sourceDateMs()): string {
  return html.replace(/"lastModified":\d+/g, `"lastModified":${epochMs}`);
}

const sourceDateMs = () => {
  const s = Number(process.env.SOURCE_DATE_EPOCH);
  return Number.isInteger(s) && s >= 0 ? s * 1000 : 0;
};

/**
 * Every .html page under `dir` (not Framework's asset folders) gets lang=locale and, when
 * `titles` names its route ("/", "/retention", ...), that title; returns the count of pages.
 */
export function setHtmlLang(dir: string, locale: string, titles: Record<string, string> = {}): number {
  let count = 0;
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".html") || /^_(observablehq|npm|file|import)[\\/]/.test(file)) continue;
    const full = path.join(dir, file);
    const route = "/" + file.replace(/\\/g, "/").replace(/\.html$/, "").replace(/(^|\/)index$/, "");
    let html = withStableFileTimes(withLang(fs.readFileSync(full, "utf8"), locale));
    if (titles[route]) html = withTitle(html, titles[route]);
    fs.writeFileSync(full, html);
    count++;
  }
  return count;
}
