// The report's pages and title for one locale, read by observablehq.config.ts (sidebar,
// pager, site title, footer). (<html lang> is set after the build: loaders/site/html-lang.ts.)
//
// Adding a page (e.g. the key-account pages of the next edition) — see also "How to add a
// mart and its page" in loaders/models/README.md:
// 1. its data: an entry {file, sql} in src/data/mart-files.js per file it needs, ONE query on
//    ONE mart (file name = mart name, optionally .variant); every column must be declared in
//    loaders/models/marts/<mart>.yml (the archive loader src/data/marts.tar.js refuses others,
//    rounds money to the cent and ships each column's unit with the data); add the route to
//    the mart's `pages:` (test/site/contract.test.ts checks it against the page);
// 2. the page src/<page>.md: `const {locale, t, fmt} = pageI18n()` from ./components/i18n.js,
//    `martRows(await FileAttachment("data/marts/<file>.json").json())` from ./components/marts.js;
//    pick rows (sliceOf/slicePick for the filters), never sum or rank; charts from
//    ./components/charts.js with {width, t, fmt}; tables with reportTable() from
//    ./components/table.js (formats and CSV from the units); filters with filterBar() (URL state);
//    a part that does not follow the filters says so (notes.js notFiltered);
// 3. its labels in BOTH ./locales/en.js and ./locales/zh-CN.js (test/site/i18n.test.ts checks
//    that they match and are used), and an entry below with its "nav.*" key;
// 4. its route in the `pages` list of test/browser/pages.test.ts (what must render on it).
import { makeT } from "./i18n.js";
import { makeFormat } from "./format.js";
import { stampFooter } from "./stamp.js";

export const reportPages = [
  { path: "/", nav: "nav.summary" },
  { path: "/key-accounts", nav: "nav.keyAccounts" },
  { path: "/risks", nav: "nav.risks" },
  { path: "/value", nav: "nav.value" },
  { path: "/concentration", nav: "nav.concentration" },
  { path: "/segments", nav: "nav.segments" },
  { path: "/retention", nav: "nav.retention" },
  { path: "/data-quality", nav: "nav.dataQuality" },
  { path: "/methodology", nav: "nav.methodology" },
];

/** Parameterized pages (one page per entity, routes listed by the build: loaders/site/dossiers.ts). */
export const entityPages = [{ path: "/accounts/[id]", nav: "nav.dossier" }];

/** A dossier's title: "Customer | Customer dossier | Site". */
export function dossierTitle(locale, name) {
  const t = makeT(locale);
  return `${name} | ${t("nav.dossier")} | ${t("site.title")}`;
}

/**
 * Framework options that depend on the locale: title, footer (with the report's stamp: when the
 * data ends and when the report was built, loaders/site/stamp.ts), pages (sidebar and pager), and
 * the <meta> tags the pages read their locale and reporting currency from.
 */
export function localeOptions(locale, { currency = "CNY", stamp } = {}) {
  const t = makeT(locale);
  return {
    title: t("site.title"),
    footer: stampFooter(stamp, { t, fmt: makeFormat(locale, { currency }) }),
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
