// The report pages in Chromium, en and zh-CN: each renders its charts and tables with no
// console error, within the byte budget (≤ 1.5 MB transferred; the time to fully rendered is
// reported here and held to its 1.5 s budget by `kam bench e2e`, not by a timed test on cores
// the other test files share); the figures on the page are the marts' (default view and a filtered one);
// filters live in the URL (reload, Back, kept across pages); an empty or unavailable
// selection says so; CSV downloads carry raw values without float noise; export text with
// markup shows literally and never runs; private customer fields never reach dist/.
// Screenshots go to test/screenshots/.
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
const xssName = "<img src=x onerror=alert(1)>";
const budget = { bytes: 1.5 * 1024 * 1024 };

/** Per page: what must be on it once rendered. */
const pages = [
  { route: "/", name: "index", charts: 3, tables: 1, cards: 8 },
  { route: "/risks", name: "risks", charts: 1, tables: 7, cards: 4 },
  { route: "/value", name: "value", charts: 2, tables: 3, cards: 4 },
  { route: "/concentration", name: "concentration", charts: 4, tables: 4, cards: 4 },
  { route: "/segments", name: "segments", charts: 4, tables: 8, cards: 0 },
  { route: "/retention", name: "retention", charts: 4, tables: 2, cards: 0 },
  { route: "/data-quality", name: "data-quality", charts: 0, tables: 3, cards: 4 },
  { route: "/methodology", name: "methodology", charts: 0, tables: 3, cards: 0 },
  { route: "/key-accounts", name: "key-accounts", charts: 4, tables: 5, cards: 6 },
];

/** A page of the list by name (the list's order is the sidebar's, which grows). */
const pageNamed = (name: string) => pages.find((p) => p.name === name)!;

interface Visit {
  page: Page;
  ms: number;
  bytes: number;
  errors: string[];
  dialogs: string[];
}

let site: BuiltSite;
let zhDist: string;
let warehouse: string;
let en: StaticServer;
let zh: StaticServer;
let browser: Chromium;

const query = <T = Record<string, unknown>>(sql: string) => queryWarehouse<T>(warehouse, sql);

