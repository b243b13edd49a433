// Every label, title and sentence of the report, per locale. Analysts adding a page add
// their keys to BOTH dictionaries in ./locales/ (a unit test checks they match).
// The locale of a build comes from KAM_LOCALE or site.locale in the config; the build
// writes it into <meta name="kam-locale"> and <html lang>. A PAGE reads it with pageI18n()
// and passes {locale, t, fmt} to the components: no component reads the locale itself, so
// the same chart can be drawn for the other locale (or a PDF).
import en from "./locales/en.js";
import zhCN from "./locales/zh-CN.js";
import { makeFormat } from "./format.js";

export const dictionaries = { en, "zh-CN": zhCN };
export const locales = Object.keys(dictionaries);

/** A translator for one locale: t("key", {name: value}) fills {name} placeholders. */
export function makeT(locale) {
  const dict = dictionaries[locale];
  if (!dict) throw new Error(`unknown locale ${locale}: expected one of ${locales.join(", ")}`);
  function t(key, params = {}) {
    const template = dict[key] ?? en[key];
    if (template == null) throw new Error(`missing translation key ${key}`);
    return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  }
  /** The translation, or `fallback` for names the dictionaries do not know (e.g. a new mart column). */
  t.or = (key, fallback, params) => (key in dict || key in en ? t(key, params) : fallback);
  return t;
}

/** The locale the page was built for (falls back to en outside a browser). */
export function pageLocale(doc = globalThis.document) {
  const fromMeta = doc?.querySelector?.('meta[name="kam-locale"]')?.getAttribute("content");
  const candidate = fromMeta || doc?.documentElement?.lang || "en";
  return candidate in dictionaries ? candidate : "en";
}

/** The reporting currency of the build (site.currency in the config), default CNY. */
export function pageCurrency(doc = globalThis.document) {
  return doc?.querySelector?.('meta[name="kam-currency"]')?.getAttribute("content") || "CNY";
}

/** What a page passes its components: {locale, t, fmt} for the document it is in (or a chosen locale). */
export function pageI18n(doc = globalThis.document, locale = pageLocale(doc)) {
  return { locale, t: makeT(locale), fmt: makeFormat(locale, { currency: pageCurrency(doc) }) };
}
