// `npm run pdf`: the annual review of one year as ONE PDF, from the test build in both locales.
// Read back with poppler's pdftotext (text per page) and pdftoppm (page images saved to
// test/screenshots/ for a person to look at): the cover and the summary share the first page (no
// blank first page), the sections come in order each from a new page, the filters in force are a
// sentence (no form control left), every row of a table is there, and every page's foot carries the
// stamp and its page number. The command refuses a period the report does not have.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { renderAnnualReview, type ReviewResult } from "../../loaders/site/pdf.ts";
import { builtSite, repoRoot } from "../support/site.ts";
import { builtSiteZh } from "../support/site-zh.ts";
import { testDir } from "../support/temp.ts";

const screenshots = path.join(repoRoot, "test/screenshots");
const out = testDir("kam-pdf-test-");
let warehouse: string;

function pdftotext(file: string, page?: number): string {
  const range = page ? ["-f", String(page), "-l", String(page)] : [];
  return execFileSync("pdftotext", ["-layout", ...range, file, "-"], { encoding: "utf8" });
}
const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);

async function query(sql: string): Promise<Record<string, any>[]> {
  const instance = await DuckDBInstance.create(warehouse, { access_mode: "READ_ONLY" });
  const c = await instance.connect();
  try {
    return (await c.runAndReadAll(sql)).getRowObjectsJS();
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

const reviews: Record<string, { file: string; result: ReviewResult }> = {};

beforeAll(async () => {
  const site = await builtSite();
  warehouse = path.join(inject("siteWorkDir"), "warehouse", "kam.duckdb");
  const zh = await builtSiteZh();
  fs.mkdirSync(screenshots, { recursive: true });
  for (const [locale, dist] of [["en", site.dist], ["zh-CN", zh]]) {
    const file = path.join(out, `review-${locale}.pdf`);
    const result = await renderAnnualReview({ dist, period: "2025", out: file, log: () => {} });
    reviews[locale] = { file, result };
    // the pages as images, to be looked at
    execFileSync("pdftoppm", ["-r", "70", "-png", file, path.join(screenshots, `review-${locale}`)]);
  }
}, 900_000);

describe("the annual review PDF", () => {
  it("has the sections in order, the cover and the summary on the first page, each section from a new page", () => {
    const { file, result } = reviews.en;
    expect(result.locale).toBe("en");
    expect(result.sections.map((s) => s.route).slice(0, 2)).toEqual(["/", "/concentration"]);
    const n = pageCount(file);
    expect(result.pages).toBe(n);
    expect(n).toBeGreaterThanOrEqual(3);
    const first = pdftotext(file, 1);
    expect(first).toContain("Annual review 2025");
    expect(first).toContain("Executive summary");
    expect(first).toMatch(/Findings/);
    expect(first).toMatch(/Revenue rose [\d.]+% to ¥\d+M in 2025, against 2024\./);
    // each further section starts a page of its own (its first lines hold its heading), after the summary
    const firstLines = (p: number) => pdftotext(file, p).trimStart().split("\n").slice(0, 4).join("\n");
    const concentration = Array.from({ length: n }, (_, i) => i + 1).find((p) => firstLines(p).includes("Customer concentration"));
    expect(concentration).toBeGreaterThan(1);
    expect(pdftotext(file, concentration! - 1)).not.toContain("Customer concentration");
    // the summary's parts are all there, before the concentration section
    const summary = Array.from({ length: concentration! - 1 }, (_, i) => pdftotext(file, i + 1)).join("\n");
    for (const part of ["Key accounts", "Tier pyramid", "The largest key accounts", "The largest risks", "Revenue bridge"]) expect(summary, part).toContain(part);
  });

  it("has no blank page: every page holds more than its running head and foot", () => {
    for (const { file } of Object.values(reviews)) {
      const n = pageCount(file);
      for (let p = 1; p <= n; p++) {
        const lines = pdftotext(file, p).split("\n").filter((l) => l.trim());
        expect(lines.length, `${path.basename(file)} page ${p}`).toBeGreaterThan(4);
      }
    }
  });

  it("prints the filters in force as a sentence and no form control", () => {
    const text = pdftotext(reviews.en.file);
    expect(text).toContain("Filters in force: Period: 2025 · Region: All · Industry: All · Sales rep: All");
    expect(text).toContain("Measure: Revenue");
    expect(text).not.toMatch(/RevenueGross profitVolume|Download CSV/);
  });

  it("holds every row of its tables", async () => {
    const top = await query("select customer_id from marts.concentration_slice_top where measure = 'revenue' and period = '2025' and slice = 'all' order by rank");
    const text = pdftotext(reviews.en.file);
    expect(top).toHaveLength(10);
    for (const r of top) expect(text).toContain(r.customer_id);
  });

  it("carries the stamp and the page number at the foot of every page", async () => {
    const [{ d }] = await query("select strftime(analysis_date, '%b %-d, %Y') as d from marts.analysis_params");
    const { file } = reviews.en;
    const n = pageCount(file);
    for (let p = 1; p <= n; p++) {
      const text = pdftotext(file, p);
      expect(text, `page ${p}`).toMatch(new RegExp(`Data to ${d} · report built \\w{3} \\d{1,2}, \\d{4}`));
      expect(text, `page ${p}`).toContain(`Page ${p} of ${n}`);
    }
  });

  it("is written in Chinese from the zh-CN build", () => {
    const { file, result } = reviews["zh-CN"];
    expect(result.locale).toBe("zh-CN");
    const first = pdftotext(file, 1);
    expect(first).toContain("2025年度经营回顾");
    expect(first).toContain("经营摘要");
    expect(first).toContain("当前筛选条件：期间：2025 · 地区：全部 · 行业：全部 · 业务员：全部");
    expect(first).toMatch(/¥[\d.]+亿/);
    const n = pageCount(file);
    expect(pdftotext(file, n)).toContain(`第${n}页，共${n}页`);
    expect(pdftotext(file)).toContain("客户集中度");
  });
});

describe("kam pdf", () => {
  const kam = (...args: string[]) =>
    spawnSync(process.execPath, ["loaders/cli/kam.mjs", "pdf", ...args], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, KAM_DB: warehouse } });

  it("refuses a period the report does not have, and an unknown locale, with exit code 2", () => {
    const year = kam("--year", "1999");
    expect(year.status).toBe(2);
    expect(year.stderr).toMatch(/the report has no period 1999; it offers 2021, 2022, .*2026/);
    const locale = kam("--locale", "fr");
    expect(locale.status).toBe(2);
    expect(locale.stderr).toMatch(/--locale fr is not supported: expected one of en, zh-CN/);
  });
});
