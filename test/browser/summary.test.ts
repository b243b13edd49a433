// The executive summary (/) in Chromium, en and zh-CN, on the test build: its cards are the
// marts' figures (default period, a region, the partial year against the same months of the year
// before, checked against sums of intermediate.orders over those dates); the partial period is
// marked; the findings never repeat a sentence nor claim the 80/20 rule without 80%; the revenue
// bridge shows the mart's steps or says why there is none; a phone's first screen holds several
// cards; print shows the filters in force instead of the controls; every page carries the stamp
// (when the data ends, when the report was built). Screenshots go to test/screenshots/.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, type Chromium } from "../support/chromium.ts";
import { builtSite, repoRoot, type BuiltSite } from "../support/site.ts";
import { builtSiteZh } from "../support/site-zh.ts";
import { serveStatic, type StaticServer } from "../../loaders/site/static-server.ts";
import { queryWarehouse } from "../support/warehouse-query.ts";
// @ts-ignore plain JS shared with the browser: the pages' formats, to compare text with the marts
import { makeFormat } from "../../src/components/format.js";

const screenshots = path.join(repoRoot, "test/screenshots");
let site: BuiltSite;
let zhDist: string;
let warehouse: string;
let en: StaticServer;
let zh: StaticServer;
let browser: Chromium;

const query = <T = Record<string, any>>(sql: string) => queryWarehouse<T>(warehouse, sql);

/** Open the summary and wait until its cards (or its "no customers" note) are drawn. */
async function open(url: string, { width = 1366, height = 900 } = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height });
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => !document.querySelector("observablehq-loading") && (document.querySelectorAll(".kam-kpi").length > 0 || document.querySelector(".kam-selection:not([hidden])")), null, { timeout: 30_000 });
  await page.waitForLoadState("networkidle");
  return { page, errors };
}

const cards = (page: Page) =>
  page.$$eval(".kam-kpi", (els) => Object.fromEntries(els.map((e) => [e.querySelector("h2")!.textContent, e.querySelector(".big")!.textContent])));
const cardText = (page: Page, label: string) =>
  page.$$eval(".kam-kpi", (els, l) => (els.find((e) => e.querySelector("h2")!.textContent === l) as HTMLElement | undefined)?.innerText ?? "", label);
const findings = (page: Page) => page.$$eval(".kam-findings li", (els) => els.map((e) => (e as HTMLElement).innerText));
const esc = (s: string) => s.replaceAll("'", "''");
const f = makeFormat("en");
const fz = makeFormat("zh-CN");

beforeAll(async () => {
  site = await builtSite();
  warehouse = path.join(inject("siteWorkDir"), "warehouse", "kam.duckdb");
  zhDist = await builtSiteZh();
  en = await serveStatic(site.dist);
  zh = await serveStatic(zhDist);
  browser = await launchChromium();
  fs.mkdirSync(screenshots, { recursive: true });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await en?.close();
  await zh?.close();
});

