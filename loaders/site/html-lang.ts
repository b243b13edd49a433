// Framework writes a bare <html> on every page; the report declares its language so that
// screen readers, hyphenation and fonts (CJK) follow the locale of the build.
import fs from "node:fs";
import path from "node:path";

/** Set (or replace) the lang attribute of the <html> tag of one page. */
export function withLang(html: string, locale: string): string {
  return html.replace(/<html(\s[^>]*)?>/i, (tag) => {
    const rest = tag.slice(5, -1).replace(/\s+lang="[^"]*"/i, "");
    return `<html lang="${locale}"${rest}>`;
  });
}

/** Every .html page under `dir` (not Framework's asset folders) gets lang=locale; returns the count. */
export function setHtmlLang(dir: string, locale: string): number {
  let count = 0;
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".html") || /^_(observablehq|npm|file|import)[\\/]/.test(file)) continue;
    const full = path.join(dir, file);
    fs.writeFileSync(full, withLang(fs.readFileSync(full, "utf8"), locale));
    count++;
  }
  return count;
}
