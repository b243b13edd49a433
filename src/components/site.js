// The report's pages and title for one locale, read by observablehq.config.ts (sidebar,
// pager, site title, footer). (<html lang> is set after the build: loaders/site/html-lang.ts.)
//
// Adding a page (e.g. the key-account dossiers of a later edition):
// 1. a data loader per file it needs: src/data/<name>.json.js, one read-only query against a
//    mart with emit() from ./data/warehouse.js (compact: columns, rounded amounts, no private
//    fields);
// 2. the page src/<page>.md: import {t, fmt} from "./components/i18n.js", charts from
//    ./components/charts.js (figure(title-that-states-the-finding, chart)), tables with
//    reportTable() from ./components/table.js (CSV included), filters with filterBar();
// 3. its labels in BOTH ./locales/en.js and ./locales/zh-CN.js (test/site/i18n.test.ts checks
//    that they match and are used), and an entry below with its "nav.*" key;
// 4. its route in the `pages` list of test/browser/pages.test.ts (what must render on it).
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

/** "Page | Site" per route: the built pages' <title> (set after the build, see html-lang.ts). */
export function pageTitles(locale) {
  const t = makeT(locale);
  return Object.fromEntries(reportPages.map((p) => [p.path, `${t(p.nav)} | ${t("site.title")}`]));
}

/** The same title for one page, which the page also sets itself for `npm run dev` (no post-build step there). */
export const pageTitle = (locale, route) => pageTitles(locale)[route];
