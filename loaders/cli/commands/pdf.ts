// `kam pdf` (= `npm run pdf`): the annual review of one period as one PDF, in either locale,
// from the built report site (loaders/site/pdf.ts). Uses dist/ when it is the locale asked for;
// otherwise builds that locale's site from the warehouse into a temporary folder first.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Command } from "../kam.ts";
import { loadConfig } from "../../config/index.ts";
import { siteLocale, siteLocales } from "../../config/site.ts";
import { distDir, warehouseFile } from "../../paths.ts";
import { withDuckDb } from "../../warehouse/open.ts";

const usage = `usage: kam pdf [--year PERIOD] [--locale en|zh-CN] [--out FILE] [--dist DIR] [--region R] [--industry I] [--rep S]

Renders the annual review (summary, concentration, key accounts and re-rating, risks, value) of one
period into one PDF with headless Chromium. PERIOD is a period the report offers (a fiscal year such
as 2025 with the default grain; default: the last complete one). The locale defaults to the build's
(KAM_LOCALE or site.locale); dist/ is used when it was built in that locale, else the site is built
from the warehouse into a temporary folder. Default output: annual-review-PERIOD-LOCALE.pdf.`;

function option(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = argv[i];
  return a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[i + 1];
}

/** The periods the report's pages offer (the summary's), and the default: the last complete one. */
async function periods(): Promise<{ all: string[]; latest: string | undefined }> {
  return withDuckDb(warehouseFile(), { readOnly: true }, async (con) => {
    const rows = (await con.runAndReadAll(
      "select period, is_partial from marts.kpi_slices where slice = 'all' and period_kind <> 'window' order by period_start",
    )).getRowObjectsJS() as { period: string; is_partial: boolean }[];
    return { all: rows.map((r) => r.period), latest: rows.filter((r) => !r.is_partial).at(-1)?.period ?? rows.at(-1)?.period };
  });
}

const command: Command = {
  summary: "render the annual review of one period into one PDF (headless Chromium), in either locale",
  async run(argv) {
    if (argv.includes("--help")) {
      console.log(usage);
      return 0;
    }
    const known = ["year", "locale", "out", "dist", "region", "industry", "rep"];
    const unknown = argv.filter((a) => a.startsWith("--") && !known.includes(a.slice(2).split("=")[0]));
    if (unknown.length) {
      console.error(`kam pdf: unknown option ${unknown.join(", ")}\n${usage}`);
      return 2;
    }
    const config = loadConfig();
    const locale = option(argv, "locale") ?? siteLocale(config.site);
    if (!(siteLocales as readonly string[]).includes(locale)) {
      console.error(`kam pdf: --locale ${locale} is not supported: expected one of ${siteLocales.join(", ")}`);
      return 2;
    }
    if (!fs.existsSync(warehouseFile())) {
      console.error(`kam pdf: no warehouse at ${warehouseFile()}: run \`npm run build\` first`);
      return 1;
    }
    const offered = await periods();
    const period = option(argv, "year") ?? offered.latest;
    if (!period || !offered.all.includes(period)) {
      console.error(`kam pdf: the report has no period ${period ?? "at all"}; it offers ${offered.all.join(", ") || "none"}`);
      return 2;
    }

    const { renderAnnualReview, siteLocaleOf } = await import("../../site/pdf.ts");
    let dist = option(argv, "dist") ?? distDir();
    let temp: string | undefined;
    if (option(argv, "dist") && !fs.existsSync(path.join(dist, "index.html"))) {
      console.error(`kam pdf: ${dist} holds no built site`);
      return 2;
    }
    if (!fs.existsSync(path.join(dist, "index.html")) || siteLocaleOf(dist) !== locale) {
      if (option(argv, "dist")) {
        console.error(`kam pdf: ${dist} was built in ${siteLocaleOf(dist)}, not ${locale}`);
        return 2;
      }
      temp = fs.mkdtempSync(path.join(os.tmpdir(), "kam-pdf-"));
      dist = path.join(temp, "dist");
      console.log(`[pdf] building the ${locale} site from ${warehouseFile()} into ${dist}`);
      const { buildSite } = await import("../../site/build.ts");
      const saved = { KAM_LOCALE: process.env.KAM_LOCALE, KAM_DIST: process.env.KAM_DIST };
      process.env.KAM_LOCALE = locale;
      process.env.KAM_DIST = dist;
      try {
        await buildSite(config);
      } finally {
        for (const [k, v] of Object.entries(saved)) if (v == null) delete process.env[k]; else process.env[k] = v;
      }
    }
    const out = path.resolve(option(argv, "out") ?? `annual-review-${period}-${locale}.pdf`);
    try {
      const result = await renderAnnualReview({
        dist, period, out,
        filters: { region: option(argv, "region"), industry: option(argv, "industry"), rep: option(argv, "rep") },
      });
      console.log(`[pdf] ${result.out}: ${result.pages} pages, ${result.sections.map((s) => s.title).join(", ")}` +
        (result.missing.length ? ` (not in this build: ${result.missing.join(", ")})` : ""));
      return 0;
    } catch (e) {
      console.error(`kam pdf: ${(e as Error).message}`);
      return 1;
    } finally {
      if (temp) fs.rmSync(temp, { recursive: true, force: true });
    }
  },
};
export default command;
