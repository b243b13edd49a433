import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-ignore plain JS module shared with the browser
import { dictionaries, makeT, pageCurrency, pageLocale } from "../../src/components/i18n.js";

describe("translations", () => {
  it("every locale has exactly the English keys, none empty", () => {
    const keys = Object.keys(dictionaries.en).sort();
    for (const [locale, dict] of Object.entries(dictionaries as Record<string, Record<string, string>>)) {
      expect(Object.keys(dict).sort(), locale).toEqual(keys);
      for (const [k, v] of Object.entries(dict)) expect(v.trim().length, `${locale} ${k}`).toBeGreaterThan(0);
    }
  });

  it("placeholders match between locales", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const zh = dictionaries["zh-CN"] as Record<string, string>;
    for (const [k, v] of Object.entries(dictionaries.en as Record<string, string>)) expect(names(zh[k]), k).toEqual(names(v));
  });

  it("zh-CN uses the domain's Chinese terms", () => {
    const all = Object.values(dictionaries["zh-CN"] as Record<string, string>).join("\n");
    for (const term of ["二八法则", "大客户", "销售收入", "毛利"]) expect(all).toContain(term);
  });

  it("fills placeholders and rejects unknown keys and locales", () => {
    const t = makeT("zh-CN");
    expect(t("finding.noData", { year: t("period.label", { period: 2026 }) })).toBe("2026年该筛选条件下没有销售。");
    expect(() => t("no.such.key")).toThrow(/missing translation key no.such.key/);
    expect(() => makeT("fr")).toThrow(/unknown locale fr/);
  });

  it("reads the page's locale from the meta tag the build writes, defaulting to en", () => {
    const doc = (meta: string | null, lang = "") => ({
      querySelector: () => (meta == null ? null : { getAttribute: () => meta }),
      documentElement: { lang },
    });
    expect(pageLocale(doc("zh-CN"))).toBe("zh-CN");
    expect(pageLocale(doc(null, "zh-CN"))).toBe("zh-CN");
    expect(pageLocale(doc("xx"))).toBe("en");
    expect(pageLocale(undefined)).toBe("en");
    expect(pageCurrency(doc("USD"))).toBe("USD");
    expect(pageCurrency(doc(null))).toBe("CNY");
  });
});

// @ts-ignore plain JS module shared with the Framework config
import { localeOptions } from "../../src/components/site.js";

describe("locale options for the Framework config", () => {
  it("translates the title and the sidebar, and tags the page with its locale", () => {
    const zh = localeOptions("zh-CN");
    expect(zh.title).toBe("大客户分析报告");
    expect(zh.pages.map((p: any) => p.name)).toEqual(["经营摘要", "大客户", "风险客户", "客户价值", "客户集中度", "客户分类", "客户留存", "数据质量", "方法说明"]);
    expect(zh.head).toBe('<meta name="kam-locale" content="zh-CN"><meta name="kam-currency" content="CNY">');
    expect(localeOptions("en", { currency: "USD" }).head).toContain('<meta name="kam-currency" content="USD">');
    expect(localeOptions("en").pages[4]).toEqual({ name: "Concentration", path: "/concentration" });
  });
});

describe("dictionary hygiene", () => {
  it("every key is used by a page or component (literally or through a `prefix.${…}` template)", () => {
    const dir = new URL("../../src/", import.meta.url).pathname;
    const sources = [
      // pages, parameterized pages included (src/accounts/[id].md)
      // (one level of folders, not src/.observablehq: a site build may be rewriting its cache meanwhile)
      ...fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() && !e.name.startsWith(".") ? fs.readdirSync(path.join(dir, e.name)).map((f) => path.join(e.name, f)) : [e.name],
      ).filter((f) => f.endsWith(".md")).map((f) => path.join(dir, f)),
      ...fs.readdirSync(path.join(dir, "components")).filter((f) => f.endsWith(".js")).map((f) => path.join(dir, "components", f)),
    ].map((f) => fs.readFileSync(f, "utf8"));
    const text = sources.join("\n");
    const templates = [...text.matchAll(/`([\w.]*)\$\{[^}`]+\}([\w.]*)`/g)].map((m) => [m[1], m[2]]).filter(([p]) => p.includes("."));
    const unused = Object.keys(dictionaries.en).filter((key) => {
      if (text.includes(`"${key}"`)) return false;
      return !templates.some(([prefix, suffix]) => {
        if (!key.startsWith(prefix) || !key.endsWith(suffix)) return false;
        const middle = key.slice(prefix.length, key.length - suffix.length);
        return middle.length > 0 && !middle.includes(".");
      });
    });
    expect(unused).toEqual([]);
  });
});