/** Open a page with an empty cache and wait until every cell has rendered and the page's charts and tables are drawn. */
async function visit(base: string, p: (typeof pages)[number]): Promise<Visit> {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  let bytes = 0;
  cdp.on("Network.loadingFinished", (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const t0 = performance.now();
  await page.goto(base + p.route, { waitUntil: "load" });
  await page.waitForFunction(
    ({ charts, tables, cards }) =>
      !document.querySelector("observablehq-loading") &&
      document.querySelectorAll("#observablehq-main svg[class*=plot]").length >= charts &&
      document.querySelectorAll("#observablehq-main table").length >= tables &&
      document.querySelectorAll(".kam-kpi").length >= cards,
    p,
    { timeout: 30_000, polling: 20 },
  );
  const ms = performance.now() - t0;
  await page.waitForLoadState("networkidle");
  return { page, ms, bytes, errors, dialogs };
}

/**
 * The byte budget: ≤ 1.5 MB transferred (cache disabled). Both loads' render times are
 * reported; the 1.5 s render budget is the benchmark's (loaders/bench/render.ts), since here
 * the other test files' builds and browsers share the two cores and decide the time.
 */
async function checkBudgets(base: string, p: (typeof pages)[number], first: Visit, report: string[], problems: string[]) {
  const second = await visit(base, p);
  await second.page.close();
  report.push(`${p.route} ${Math.round(first.ms)}/${Math.round(second.ms)} ms ${(first.bytes / 1024).toFixed(0)} KB`);
  if (first.bytes > budget.bytes) problems.push(`${p.route}: ${first.bytes} bytes transferred, over ${budget.bytes}`);
}

const mainText = (page: Page) => page.$eval("#observablehq-main", (e) => (e as HTMLElement).innerText);

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

describe("report pages (en)", () => {
  it("render every page with its charts and tables, no console error, within the byte budget", { timeout: 300_000 }, async () => {
    const report: string[] = [];
    const problems: string[] = [];
    // warm up once (the first page pays for starting Chromium's renderer)
    await (await visit(en.url, pages[0])).page.close();
    for (const p of pages) {
      const v = await visit(en.url, p);
      await v.page.screenshot({ path: path.join(screenshots, `report-en-${p.name}.png`), fullPage: true });
      const cellErrors = await v.page.$$eval(".observablehq--error", (els) => els.map((e) => e.textContent ?? ""));
      for (const e of [...v.errors, ...cellErrors]) problems.push(`${p.route}: ${e}`);
      expect(await v.page.getAttribute("html", "lang")).toBe("en");
      await v.page.close();
      await checkBudgets(en.url, p, v, report, problems);
    }
    console.log(`[pages en] ${report.join("; ")}`);
    expect(problems).toEqual([]);
  });

  /** The default period of every page: the last complete grain period. */
  const defaultPeriod = async () =>
    (await query<{ period: string }>(`select max(period) as period from marts.concentration_slices where slice = 'all' and period_kind <> 'window' and not is_partial`))[0].period;
  const slice = async (measure: string, period: string, where = "slice = 'all'") =>
    (await query<Record<string, any>>(`select * exclude (curve_x, pareto_y, lorenz_x, lorenz_y, whale_y) from marts.concentration_slices where measure = '${measure}' and period = '${period}' and ${where}`))[0];
  const cards = (page: Page) => page.$$eval(".kam-kpi", (els) => Object.fromEntries(els.map((e) => [e.querySelector("h2")!.textContent, e.querySelector(".big")!.textContent])));
  const f = makeFormat("en");

  // the summary's figures, findings and bridge: test/browser/summary.test.ts
  it("the concentration page's figures are the marts' for each measure, and follow a sales rep", async () => {
    const period = await defaultPeriod();
    const [{ value: rep }] = await query<{ value: string }>("select min(value) as value from marts.slice_options where dimension = 'sales_rep' and value not like '<%'");
    const v = await visit(en.url + "/concentration.html?rep=" + encodeURIComponent(rep), { ...pageNamed("concentration"), route: "" });
    for (const measure of ["revenue", "gross_profit", "volume"]) {
      if (measure !== "revenue") {
        await v.page.locator(`input[type=radio]`).nth(["revenue", "gross_profit", "volume"].indexOf(measure)).check();
      }
      const r = await slice(measure, period, `slice = 'sales_rep' and sales_rep = '${rep.replaceAll("'", "''")}'`);
      // the card names the measure (never "revenue" for volume); shares with one decimal, as everywhere
      const expected = {
        [`Top 20% share of ${{ revenue: "revenue", gross_profit: "gross profit", volume: "volume" }[measure]}`]: f.percent(r.top_share_value),
        "Customers for 80%": f.integer(r.n_to_target),
        "Top 1 / 5 / 10 share": `${f.percent(r.top1_share)} / ${f.percent(r.top5_share)} / ${f.percent(r.top10_share)}`,
        "HHI / Gini": `${f.integer(r.hhi * 10000)} / ${f.number(r.gini, 2)}`,
      };
      await v.page.waitForFunction((e) => JSON.stringify(Object.fromEntries([...document.querySelectorAll(".kam-kpi")].map((k) => [k.querySelector("h2")!.textContent, k.querySelector(".big")!.textContent]))) === e, JSON.stringify(expected), { timeout: 10_000 }).catch(() => {});
      expect(await cards(v.page), measure).toEqual(expected);
      const top = await query<{ customer_id: string }>(`select customer_id from marts.concentration_slice_top where measure = '${measure}' and period = '${period}' and slice = 'sales_rep' and sales_rep = '${rep.replaceAll("'", "''")}' order by rank`);
      // the "Customer code" column of the top-10 table (the second table), found by its header
      const shown = await v.page.$$eval("#observablehq-main table", (ts) => {
        const col = [...ts[1].querySelectorAll("thead th")].findIndex((th) => th.textContent === "Customer code");
        return [...ts[1].querySelectorAll("tbody tr")].map((tr) => tr.querySelectorAll("td")[col]?.textContent);
      });
      expect(shown, measure).toEqual(top.map((t) => t.customer_id));
    }
    await v.page.close();
  });

  it("the concentration page's profit after cost to serve is whale_summary's, for every customer whatever the filters", async () => {
    const period = await defaultPeriod();
    const rows = await query<Record<string, any>>(`select * from marts.whale_summary where period = '${period}' order by measure = 'contribution', measure`);
    const after = rows.find((r) => r.measure === "contribution")!;
    expect(after.peak_share, "the sample knows its cost to serve").not.toBeNull();
    const v = await visit(en.url + "/concentration.html", { ...pageNamed("concentration"), route: "" });
    const text = await mainText(v.page);
    expect(text).toContain(`After cost to serve, ${f.integer(Number(after.n_loss_makers))} customers lose money and give back ${f.money(Number(after.profit_destroyed))}`);
    expect(text).not.toContain("do not follow the region, industry or sales rep filter");
    // its CSV (the third download: after the ABC and top-customer tables): the mart's rows, money to the cent
    const [download] = await Promise.all([v.page.waitForEvent("download"), v.page.locator("button.kam-csv").nth(2).click()]);
    const csv = fs.readFileSync((await download.path())!, "utf8").replace(/^\ufeff/, "").trimEnd().split("\r\n").map((l) => l.split(","));
    expect(csv[0]).toEqual(["Profit", "Customers", "Total", "Loss makers", "Profit given back", "Peak of the curve"]);
    expect(csv.slice(1).map((l) => [l[0], Number(l[1]), Number(l[2]), Number(l[3]), Number(l[4])])).toEqual(
      rows.map((r) => [r.measure, Number(r.n_customers), expect.closeTo(Number(r.total_profit), 2), Number(r.n_loss_makers), expect.closeTo(Number(r.profit_destroyed), 2)]),
    );
    for (const l of csv.slice(1)) expect(l[2]).toMatch(/^-?\d+\.\d{2}$/);
    await v.page.close();
    // a rep picked: the figures stay every customer's, and the page says so
    const [{ value: rep }] = await query<{ value: string }>("select min(value) as value from marts.slice_options where dimension = 'sales_rep' and value not like '<%'");
    const w = await visit(en.url + "/concentration.html?rep=" + encodeURIComponent(rep), { ...pageNamed("concentration"), route: "" });
    const filtered = await mainText(w.page);
    expect(filtered).toContain("they do not follow the region, industry or sales rep filter");
    expect(filtered).toContain(`After cost to serve, ${f.integer(Number(after.n_loss_makers))} customers lose money`);
    await w.page.close();
  });

  it("the risks and value pages' figures are the marts': cards, the key accounts at risk in rank order, the model's caveats", async () => {
    const [s] = await query<Record<string, any>>(`select * from marts.key_account_summary where period = 'window'`);
    const v = await visit(en.url + "/risks.html", { ...pageNamed("risks"), route: "" });
    expect(await v.page.$eval(".kam-filters select[name=period]", (e) => (e as HTMLSelectElement).value)).toBe("window");
    expect(await cards(v.page)).toEqual({
      "Key accounts at risk": f.integer(s.n_key_at_risk),
      "Key account revenue at stake": f.money(Number(s.key_revenue_at_stake)),
      "Key and regular accounts at risk": f.integer(s.n_at_risk),
      "Revenue at stake, all accounts at risk": f.money(Number(s.revenue_at_stake)),
    });
    // the first table: every key account at risk, largest at stake first, as the mart ranks them
    const listed = await v.page.$$eval("table.kam-stack", (ts) => [...ts[0].querySelectorAll("tbody tr")].map((tr) => (tr as HTMLTableRowElement).cells[1].textContent));
    const atRisk = await query<{ customer_name: string }>(`select customer_name from marts.at_risk_accounts where period = 'window' and is_key_account order by risk_rank, customer_id`);
    expect(listed).toEqual(atRisk.map((r) => r.customer_name));
    expect(listed.length).toBe(Number(s.n_key_at_risk));
    // every name with a dossier links to it
    const linked = await v.page.$$eval("table.kam-stack", (ts) => [...ts[0].querySelectorAll("tbody tr td:nth-child(2) a")].map((a) => a.textContent));
    const withDossier = await query<{ customer_name: string }>(`select a.customer_name from marts.at_risk_accounts a join marts.dossier_customers d using (customer_id)
      where a.period = 'window' and a.is_key_account order by a.risk_rank, a.customer_id`);
    expect(linked).toEqual(withDossier.map((r) => r.customer_name));
    expect(linked.length).toBeGreaterThan(0);
    await v.page.close();

    const [total] = await query<Record<string, any>>(`select equity, mean_clv from marts.customer_equity where grouping = 'total'`);
    const [key] = await query<Record<string, any>>(`select equity_share from marts.customer_equity where grouping = 'tier' and group_value = 'key'`);
    const [gg] = await query<Record<string, any>>(`select independence_ok, frequency_spend_correlation from marts.clv_model where model = 'gammagamma' and fit_window = 'full'`);
    const w = await visit(en.url + "/value.html", { ...pageNamed("value"), route: "" });
    const c = await cards(w.page);
    expect(c["Customer equity"]).toBe(f.money(Number(total.equity)));
    expect(c["Mean lifetime value"]).toBe(f.money(Number(total.mean_clv)));
    expect(c["Key accounts' share of equity"]).toBe(f.percent(key.equity_share));
    // the independence caveat is stated exactly when the fit says frequency and spend are correlated
    const text = await mainText(w.page);
    expect(text.includes(`Frequency and spend per purchase are correlated (r = ${f.fixed(gg.frequency_spend_correlation, 2)})`)).toBe(gg.independence_ok === false);
    await w.page.close();
  });

  it("filters live in the URL: several regions, a reload keeps them, Back returns to the previous view, links to other pages carry them", async () => {
    const regions = (await query<{ value: string }>("select value from marts.slice_options where dimension = 'region' order by n_customers desc, value limit 2")).map((r) => r.value);
    const page = await browser.context.newPage();
    await page.goto(en.url + "/concentration.html?period=2024");
    await page.waitForSelector(".kam-kpi");
    const value = (name: string) => page.$eval(`.kam-filters select[name=${name}]`, (e) => (e as HTMLSelectElement).value);
    const ticked = (name: string) => page.$$eval(`.kam-filters details[data-name=${name}] input:checked`, (es) => es.map((e) => (e as HTMLInputElement).value));
    const tick = async (name: string, v: string) => {
      // open the dimension's list unless it is open
      if (!(await page.$eval(`.kam-filters details[data-name=${name}]`, (d) => (d as HTMLDetailsElement).open))) await page.click(`.kam-filters details[data-name=${name}] > summary`);
      await page.locator(`.kam-filters details[data-name=${name}]`).getByLabel(v, { exact: true }).check();
    };
    const bigs = () => page.$$eval(".kam-kpi .big", (es) => JSON.stringify(es.map((e) => e.textContent)));
    expect(await value("period")).toBe("2024");
    const before = await cards(page);
    await tick("region", regions[0]);
    await page.waitForFunction((b) => JSON.stringify([...document.querySelectorAll(".kam-kpi .big")].map((e) => e.textContent)) !== b, JSON.stringify(Object.values(before)));
    expect(new URL(page.url()).searchParams.getAll("region")).toEqual([regions[0]]);
    expect(new URL(page.url()).searchParams.get("period")).toBe("2024");
    const one = await cards(page);
    // chosen regions narrow the reps: every rep offered serves one of them
    const reps = await page.$$eval(".kam-filters details[data-name=rep] input", (os) => os.map((o) => (o as HTMLInputElement).value));
    const served = (await query<{ value: string }>(`select value from marts.slice_options where dimension = 'sales_rep' and region = '${regions[0].replaceAll("'", "''")}'`)).map((r) => r.value);
    expect(reps.sort()).toEqual([...new Set(served)].sort());
    // a second region: both in the URL, the two slices side by side
    await tick("region", regions[1]);
    await page.waitForSelector(".kam-compare");
    expect(new URL(page.url()).searchParams.getAll("region").sort()).toEqual([...regions].sort());
    const compared = await page.$$eval(".kam-compare tbody tr", (trs) => trs.map((tr) => tr.querySelector("td")!.textContent));
    expect(compared.sort()).toEqual([...regions].sort());
    const two = await bigs();
    // kept across pages
    const href = await page.$eval('#observablehq-sidebar a[href*="segments"]', (a) => a.getAttribute("href"));
    expect(new URL(href!, en.url).searchParams.getAll("region").sort()).toEqual([...regions].sort());
    // reload
    await page.reload();
    await page.waitForSelector(".kam-compare");
    expect((await ticked("region")).sort()).toEqual([...regions].sort());
    expect(await bigs()).toBe(two);
    // Back: one region, then none
    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll(".kam-filters details[data-name=region] input:checked").length === 1 && !document.querySelector(".kam-compare"));
    await page.waitForFunction((b) => JSON.stringify([...document.querySelectorAll(".kam-kpi .big")].map((e) => e.textContent)) === b, JSON.stringify(Object.values(one)));
    expect(await ticked("region")).toEqual([regions[0]]);
    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll(".kam-filters details[data-name=region] input:checked").length === 0);
    await page.waitForFunction((b) => JSON.stringify([...document.querySelectorAll(".kam-kpi .big")].map((e) => e.textContent)) === b, JSON.stringify(Object.values(before)));
    expect(await cards(page)).toEqual(before);
    await page.close();
  });

  it("a region × industry and a multi-select show the marts' rows on the concentration page, within the page budget", async () => {
    const period = await defaultPeriod();
    const [combo] = await query<{ region: string; industry: string }>(`select region, industry from marts.concentration_slices
      where measure = 'revenue' and period = '${period}' and slice = 'region_industry' order by n_customers desc, region, industry limit 1`);
    const regions = (await query<{ region: string }>(`select region from marts.concentration_slices where measure = 'revenue' and period = '${period}'
      and slice = 'region_industry' and industry = '${combo.industry.replaceAll("'", "''")}' order by n_customers desc, region limit 2`)).map((r) => r.region);
    const search = `?period=${period}&${regions.map((r) => `region=${encodeURIComponent(r)}`).join("&")}&industry=${encodeURIComponent(combo.industry)}`;
    const v = await visit(en.url + "/concentration.html" + search, { ...pageNamed("concentration"), route: "" });
    expect(v.errors).toEqual([]);
    // a combination's page fetches the combination's files, not the single dimensions': within the budget
    expect(v.bytes, `${v.bytes} bytes transferred`).toBeLessThan(budget.bytes);
    const rows = [];
    for (const region of regions) rows.push(await slice("revenue", period, `slice = 'region_industry' and region = '${region.replaceAll("'", "''")}' and industry = '${combo.industry.replaceAll("'", "''")}'`));
    // the cards follow the first selection, and say so
    const c = await cards(v.page);
    expect(c[`Top ${f.percent(0.2, 0)} share of revenue`]).toBe(f.percent(rows[0].top_share_value));
    expect(c["Customers for 80%"]).toBe(f.integer(rows[0].n_to_target));
    expect(await v.page.$eval(".kam-follows-first", (e) => e.textContent)).toContain(`${regions[0]} · ${combo.industry} (the first of the 2 chosen)`);
    // side by side: each row is the mart's row of its slice
    const table = await v.page.$$eval(".kam-compare tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    expect(table.map((cells) => [cells[0], cells[1], cells[3], cells[4], cells[5]])).toEqual(rows.map((r, i) => [`${regions[i]} · ${combo.industry}`, f.integer(r.n_customers), f.percent(r.top_share_value), f.integer(r.n_to_target), f.percent(r.top1_share)]));
    // the largest customers of the first combination, in the mart's order
    const top = await query<{ customer_id: string }>(`select customer_id from marts.concentration_slice_top where measure = 'revenue' and period = '${period}'
      and slice = 'region_industry' and region = '${regions[0].replaceAll("'", "''")}' and industry = '${combo.industry.replaceAll("'", "''")}' and rank <= 5 order by rank`);
    const ids = await v.page.$$eval(".kam-table-block", (bs) => {
      const b = bs.find((x) => x.querySelector("h3")?.textContent?.includes("largest customers"))!;
      return [...b.querySelectorAll("tbody tr")].map((tr) => tr.querySelectorAll("td")[1].textContent);
    });
    expect(ids).toEqual(top.map((r) => r.customer_id));
    await v.page.close();
    // the summary of the same combinations: within the budget too
    const home = await visit(en.url + "/index.html" + search, { ...pageNamed("index"), route: "" });
    expect(home.errors).toEqual([]);
    expect(home.bytes, `/ ${home.bytes} bytes transferred`).toBeLessThan(budget.bytes);
    console.log(`[filters] a region × industry view: /concentration ${(v.bytes / 1024).toFixed(0)} KB, / ${(home.bytes / 1024).toFixed(0)} KB transferred`);
    await home.page.close();
  });

  it("an empty or unavailable selection says so", async () => {
    const [{ rep }] = await query<{ rep: string }>("select min(value) as rep from marts.slice_options where dimension = 'sales_rep'");
    const [{ industry }] = await query<{ industry: string }>("select min(value) as industry from marts.slice_options where dimension = 'industry'");
    const page = await browser.context.newPage();
    await page.goto(`${en.url}/index.html?rep=${encodeURIComponent(rep)}&industry=${encodeURIComponent(industry)}`);
    await page.waitForSelector(".kam-selection:not([hidden])");
    expect(await page.$eval(".kam-selection", (e) => e.textContent)).toMatch(/not for a sales rep together with an industry/);
    expect(await page.$$(".kam-kpi")).toHaveLength(0);
    // a rep in a period when none of the rep's customers bought
    const empty = await query<{ value: string; period: string }>(`
      select o.value, p.period from (select distinct value from marts.slice_options where dimension = 'sales_rep') o
      cross join (select distinct period from marts.concentration_slices where slice = 'all' and period_kind <> 'window') p
      where not exists (select 1 from marts.concentration_slices s where s.slice = 'sales_rep' and s.sales_rep = o.value and s.period = p.period)
      limit 1`);
    expect(empty.length, "the test build has a rep with no customer in some period (the XSS fixture's rep)").toBe(1);
    await page.goto(`${en.url}/index.html?period=${empty[0].period}&rep=${encodeURIComponent(empty[0].value)}`);
    await page.waitForSelector(".kam-selection:not([hidden])");
    expect(await page.$eval(".kam-selection", (e) => e.textContent)).toBe("No customers match these filters in this period.");
    // a region with a rep who serves none of its customers: no such combination
    const [pair] = await query<{ region: string; rep: string }>(`select r.value as region, s.value as rep from marts.slice_options r, marts.slice_options s
      where r.dimension = 'region' and s.dimension = 'sales_rep' and not exists (select 1 from marts.slice_options x where x.dimension = 'sales_rep' and x.value = s.value and x.region = r.value)
      order by 1, 2 limit 1`);
    await page.goto(`${en.url}/concentration.html?region=${encodeURIComponent(pair.region)}&rep=${encodeURIComponent(pair.rep)}`);
    await page.waitForSelector(".kam-kpi");
    // the rep is not offered for that region, so the URL's rep is dropped: the region's figures
    expect(await page.$$eval(".kam-filters details[data-name=rep] input:checked", (es) => es.length)).toBe(0);
    expect(await page.$$eval(".kam-filters details[data-name=region] input:checked", (es) => es.map((e) => (e as HTMLInputElement).value))).toEqual([pair.region]);
    // ... and the page says that it was not applied, instead of silently showing the whole region
    expect(await page.$eval(".kam-filters-unknown", (e) => ((e as HTMLElement).hidden ? null : e.textContent))).toBe(`Not among the choices here, so not applied: Sales rep: ${pair.rep}.`);
    // ticking a filter replaces the link's state: the note goes
    await page.click(".kam-filters details[data-name=region] summary");
    await page.click(".kam-filters details[data-name=region] .kam-multi-clear");
    await page.waitForFunction(() => (document.querySelector(".kam-filters-unknown") as HTMLElement).hidden);
    expect(new URL(page.url()).searchParams.getAll("rep")).toEqual([]);
    await page.close();
  });

  it("list pages pick rows: the key accounts and accounts at risk of any of the regions chosen; none says so", async () => {
    const [{ period }] = await query<{ period: string }>(`select max(period) as period from marts.key_account_summary where period_kind = 'year' and not is_partial`);
    const regions = (await query<{ value: string }>("select value from marts.slice_options where dimension = 'region' order by n_customers desc, value limit 2")).map((r) => r.value);
    const inList = regions.map((r) => `'${r.replaceAll("'", "''")}'`).join(", ");
    const listed = await query<{ customer_name: string }>(`select customer_name from (select *, row_number() over (order by score_rank) as k from marts.key_account_list where period = '${period}')
      where k <= 250 and region in (${inList}) order by score_rank`);
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${en.url}/key-accounts.html?period=${period}&${regions.map((r) => `region=${encodeURIComponent(r)}`).join("&")}`);
    await page.waitForSelector(".kam-kpi");
    await page.waitForLoadState("networkidle");
    const text = await mainText(page);
    expect(text).toContain(`${f.integer(listed.length)} of the `);
    expect(text).toContain("The key account list follows the region, industry and sales rep filters");
    // the at-risk list of the window: the rows of those regions, in rank order
    const atRisk = await query<{ customer_name: string }>(`select customer_name from (select *, row_number() over (partition by is_key_account order by risk_rank, customer_id) as k from marts.at_risk_accounts where period = 'window')
      where k <= case when is_key_account then 200 else 30 end and is_key_account and region in (${inList}) order by risk_rank, customer_id`);
    await page.goto(`${en.url}/risks.html?${regions.map((r) => `region=${encodeURIComponent(r)}`).join("&")}`);
    await page.waitForSelector(".kam-kpi");
    await page.waitForLoadState("networkidle");
    const names = await page.$$eval(".kam-table-block", (bs) => {
      const b = bs.find((x) => x.querySelector("h3")?.textContent?.startsWith("Key accounts at risk"));
      return b ? [...b.querySelectorAll("tbody tr")].map((tr) => tr.querySelectorAll("td")[1].textContent) : [];
    });
    expect(names).toEqual(atRisk.map((r) => r.customer_name));
    // a value the data does not have is dropped; a region × industry without accounts at risk: "no customers match these filters"
    await page.goto(`${en.url}/risks.html?region=${encodeURIComponent("(none such)")}`);
    await page.waitForSelector(".kam-kpi");
    expect(await page.$$eval(".kam-filters details[data-name=region] input:checked", (es) => es.length)).toBe(0);
    expect(await page.$eval(".kam-filters-unknown", (e) => ((e as HTMLElement).hidden ? null : e.textContent))).toBe("Not among the choices here, so not applied: Region: (none such).");
    const quiet = await query<{ region: string; industry: string }>(`select r.value as region, i.value as industry from marts.slice_options r, marts.slice_options i
      where r.dimension = 'region' and i.dimension = 'industry' and not exists
      (select 1 from marts.at_risk_accounts a where a.period = 'window' and a.region = r.value and a.industry = i.value) order by 1, 2 limit 1`);
    expect(quiet.length, "some region × industry has no account at risk in the window").toBe(1);
    await page.goto(`${en.url}/risks.html?region=${encodeURIComponent(quiet[0].region)}&industry=${encodeURIComponent(quiet[0].industry)}`);
    await page.waitForSelector(".kam-kpi");
    await page.waitForLoadState("networkidle");
    expect(await mainText(page)).toContain("No customers match these filters.");
    await page.close();
  });

  it("CSV downloads hold the table's rows with raw values: money to the cent, no float noise", async () => {
    const v = await visit(en.url, pageNamed("concentration"));
    const csvOf = async (index: number) => {
      const [download] = await Promise.all([v.page.waitForEvent("download"), v.page.locator("button.kam-csv").nth(index).click()]);
      const file = await download.path();
      return fs.readFileSync(file!, "utf8").replace(/^\ufeff/, "").trimEnd().split("\r\n").map((l) => l.split(","));
    };
    const abc = await csvOf(0);
    expect(abc[0]).toEqual(["Class", "Customers", "Share of customers", "Revenue", "Share"]);
    expect(abc.slice(1).map((l) => l[0])).toEqual(["A (first 80%)", "B (next 15%)", "C (the rest)"]);
    const r = await slice("revenue", await defaultPeriod());
    expect(abc.slice(1).map((l) => Number(l[1]))).toEqual([r.n_a, r.n_b, r.n_c].map(Number));
    for (const l of abc.slice(1)) expect(l[3]).toMatch(/^-?\d+\.\d{2}$/);
    const top = await csvOf(1);
    expect(top[0].slice(0, 4)).toEqual(["#", "Customer code", "Customer", "Revenue"]);
    expect(top).toHaveLength(11);
    for (const l of top.slice(1)) {
      expect(l[3]).toMatch(/^-?\d+\.\d{2}$/);
      for (const share of [l[4], l[5]]) expect(String(Number(Number(share).toPrecision(6))), share).toBe(share); // 6 significant digits at most
    }
    await v.page.close();
  });

  it("customer names with markup show literally and never run", async () => {
    const v = await visit(en.url, pageNamed("concentration"));
    const text = await mainText(v.page);
    expect(text).toContain(xssName);
    // a rep named with markup: literal text in the rep filter's list (closed, so not in innerText)
    expect(await v.page.$$eval(".kam-filters details[data-name=rep] label", (ls) => ls.map((l) => l.textContent))).toContain("<b>王五</b>");
    expect(await v.page.$$("#observablehq-main img")).toHaveLength(0);
    expect(await v.page.$$("#observablehq-main b")).toHaveLength(0);
    expect(v.dialogs).toEqual([]);
    await v.page.close();
  });
});

describe("report pages (zh-CN)", () => {
  it("every page renders in Chinese, with 万/亿 figures, <html lang=zh-CN>, no console error, within the byte budget", { timeout: 300_000 }, async () => {
    const problems: string[] = [];
    const report: string[] = [];
    for (const p of pages) {
      const v = await visit(zh.url, p);
      await v.page.screenshot({ path: path.join(screenshots, `report-zh-${p.name}.png`), fullPage: true });
      for (const e of v.errors) problems.push(`${p.route}: ${e}`);
      expect(await v.page.getAttribute("html", "lang")).toBe("zh-CN");
      const sidebar = await v.page.$eval("#observablehq-sidebar", (e) => (e as HTMLElement).innerText);
      expect(sidebar).toContain("大客户分析报告");
      expect(sidebar).toContain("客户集中度");
      expect(sidebar).toContain("方法说明");
      if (p.route === "/") {
        const text = await mainText(v.page);
        expect(text).toContain("经营摘要");
        expect(text).toContain("主要发现");
        expect(text).toMatch(/¥[\d.]+亿/); // revenue in 亿
        expect(text).toMatch(/[\d.]+万/); // e.g. the loss in 万
        expect(text).toMatch(/前20%的客户贡献了\d+%的销售收入/);
        expect(await v.page.title()).toContain("大客户分析报告");
      }
      await v.page.close();
      await checkBudgets(zh.url, p, v, report, problems);
    }
    console.log(`[pages zh-CN] ${report.join("; ")}`);
    expect(problems).toEqual([]);
  });
});

describe("privacy", () => {
  it("no private customer field (contact, phone, e-mail, address) appears anywhere in dist/", async () => {
    const rows = await query<Record<string, string | null>>(
      "select contact_name, phone, email, address, name, name_en, sales_rep from main.customers",
    );
    // Publicly shown strings: a (short) contact name that is also part of a company name or a
    // rep's name is not a leak, so such values are skipped, and reported.
    const publicText = rows.map((r) => [r.name, r.name_en, r.sales_rep].join("\n")).join("\n");
    const secrets = new Set<string>();
    let skipped = 0;
    for (const r of rows) {
      for (const key of ["contact_name", "phone", "email", "address"]) {
        const v = r[key]?.trim();
        if (!v || v.length < 2) continue;
        if (publicText.includes(v)) skipped++;
        else secrets.add(v);
      }
    }
    expect(secrets.size).toBeGreaterThan(1000); // the sample has them: the test can fail
    expect(secrets.has("13912345678")).toBe(true); // the fixture customer's phone
    const leaks: string[] = [];
    // one pattern of every secret (longest first), so that hundreds of dossier files are searched
    // in seconds: a file holding any secret matches
    const anySecret = new RegExp([...secrets].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
    for (const dist of [site.dist, zhDist]) {
      for (const file of fs.readdirSync(dist, { recursive: true, encoding: "utf8" })) {
        const full = path.join(dist, file);
        // everything but the libraries bundled from node_modules (_npm, Framework's runtime)
        if (!fs.statSync(full).isFile() || /^_(npm|observablehq)[\\/]/.test(file)) continue;
        const text = fs.readFileSync(full, "utf8");
        for (const s of new Set(text.match(anySecret) ?? [])) leaks.push(`${path.basename(dist)}/${file}: ${s}`);
      }
    }
    console.log(`[privacy] searched ${secrets.size} private values (${skipped} also public text, skipped) in both builds`);
    expect(leaks.slice(0, 20)).toEqual([]);
  });
});
