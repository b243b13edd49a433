import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { setHtmlLang, withLang } from "../../loaders/site/html-lang.ts";

describe("<html lang> of the built pages", () => {
  it("sets the attribute, replacing one that is there", () => {
    expect(withLang("<!DOCTYPE html>\n<html>\n<head>", "zh-CN")).toBe('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>');
    expect(withLang('<html lang="en" class="x">', "zh-CN")).toBe('<html lang="zh-CN" class="x">');
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
});
