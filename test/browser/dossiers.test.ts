// The customer dossiers (/accounts/<slug>) in Chromium, en and zh-CN: one page per row of
// marts.dossier_customers and no other; each dossier's own data under 50 KB; a dossier renders
// its charts with no console error and shows the marts' figures for that customer; its CSV holds
// the rows shown, raw; the search box finds a dossier by name or code and opens it; nothing is
// cut off at 390 px; export text with markup stays text. Screenshots in test/screenshots/.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, type Chromium } from "../support/chromium.ts";
import { openChecked } from "../support/page-check.ts";
import { builtSite, repoRoot, type BuiltSite } from "../support/site.ts";
import { builtSiteZh } from "../support/site-zh.ts";
import { serveStatic, type StaticServer } from "../../loaders/site/static-server.ts";
import { queryWarehouse } from "../support/warehouse-query.ts";
// @ts-ignore plain JS shared with the browser
import { makeFormat } from "../../src/components/format.js";

const screenshots = path.join(repoRoot, "test/screenshots");
let site: BuiltSite;
let zhDist: string;
let warehouse: string;
let en: StaticServer;
let zh: StaticServer;
let browser: Chromium;

const query = <T = Record<string, any>>(sql: string) => queryWarehouse<T>(warehouse, sql);

interface Dossier {
  customer_id: string;
  customer_name: string;
  slug: string;
  is_key: boolean;
  is_at_risk: boolean;
}

/**
 * The dossiers to look at closely: the largest key account, an at-risk one, the fixture with
 * markup in its name, and the edge cases the data has (no purchase in the trailing window, no
 * lifetime value row).
 */
async function chosen(): Promise<Dossier[]> {
  const pick = (where: string) =>
    query<Dossier>(`select customer_id, customer_name, slug, is_key, is_at_risk from marts.dossier_customers where ${where} order by window_revenue desc, customer_id limit 1`);
  const all = [
    ...(await pick("not is_at_risk and customer_id <> 'X000001'")),
    ...(await pick("is_at_risk")),
    ...(await pick("customer_id = 'X000001'")),
    ...(await pick("customer_id not in (select customer_id from marts.customer_metrics where period = 'window' and is_rated)")),
    ...(await pick("customer_id not in (select customer_id from marts.clv_customers)")),
  ];
  return [...new Map(all.map((d) => [d.customer_id, d])).values()];
}

const kpis = (page: Page) =>
  page.$$eval(".kam-kpi", (els) => Object.fromEntries(els.map((e) => [e.querySelector("h2")!.textContent, e.querySelector(".big")!.textContent])));

async function open(base: string, d: Dossier, width = 1366) {
  const checked = await openChecked(browser.context, `${base}/accounts/${d.slug}.html`);
  await checked.page.setViewportSize({ width, height: 900 });
  await checked.page.waitForSelector(".kam-kpi");
  await checked.page.waitForFunction(() => document.querySelectorAll("#observablehq-main svg[class*=plot]").length >= 3);
  return checked;
}

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