describe("executive summary (en)", () => {
  it("cards are the marts' figures: the default period, a region, and the partial year against the same months", { timeout: 120_000 }, async () => {
    const [{ period: complete }] = await query(`select max(period) as period from marts.kpi_slices where slice = 'all' and period_kind <> 'window' and not is_partial`);
    const [{ period: partial }] = await query(`select max(period) as period from marts.kpi_slices where slice = 'all' and period_kind <> 'window' and is_partial`);
    const [{ value: region }] = await query("select min(value) as value from marts.slice_options where dimension = 'region'");
    const views = [
      { search: "", period: complete, where: "slice = 'all'", equity: "grouping = 'total'" },
      { search: `?region=${encodeURIComponent(region)}`, period: complete, where: `slice = 'region' and region = '${esc(region)}'`, equity: `grouping = 'region' and group_value = '${esc(region)}'` },
      { search: `?period=${partial}`, period: partial, where: "slice = 'all'", equity: "grouping = 'total'" },
    ];
    for (const v of views) {
      const [k] = await query(`select * from marts.kpi_slices where period = '${v.period}' and ${v.where}`);
      const [r] = await query(`select * exclude (curve_x, pareto_y, lorenz_x, lorenz_y, whale_y) from marts.concentration_slices where measure = 'revenue' and period = '${v.period}' and ${v.where}`);
      const [e] = await query(`select equity from marts.customer_equity where ${v.equity}`);
      // the key accounts are rated over all customers; the cards count those of the slice (key_account_slices)
      const [ka] = await query(`select * from marts.key_account_slices where period = '${v.period}' and ${v.where}`);
      const { page, errors } = await open(en.url + "/index.html" + v.search);
      expect(await page.$eval(".kam-filters select[name=period]", (s) => (s as HTMLSelectElement).value)).toBe(v.period);
      expect(await cards(page), v.search).toEqual({
        "Revenue": f.money(k.revenue),
        "Gross profit": f.money(k.gross_profit),
        "Key accounts": f.integer(ka.n_key),
        "Key revenue at stake": f.money(ka.key_revenue_at_stake),
        "Active customers": f.integer(k.customers),
        "Top 20% share": f.percent(r.top_share_value),
        "Largest customer's share": f.percent(r.top1_share),
        "Customer equity": f.money(e.equity),
      });
      expect(errors).toEqual([]);
      await page.screenshot({ path: path.join(screenshots, `summary-en${v.search ? "-" + v.search.replace(/\W+/g, "-") : ""}.png`), fullPage: true });
      await page.close();
    }

    // the partial year: compared with the same months of the year before, checked against order sums over those dates
    const [k] = await query(`select * from marts.kpi_slices where period = '${partial}' and slice = 'all'`);
    const [sums] = await query(`select
        sum(revenue) filter (where order_date between '${k.covered_start.toISOString().slice(0, 10)}' and '${k.covered_end.toISOString().slice(0, 10)}') as now,
        sum(revenue) filter (where order_date between '${k.compare_start.toISOString().slice(0, 10)}' and '${k.compare_end.toISOString().slice(0, 10)}') as before
      from intermediate.orders`);
    expect(k.comparison_basis).toBe("same_months");
    expect(k.revenue).toBeCloseTo(sums.now, 2);
    expect(k.previous_revenue).toBeCloseTo(sums.before, 2);
    expect(k.revenue_growth).toBeCloseTo(sums.now / sums.before - 1, 12);
    const { page } = await open(`${en.url}/index.html?period=${partial}`);
    const months = (d: Date, withYear: boolean) => `${d.toLocaleString("en", { month: "short", timeZone: "UTC" })}${withYear ? " " + d.getUTCFullYear() : ""}`;
    const sameMonths = `${months(k.compare_start, false)}–${months(k.compare_end, true)}`; // "Jan–Sep 2025"
    expect(await cardText(page, "Revenue")).toContain(`${f.change(k.revenue_growth)} vs ${sameMonths}`);
    expect(await cardText(page, "Revenue")).toContain(`the whole of ${k.previous_period}: ${f.money(k.previous_period_revenue)}`);
    // marked partial: the select, the lede, the note, the findings
    expect(await page.$eval(".kam-filters select[name=period]", (s) => (s as HTMLSelectElement).selectedOptions[0].textContent)).toBe(`${partial} (partial)`);
    expect(await page.$eval(".kam-partial", (p) => p.textContent)).toContain(`is not over: its figures are compared with ${sameMonths}, not with the whole of ${k.previous_period}.`);
    const said = await findings(page);
    expect(said[0]).toMatch(new RegExp(`^Revenue (rose|fell) .* in ${partial} \\(.*, partial\\), against ${sameMonths}\\.$`));
    await page.close();
  });

  it("a combined filter (region × industry) and a multi-select (two regions) show the marts' rows: the cards, and each selection side by side", { timeout: 120_000 }, async () => {
    const [{ period }] = await query(`select max(period) as period from marts.kpi_slices where slice = 'all' and period_kind <> 'window' and not is_partial`);
    const [{ period: partial }] = await query(`select max(period) as period from marts.kpi_slices where slice = 'all' and period_kind <> 'window' and is_partial`);
    const [combo] = await query(`select region, industry from marts.kpi_slices where period = '${period}' and slice = 'region_industry' and customers > 0 order by revenue desc, region, industry limit 1`);
    const where = `slice = 'region_industry' and region = '${esc(combo.region)}' and industry = '${esc(combo.industry)}'`;
    const [k] = await query(`select * from marts.kpi_slices where period = '${period}' and ${where}`);
    const [r] = await query(`select top_share_value, top1_share from marts.concentration_slices where measure = 'revenue' and period = '${period}' and ${where}`);
    const [ka] = await query(`select * from marts.key_account_slices where period = '${period}' and ${where}`);
    const { page, errors } = await open(`${en.url}/index.html?period=${period}&region=${encodeURIComponent(combo.region)}&industry=${encodeURIComponent(combo.industry)}`);
    expect(await cards(page)).toEqual({
      "Revenue": f.money(k.revenue), "Gross profit": f.money(k.gross_profit), "Key accounts": f.integer(ka.n_key), "Key revenue at stake": f.money(ka.key_revenue_at_stake),
      "Active customers": f.integer(k.customers), "Top 20% share": f.percent(r.top_share_value), "Largest customer's share": f.percent(r.top1_share),
      "Customer equity": f.missing, // customer equity is kept per region or industry, not per combination (the card says so)
    });
    expect(await cardText(page, "Customer equity")).toContain("not available for a combination");
    expect(errors).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, "summary-en-region-industry.png"), fullPage: true });
    await page.close();
    // two regions, in a partial period: the table holds each region's own row; the cards follow the first
    const regions = (await query("select value from marts.slice_options where dimension = 'region' order by n_customers desc, value limit 2")).map((x) => x.value);
    const multi = await open(`${en.url}/index.html?period=${partial}&${regions.map((x) => `region=${encodeURIComponent(x)}`).join("&")}`);
    const rows = await multi.page.$$eval(".kam-compare tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    const marts = [];
    for (const region of regions) marts.push((await query(`select * from marts.kpi_slices where period = '${partial}' and slice = 'region' and region = '${esc(region)}'`))[0]);
    expect(rows.map((x) => [x[0], x[1], x[5]])).toEqual(marts.map((m, i) => [regions[i], f.money(m.revenue), f.integer(m.customers)]));
    expect((await cards(multi.page))["Revenue"]).toBe(f.money(marts[0].revenue));
    expect(await multi.page.$eval(".kam-follows-first", (e) => e.textContent)).toContain(`${regions[0]} (the first of the 2 chosen)`);
    expect(multi.errors).toEqual([]);
    await multi.page.close();
  });

  it("findings never repeat a sentence, never claim the 80/20 rule below 80%, and the bridge shows the mart's steps", { timeout: 120_000 }, async () => {
    const rows = await query(`select k.period, k.revenue_change, k.bridge_expansion, k.bridge_contraction, k.bridge_lost, k.lost_customers, k.comparison_reason, c.top_share_value
      from marts.kpi_slices k join marts.concentration_slices c on c.measure = 'revenue' and c.period = k.period and c.slice = 'all'
      where k.slice = 'all' and k.period_kind <> 'window' order by k.period`);
    for (const row of rows) {
      const { page } = await open(`${en.url}/index.html?period=${row.period}`);
      const said = await findings(page);
      expect(said.length).toBeGreaterThan(2);
      expect(new Set(said).size, row.period).toBe(said.length);
      const rule = said.find((s) => s.includes("80/20 rule"))!;
      expect(rule, row.period).toBeDefined();
      if (row.top_share_value < 0.8) expect(rule).not.toMatch(/holds/);
      else expect(rule).toMatch(/holds/);
      const bridge = await page.$eval("#observablehq-main", (m) => (m as HTMLElement).innerText);
      if (row.revenue_change == null) {
        expect(bridge, row.period).toMatch(/No revenue bridge for this period\. No comparison: /);
      } else {
        const labels = await page.$$eval("figure svg text", (ts) => ts.map((t) => t.textContent));
        expect(labels.some((l) => l?.startsWith(`${f.money(row.bridge_expansion)} (`)), row.period).toBe(true);
        expect(labels.some((l) => l === `${f.money(row.bridge_lost)} (${f.integer(row.lost_customers)})`), row.period).toBe(true);
        expect(labels).toContain(f.money(row.revenue_change));
      }
      await page.close();
    }
  });

  it("key accounts: the scorecard tier's count and shares, the largest by name, the tier pyramid and the largest risks", { timeout: 60_000 }, async () => {
    const [{ period }] = await query(`select max(period) as period from marts.key_account_summary where period_kind <> 'window' and not is_partial`);
    const [ka] = await query(`select * from marts.key_account_summary where period = '${period}'`);
    const top = await query(`select customer_name, revenue from marts.key_account_scorecard where period = '${period}' and tier = 'key' order by revenue_rank, customer_id limit 10`);
    const risks = await query(`select customer_name, revenue_at_stake, is_key_account from marts.at_risk_accounts where period = '${period}' order by risk_rank, customer_id limit 5`);
    // independently: the key accounts' share of the period's revenue, from the scorecard and customer_metrics
    const [own] = await query(`select count(*) filter (where s.tier = 'key') as n_key, sum(m.revenue) filter (where s.tier = 'key') / sum(m.revenue) as share
      from marts.key_account_scorecard s join marts.customer_metrics m using (period, customer_id) where s.period = '${period}'`);
    expect(own.n_key).toBe(ka.n_key);
    const { page, errors } = await open(`${en.url}/index.html?period=${period}`);
    const card = await cardText(page, "Key accounts");
    expect(card).toContain(`+${f.integer(ka.n_entered)} entered, −${f.integer(ka.n_left)} left since ${ka.previous_period}`);
    expect(card).toContain(`${f.percent(ka.key_customer_share, 0)} of rated customers; ${f.percent(own.share, 0)} of revenue, ${f.percent(ka.key_profit_share, 0)} of gross profit`);
    expect(await cardText(page, "Key revenue at stake")).toContain(`${f.integer(ka.n_key_at_risk)} key accounts at risk`);
    const names = await page.$$eval(".kam-table-block", (bs) => {
      const b = bs.find((x) => x.querySelector("h3")?.textContent?.startsWith("The largest key accounts"))!;
      return [...b.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent));
    });
    expect(names.map((r) => r.slice(-3, -1))).toEqual(top.map((r) => [r.customer_name, f.money(r.revenue)]));
    const pyramid = await page.$$eval("figure svg text", (ts) => ts.map((x) => x.textContent));
    for (const [n] of [[ka.n_key], [ka.n_regular], [ka.n_potential], [ka.n_watch], [ka.n_give_up]]) {
      expect(pyramid.some((l) => l?.startsWith(`${f.integer(n)} · `))).toBe(true);
    }
    const listed = await page.$$eval(".kam-risks li", (ls) => ls.map((l) => (l as HTMLElement).innerText));
    expect(listed.length).toBe(risks.length);
    risks.forEach((r, i) => {
      expect(listed[i].startsWith(r.customer_name)).toBe(true);
      expect(listed[i]).toContain(`${f.money(r.revenue_at_stake)} at stake: `);
      expect(listed[i].includes("Key account")).toBe(r.is_key_account);
    });
    // names link to their dossiers where one exists (marts.dossier_customers), and the link works
    const dossierOf = new Map((await query("select customer_name, slug from marts.dossier_customers")).map((d) => [d.customer_name, d.slug]));
    const tableLinks = await page.$$eval(".kam-table-block", (bs) => {
      const b = bs.find((x) => x.querySelector("h3")?.textContent?.startsWith("The largest key accounts"))!;
      return [...b.querySelectorAll("tbody tr")].map((tr) => tr.querySelector("a.kam-customer")?.getAttribute("href") ?? null);
    });
    top.forEach((r, i) => expect(tableLinks[i], r.customer_name).toMatch(new RegExp(`/accounts/${encodeURIComponent(dossierOf.get(r.customer_name))}\\.html$`)));
    const riskLinks = await page.$$eval(".kam-risks li", (ls) => ls.map((l) => l.querySelector("a.kam-customer")?.getAttribute("href") ?? null));
    risks.forEach((r, i) => expect(riskLinks[i] != null, r.customer_name).toBe(dossierOf.has(r.customer_name)));
    const findingLink = await page.$$eval(".kam-findings li", (ls) => ls.find((l) => l.textContent!.startsWith("Largest risk: "))?.querySelector("a.kam-customer")?.textContent ?? null);
    expect(findingLink).toBe(dossierOf.has(risks[0].customer_name) ? risks[0].customer_name : null);
    const res = await page.request.get(new URL(tableLinks[0]!, en.url + "/").href);
    expect(res.status()).toBe(200);
    const said = await findings(page);
    expect(said).toContain(`On re-rating, ${f.integer(ka.n_entered)} entered the key account list and ${f.integer(ka.n_left)} left it since ${ka.previous_period}.`);
    expect(said.find((x) => x.startsWith("Largest risk: "))).toContain(risks[0].customer_name);
    // a filter: the cards and the pyramid count the region's key accounts (key_account_slices); the lists say they are over all customers
    const [{ value: region }] = await query("select min(value) as value from marts.slice_options where dimension = 'region'");
    const [kr] = await query(`select * from marts.key_account_slices where period = '${period}' and slice = 'region' and region = '${esc(region)}'`);
    const filtered = await open(`${en.url}/index.html?period=${period}&region=${encodeURIComponent(region)}`);
    expect(await filtered.page.$eval("#observablehq-main", (m) => (m as HTMLElement).innerText)).toContain("The largest key accounts and risks below are over all customers: they do not follow the filters.");
    expect((await cards(filtered.page))["Key accounts"]).toBe(f.integer(kr.n_key));
    expect((await cards(filtered.page))["Key revenue at stake"]).toBe(f.money(kr.key_revenue_at_stake));
    expect(await cardText(filtered.page, "Key accounts")).toContain(`+${f.integer(kr.n_entered)} entered, −${f.integer(kr.n_left)} left since ${kr.previous_period}`);
    expect(await cardText(filtered.page, "Key accounts")).toContain(`${f.percent(kr.key_customer_share, 0)} of rated customers; ${f.percent(kr.key_revenue_share, 0)} of revenue`);
    const regionPyramid = await filtered.page.$$eval("figure svg text", (ts) => ts.map((x) => x.textContent));
    expect(regionPyramid.some((l) => l?.startsWith(`${f.integer(kr.n_key)} · `))).toBe(true);
    expect(errors).toEqual([]);
    await filtered.page.close();
    await page.close();
  });

  it("a phone's first screen holds several headline figures", async () => {
    const { page } = await open(en.url + "/index.html", { width: 390, height: 844 });
    const inView = await page.$$eval(".kam-kpi", (els) => els.filter((e) => e.getBoundingClientRect().bottom <= window.innerHeight).length);
    expect(inView).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: path.join(screenshots, "summary-en-390.png") });
    await page.close();
  });

  it("printed, the filters in force are a sentence and the controls are gone", async () => {
    const [{ value: region }] = await query("select min(value) as value from marts.slice_options where dimension = 'region'");
    const { page } = await open(`${en.url}/index.html?period=2024&region=${encodeURIComponent(region)}`);
    await page.emulateMedia({ media: "print" });
    expect(await page.$eval(".kam-filters-print", (p) => (p as HTMLElement).innerText)).toBe(`Filters in force: Period: 2024 · Region: ${region} · Industry: All · Sales rep: All`);
    expect(await page.$$eval(".kam-filters select", (ss) => ss.filter((s) => (s as HTMLElement).offsetParent !== null).length)).toBe(0);
    await page.emulateMedia({ media: "screen" });
    expect(await page.$eval(".kam-filters-print", (p) => (p as HTMLElement).offsetParent)).toBeNull();
    await page.close();
  });
});

