// The report's pages and title for one locale, read by observablehq.config.ts (sidebar,
// pager, site title, footer). A new page is added here and given a "nav.*" label in both
// dictionaries. (<html lang> is set after the build: loaders/site/html-lang.ts.)
import { makeT } from "./i18n.js";

export const reportPages = [
  { path: "/", nav: "nav.summary" },
  { path: "/concentration", nav: "nav.concentration" },
  { path: "/segments", nav: "nav.segments" },
  { path: "/retention", nav: "nav.retention" },
  { path: "/data-quality", nav: "nav.dataQuality" },
  { path: "/methodology", nav: "nav.methodology" },
];

/**
 * Framework options that depend on the locale: title, footer, pages (sidebar and pager), and
 * the <meta> tags the pages read their locale and reporting currency from.
 */
export function localeOptions(locale, { currency = "CNY" } = {}) {
  const t = makeT(locale);
  return {
    title: t("site.title"),
    footer: t("site.footer"),
    pages: reportPages.map((p) => ({ name: t(p.nav), path: p.path })),
    head:
      `<meta name="kam-locale" content="${locale === "zh-CN" ? "zh-CN" : "en"}">` +
      `<meta name="kam-currency" content="${/^[A-Z]{3}$/.test(currency) ? currency : "CNY"}">`,
  };
}