describe("customer dossiers", () => {
  it("one static page per customer with a dossier and no other, each with its own data under 50 KB", async () => {
    const all = await query<Dossier>("select customer_id, customer_name, slug from marts.dossier_customers order by slug");
    expect(all.length).toBeGreaterThan(50);
    for (const dist of [site.dist, zhDist]) {
      const pages = fs.readdirSync(path.join(dist, "accounts")).filter((f) => f.endsWith(".html")).sort();
      expect(pages).toEqual(all.map((d) => `${d.slug}.html`).sort());
      const data = fs.readdirSync(path.join(dist, "_file/data/accounts"));
      expect(data).toHaveLength(all.length);
      const sizes = data.map((f) => fs.statSync(path.join(dist, "_file/data/accounts", f)).size);
      expect(Math.max(...sizes), "the largest dossier's own data").toBeLessThan(50 * 1024);
    }
    // the page's <title> names the customer, escaped
    const html = fs.readFileSync(path.join(site.dist, "accounts", "X000001.html"), "utf8");
    expect(html).toContain("<title>&lt;img src=x onerror=alert(1)&gt; | Customer dossier | Key account report</title>");
    expect(html).toMatch(/<html lang="en"/);
  });

  it("renders a dossier with the marts' figures for that customer, no console error, nothing cut off at 390 px (en)", { timeout: 180_000 }, async () => {
    const f = makeFormat("en");
    for (const d of await chosen()) {
      const c = await open(en.url, d);
      const [w] = await query(`select revenue, gross_margin, collection_rate from marts.customer_metrics where period = 'window' and customer_id = '${d.customer_id}'`);
      // no purchase in the window: no customer_metrics row; its revenue (0) is customer_states'
      const [s] = await query(`select revenue from marts.customer_states where period = 'window' and customer_id = '${d.customer_id}'`);
      const [clv] = await query(`select clv from marts.clv_customers where customer_id = '${d.customer_id}'`);
      const cards = await kpis(c.page);
      expect(cards["Revenue, trailing window"], d.customer_id).toBe(f.money(w?.revenue ?? s?.revenue));
      expect(cards["Gross margin"]).toBe(f.percent(w?.gross_margin));
      expect(cards["Collection rate"]).toBe(f.percent(w?.collection_rate));
      // money reaches the page rounded to cents (the loader), so 0.004 shows as ¥0
      expect(cards["Lifetime value, next 36 months"]).toBe(f.money(clv?.clv == null ? clv?.clv : Number(clv.clv.toFixed(2)) || 0));
      expect(await c.page.$eval("h1", (e) => e.textContent)).toBe(d.customer_name);
      expect(await c.page.$$(".kam-badge-risk")).toHaveLength(d.is_at_risk ? 1 : 0);
      // export text with markup is text
      expect(await c.page.$$("#observablehq-main img")).toHaveLength(0);
      await c.page.screenshot({ path: path.join(screenshots, `dossier-en-${d.slug}-1366.png`), fullPage: true });
      await c.page.setViewportSize({ width: 390, height: 844 });
      await c.page.waitForTimeout(300);
      expect(await c.page.evaluate(() => document.documentElement.scrollWidth), `${d.slug} at 390 px`).toBeLessThanOrEqual(390);
      await c.page.screenshot({ path: path.join(screenshots, `dossier-en-${d.slug}-390.png`), fullPage: true });
      expect(await c.problems(), d.slug).toEqual([]);
      await c.page.close();
    }
  });

  it("renders in Chinese with 万/亿 figures and <html lang=zh-CN>, no console error", { timeout: 180_000 }, async () => {
    const f = makeFormat("zh-CN");
    for (const d of await chosen()) {
      const c = await open(zh.url, d);
      const [w] = await query(`select revenue from marts.customer_metrics where period = 'window' and customer_id = '${d.customer_id}'`);
      const [s] = await query(`select revenue from marts.customer_states where period = 'window' and customer_id = '${d.customer_id}'`);
      expect((await kpis(c.page))["销售收入（滚动窗口）"]).toBe(f.money(w?.revenue ?? s?.revenue));
      expect(await c.page.getAttribute("html", "lang")).toBe("zh-CN");
      expect(await c.page.title()).toBe(`${d.customer_name} | 客户档案 | 大客户分析报告`);
      await c.page.screenshot({ path: path.join(screenshots, `dossier-zh-${d.slug}-1366.png`), fullPage: true });
      await c.page.setViewportSize({ width: 390, height: 844 });
      await c.page.waitForTimeout(300);
      expect(await c.page.evaluate(() => document.documentElement.scrollWidth), `${d.slug} at 390 px`).toBeLessThanOrEqual(390);
      await c.page.screenshot({ path: path.join(screenshots, `dossier-zh-${d.slug}-390.png`), fullPage: true });
      expect(await c.problems(), d.slug).toEqual([]);
      await c.page.close();
    }
  });

  it("a dossier's CSV holds the rows shown, with raw values (money to the cent)", async () => {
    const [d] = await chosen();
    const c = await open(en.url, d);
    const block = c.page.locator(".kam-table-block", { has: c.page.locator("h3", { hasText: "Year by year" }) });
    const shown = await block.locator("tbody tr").count();
    const [download] = await Promise.all([c.page.waitForEvent("download"), block.locator("button.kam-csv").click()]);
    const lines = fs.readFileSync((await download.path())!, "utf8").replace(/^\ufeff/, "").trimEnd().split("\r\n").map((l) => l.split(","));
    expect(lines[0].slice(0, 3)).toEqual(["Period", "Revenue", "Growth"]);
    const rows = await query<{ period: string; revenue: number }>(
      `select period, revenue from marts.customer_metrics where customer_id = '${d.customer_id}' and period_kind in ('year', 'window') order by period_kind desc, period_start`,
    );
    expect(lines.length - 1).toBe(shown);
    expect(lines.slice(1).map((l) => l[0])).toEqual(rows.map((r) => r.period));
    expect(lines.slice(1).map((l) => l[1])).toEqual(rows.map((r) => r.revenue.toFixed(2)));
    await c.page.close();
  });

  it("the search box finds a dossier by name or code and opens it; an unknown name says why there is none", async () => {
    const [a, b] = await chosen();
    const c = await open(en.url, a);
    const input = c.page.locator(".kam-search input");
    // part of the other customer's name
    await input.fill(b.customer_name.slice(0, 4));
    const first = c.page.locator(".kam-search-results a").first();
    expect(await c.page.locator(".kam-search-results a").allTextContents()).toContain(b.customer_name);
    // by code, exactly: the first result; Enter opens it
    await input.fill(b.customer_id.toLowerCase());
    expect(await first.textContent()).toBe(b.customer_name);
    await Promise.all([c.page.waitForURL(`**/accounts/${b.slug}.html`), input.press("Enter")]);
    await c.page.waitForSelector(".kam-kpi");
    expect(await c.page.$eval("h1", (e) => e.textContent)).toBe(b.customer_name);
    await c.page.locator(".kam-search input").fill("no such customer 123");
    expect(await c.page.locator(".kam-search-note").textContent()).toMatch(/^No dossier matches “no such customer 123”/);
    expect(await c.problems()).toEqual([]);
    await c.page.close();
  });

  it("on /key-accounts every listed customer name links to its dossier, and the link opens it; the list's CSV holds its rows", { timeout: 120_000 }, async () => {
    const c = await openChecked(browser.context, `${en.url}/key-accounts.html`);
    await c.page.waitForSelector(".kam-kpi");
    const slugs = new Map((await query<{ customer_id: string; slug: string }>("select customer_id, slug from marts.dossier_customers")).map((r) => [r.customer_id, r.slug]));
    // the re-rating tables: every name is a link exactly when the customer has a dossier
    const cells = await c.page.$$eval(".kam-table-block table.kam-stack tbody tr td:first-child", (tds) =>
      tds.map((td) => ({ text: td.textContent, href: td.querySelector("a.kam-customer")?.getAttribute("href") ?? null })),
    );
    const moved = await query<{ customer_id: string; customer_name: string }>(
      `select customer_id, customer_name from marts.key_account_changes where period = '2025' and key_change in ('entered', 'left')`,
    );
    expect(moved.length).toBeGreaterThan(10);
    for (const m of moved) {
      const cell = cells.find((x) => x.text === m.customer_name);
      expect(cell, m.customer_id).toBeDefined();
      const slug = slugs.get(m.customer_id);
      if (slug) expect(cell!.href, m.customer_id).toMatch(new RegExp(`accounts/${slug}\\.html$`));
      else expect(cell!.href, m.customer_id).toBeNull();
    }
    // the key account list: every key account has a dossier, so every name there is a link
    const list = c.page.locator(".kam-table-block", { has: c.page.locator("h3", { hasText: "key accounts of" }) });
    const [key] = await query<{ n: number }>("select count(*) as n from marts.key_account_scorecard where period = '2025' and tier = 'key'");
    const [download] = await Promise.all([c.page.waitForEvent("download"), list.locator("button.kam-csv").click()]);
    const lines = fs.readFileSync((await download.path())!, "utf8").replace(/^\ufeff/, "").trimEnd().split("\r\n");
    expect(lines.length - 1).toBe(Number(key.n));
    const link = list.locator("a.kam-customer").first();
    const name = await link.textContent();
    await Promise.all([c.page.waitForURL("**/accounts/*.html"), link.click()]);
    await c.page.waitForSelector(".kam-kpi");
    expect(await c.page.$eval("h1", (e) => e.textContent)).toBe(name);
    expect(await c.problems()).toEqual([]);
    await c.page.close();
  });
});