describe("executive summary (zh-CN)", () => {
  it("renders in Chinese: the partial year named by its months, figures in 万/亿, no console error", { timeout: 60_000 }, async () => {
    const [k] = await query(`select * from marts.kpi_slices where slice = 'all' and period_kind <> 'window' and is_partial order by period desc limit 1`);
    const { page, errors } = await open(`${zh.url}/index.html?period=${k.period}`);
    const c = await cards(page);
    expect(c["销售收入"]).toBe(fz.money(k.revenue));
    expect(c["销售收入"]).toMatch(/亿$/);
    const year = k.compare_start.getUTCFullYear();
    const m1 = k.compare_start.getUTCMonth() + 1;
    const m2 = k.compare_end.getUTCMonth() + 1;
    expect(await cardText(page, "销售收入")).toContain(`${fz.change(k.revenue_growth)} 较${year}年${m1}–${m2}月`);
    const said = await findings(page);
    expect(said[0]).toContain(`较${year}年${m1}–${m2}月`);
    expect(said.join("")).toMatch(/二八法则/);
    // no English sentence left (customer names are the exports' own text: taken out first)
    const names = (await query(`select customer_name from marts.at_risk_accounts where period = '${k.period}' and risk_rank <= 5`)).map((r) => r.customer_name as string);
    expect(names.reduce((text, n) => text.replaceAll(n, ""), said.join(""))).not.toMatch(/[A-Za-z]{4,}/);
    expect(errors).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, "summary-zh.png"), fullPage: true });
    // a combined filter and two industries side by side, in Chinese: the marts' rows
    const [combo] = await query(`select region, industry from marts.kpi_slices where period = '${k.period}' and slice = 'region_industry' and customers > 0 order by revenue desc, region, industry limit 1`);
    const [kc] = await query(`select revenue, customers from marts.kpi_slices where period = '${k.period}' and slice = 'region_industry' and region = '${esc(combo.region)}' and industry = '${esc(combo.industry)}'`);
    const industries = (await query(`select industry from marts.kpi_slices where period = '${k.period}' and slice = 'region_industry' and region = '${esc(combo.region)}' and customers > 0 order by revenue desc, industry limit 2`)).map((x) => x.industry);
    const both = await open(`${zh.url}/index.html?period=${k.period}&region=${encodeURIComponent(combo.region)}&${industries.map((x) => `industry=${encodeURIComponent(x)}`).join("&")}`);
    expect(industries[0]).toBe(combo.industry);
    expect((await cards(both.page))["销售收入"]).toBe(fz.money(kc.revenue));
    const zhRows = await both.page.$$eval(".kam-compare tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    const zhMarts = [];
    for (const ind of industries) zhMarts.push((await query(`select revenue, customers from marts.kpi_slices where period = '${k.period}' and slice = 'region_industry' and region = '${esc(combo.region)}' and industry = '${esc(ind)}'`))[0]);
    expect(zhRows.map((x) => [x[0], x[1], x[5]])).toEqual(zhMarts.map((m, i) => [`${combo.region} · ${industries[i]}`, fz.money(m.revenue), fz.integer(m.customers)]));
    expect(await both.page.$eval(".kam-follows-first", (e) => e.textContent)).toContain("所选 2 项中的第一项");
    expect(both.errors).toEqual([]);
    await both.page.screenshot({ path: path.join(screenshots, "summary-zh-multi.png"), fullPage: true });
    await both.page.close();
    const phone = await open(`${zh.url}/index.html`, { width: 390, height: 844 });
    expect(await phone.page.$$eval(".kam-kpi", (els) => els.filter((e) => e.getBoundingClientRect().bottom <= window.innerHeight).length)).toBeGreaterThanOrEqual(4);
    await phone.page.screenshot({ path: path.join(screenshots, "summary-zh-390.png") });
    await phone.page.close();
    await page.close();
  });
});

describe("the report's stamp", () => {
  it("every page of both editions says when the data ends and when the report was built", async () => {
    const [{ d }] = await query("select strftime(analysis_date, '%Y-%m-%d') as d from marts.analysis_params");
    for (const [dist, text] of [[site.dist, `Data to ${f.date(d)} · report built `], [zhDist, `数据截至${fz.date(d)} · 报告生成于`]] as const) {
      const pages = fs.readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((p) => p.endsWith(".html") && !/^_/.test(p));
      expect(pages.length).toBeGreaterThan(5);
      for (const p of pages) expect(fs.readFileSync(path.join(dist, p), "utf8"), p).toContain(`<span class="kam-stamp">${text}`);
    }
  });
});
