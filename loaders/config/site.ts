// The `site` section of the config: how the report site is published.
import { z } from "zod";

export const siteLocales = ["en", "zh-CN"] as const;
export type SiteLocale = (typeof siteLocales)[number];

export const SiteConfig = z.object({
  /**
   * Language of the report: "en" (default) or "zh-CN" (labels, findings, sidebar in Chinese,
   * figures in 万 and 亿). The environment variable KAM_LOCALE overrides it for one build.
   */
  locale: z.enum(siteLocales).default("en"),
  /**
   * ISO code of the reporting currency the `amount` columns are in (default "CNY", printed
   * as ¥); other codes are printed as the code followed by the figure. Exports in another
   * currency are converted to it at `ingest.exchange_rates`.
   */
  currency: z.string().regex(/^[A-Z]{3}$/, "a three-letter ISO currency code such as CNY").default("CNY"),
});
export type SiteConfig = z.infer<typeof SiteConfig>;

/** The locale of this build: KAM_LOCALE if set, else site.locale. */
export function siteLocale(site: SiteConfig, env: NodeJS.ProcessEnv = process.env): SiteLocale {
  const fromEnv = env.KAM_LOCALE?.trim();
  if (!fromEnv) return site.locale;
  if (!(siteLocales as readonly string[]).includes(fromEnv)) {
    throw new Error(`KAM_LOCALE=${fromEnv} is not a supported locale: expected one of ${siteLocales.join(", ")}`);
  }
  return fromEnv as SiteLocale;
}
