import { describe, expect, it } from "vitest";
import { SiteConfig, siteLocale } from "../../loaders/config/site.ts";

describe("site config", () => {
  it("defaults to an English report in CNY", () => {
    expect(SiteConfig.parse({})).toEqual({ locale: "en", currency: "CNY" });
  });
  it("KAM_LOCALE overrides site.locale; an unknown locale is an error naming the choices", () => {
    const site = SiteConfig.parse({ locale: "zh-CN" });
    expect(siteLocale(site, {})).toBe("zh-CN");
    expect(siteLocale(site, { KAM_LOCALE: "en" })).toBe("en");
    expect(() => siteLocale(site, { KAM_LOCALE: "fr" })).toThrow(/KAM_LOCALE=fr .*en, zh-CN/);
    expect(SiteConfig.safeParse({ locale: "de" }).success).toBe(false);
  });
});
