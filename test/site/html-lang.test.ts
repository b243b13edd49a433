import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { setHtmlLang, withLang, withStableFileTimes, withTitle } from "../../loaders/site/html-lang.ts";
// @ts-ignore plain JS shared with the pages
import { pageTitles } from "../../src/components/site.js";

describe("<html lang> of the built pages", () => {
  it("sets the attribute, replacing one that is there", () => {
    expect(withLang("<!DOCTYPE html>\n<html>\n<head>", "zh-CN")).toBe('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>');
    expect(withLang('<html lang="en" class="x">', "zh-CN")).toBe('<html lang="zh-CN" class="x">');
  });
  it("writes reproducible file times (SOURCE_DATE_EPOCH or 0) instead of the build's", () => {
    const html = 'registerFile("./a.json", {"name":"./a.json","lastModified":1796114125983,"size":870}); registerFile("./b", {"lastModified":12})';
    expect(withStableFileTimes(html, 0)).toBe('registerFile("./a.json", {"name":"./a.json","lastModified":0,"size":870}); registerFile("./b", {"lastModified":0})');
    expect(withStableFileTimes(html, 1_700_000_000_000)).toContain('"lastModified":1700000000000,"size":870');
  });
  it("rewrites every page of a site folder and leaves assets alone", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-lang-"));
    fs.mkdirSync(path.join(dir, "_file"));
    fs.writeFileSync(path.join(dir, "index.html"), "<html><body>a</body></html>");
    fs.writeFileSync(path.join(dir, "retention.html"), "<html><body>b</body></html>");
    fs.writeFileSync(path.join(dir, "_file", "x.html"), "<html></html>");
    expect(setHtmlLang(dir, "zh-CN")).toBe(2);
    expect(fs.readFileSync(path.join(dir, "retention.html"), "utf8")).toBe('<html lang="zh-CN"><body>b</body></html>');
    expect(fs.readFileSync(path.join(dir, "_file", "x.html"), "utf8")).toBe("<html></html>");
    fs.rmSync(dir, { recursive: true });
  });
  it("sets each page's translated title, escaped", () => {
    expect(withTitle("<head>\n<title>Key account report</title>", "留存 | 大客户")).toBe("<head>\n<title>留存 | 大客户</title>");
    expect(withTitle("<html><head><meta charset=utf-8></head>", "A & <B>")).toBe("<html><head>\n<title>A &amp; &lt;B&gt;</title><meta charset=utf-8></head>");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-title-"));
    fs.writeFileSync(path.join(dir, "index.html"), "<html><head><title>x</title></head></html>");
    fs.writeFileSync(path.join(dir, "retention.html"), "<html><head><title>x</title></head></html>");
    const zh = pageTitles("zh-CN");
    setHtmlLang(dir, "zh-CN", zh);
    expect(fs.readFileSync(path.join(dir, "index.html"), "utf8")).toContain(`<title>${zh["/"]}</title>`);
    expect(fs.readFileSync(path.join(dir, "retention.html"), "utf8")).toContain(`<title>${zh["/retention"]}</title>`);
    expect(zh["/retention"]).toMatch(/^客户留存 \| /);
    expect(pageTitles("en")["/"]).toBe("Executive summary | Key account report");
    fs.rmSync(dir, { recursive: true });
  });
});
