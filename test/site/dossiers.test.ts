// The dossier index (name links and search), computed by hand on small inputs, and the archive
// loader's split of one query per section into one block per customer.
import { describe, expect, it } from "vitest";
// @ts-ignore plain JS shared with the browser
import { dossierIndex, searchDossiers, siteRoot, splitByNames } from "../../src/components/dossiers.js";
// @ts-ignore plain JS shared with the browser
import { ruleReason, signed } from "../../src/components/dossier.js";
// @ts-ignore plain JS shared with the browser
import { makeT } from "../../src/components/i18n.js";
// @ts-ignore plain JS shared with the browser
import { makeFormat } from "../../src/components/format.js";
// @ts-ignore plain JS run by the page loaders
import { dossiers, sectionsByCustomer } from "../../src/data/dossier-file.js";

const rows = [
  { customer_id: "C001", customer_name: "济南立志建材有限公司", slug: "C001", window_revenue: 100 },
  { customer_id: "C010", customer_name: "唐山凯天矿业", slug: "C010", window_revenue: 300 },
  { customer_id: "C0100", customer_name: "立志贸易", slug: "C0100", window_revenue: 200 },
  { customer_id: "客户/7", customer_name: "Acme & Co", slug: "x0123456789abcdef", window_revenue: 50 },
];

describe("the dossier index", () => {
  it("links only customers with a dossier, by slug, from the site's root", () => {
    const file = { mart: "dossier_customers", units: {}, columns: Object.fromEntries(Object.keys(rows[0]).map((k) => [k, rows.map((r: any) => r[k])])) };
    const index = dossierIndex(file, "http://127.0.0.1:9/sub/site/_file/data/marts/dossier_customers.4b42cf44.json");
    expect(index.root).toBe("http://127.0.0.1:9/sub/site/");
    expect(index.href("C010")).toBe("http://127.0.0.1:9/sub/site/accounts/C010.html");
    expect(index.href("客户/7")).toBe("http://127.0.0.1:9/sub/site/accounts/x0123456789abcdef.html");
    expect(index.href("C999")).toBeNull();
    expect(index.href(null)).toBeNull();
    expect(index.has("C001")).toBe(true);
  });

  it("finds the site's root from a page's file URL, wherever the site is served", () => {
    expect(siteRoot("/_file/data/x.json", "http://h/accounts/C1.html")).toBe("http://h/");
    expect(siteRoot("../_file/data/x.json", "http://h/reports/2026/accounts/C1.html")).toBe("http://h/reports/2026/");
    expect(siteRoot("http://h/a/_observablehq/client.js")).toBe("http://h/a/");
  });

  it("searches by code first, then by name, larger customers first, case- and width-insensitive", () => {
    const ids = (q: string, n?: number) => searchDossiers(rows, q, n).map((r: any) => r.customer_id);
    // exact code, then codes starting with it (C0100 before... only C0100 starts with C010 besides C010)
    expect(ids("C010")).toEqual(["C010", "C0100"]);
    expect(ids("c010")).toEqual(["C010", "C0100"]);
    expect(ids("ｃ０１０")).toEqual(["C010", "C0100"]); // full-width
    // every code starts with C0: by trailing-window revenue
    expect(ids("c0")).toEqual(["C010", "C0100", "C001"]);
    // a name that starts with the query before one that only contains it
    expect(ids("立志")).toEqual(["C0100", "C001"]);
    expect(ids("acme")).toEqual(["客户/7"]);
    expect(ids("  ")).toEqual([]);
    expect(ids("nothing")).toEqual([]);
    expect(ids("c0", 1)).toEqual(["C010"]);
  });

  it("cuts a sentence at the names it holds, the longer name first", () => {
    expect(splitByNames("立志贸易 and 济南立志建材有限公司 slipped; 立志贸易 too.", ["立志贸易", "济南立志建材有限公司"])).toEqual([
      { text: "立志贸易", name: "立志贸易" },
      { text: " and " },
      { text: "济南立志建材有限公司", name: "济南立志建材有限公司" },
      { text: " slipped; " },
      { text: "立志贸易", name: "立志贸易" },
      { text: " too." },
    ]);
    // a name inside a longer one at the same place: the longer wins
    expect(splitByNames("ABC Ltd.", ["ABC", "ABC Ltd"])).toEqual([{ text: "ABC Ltd", name: "ABC Ltd" }, { text: "." }]);
    expect(splitByNames("no names", ["x"])).toEqual([{ text: "no names" }]);
  });
});

describe("the dossier archive loader's sections", () => {
  const contract = () => ({
    columns: [
      { name: "customer_id", unit: "id", type: "text" },
      { name: "period", unit: "period", type: "text" },
      { name: "revenue", unit: "money", type: "number" },
      { name: "share", unit: "share", type: "double" },
    ],
  });
  const run = async () => ({
    customer_id: ["A", "A", "B"],
    period: ["2024", "2025", "2025"],
    revenue: [1.006, 2.344999, -0.001],
    share: [0.123456789, null, 1],
  });

  it("splits one query over every customer into one block per customer, rounded by unit, without the key", async () => {
    const blocks = await sectionsByCustomer(run, { section: "metrics", mart: "m", sql: "…" }, contract);
    expect([...blocks.keys()]).toEqual(["A", "B"]);
    expect(blocks.get("A")).toEqual({
      mart: "m",
      units: { period: "period", revenue: "money", share: "share" },
      columns: { period: ["2024", "2025"], revenue: [1.01, 2.34], share: [0.123457, null] },
    });
    // money to the cent, and no -0
    expect(blocks.get("B").columns.revenue).toEqual([0]);
    expect(Object.is(blocks.get("B").columns.revenue[0], -0)).toBe(false);
  });

  it("gives no block to anyone when the section's query returns no row (a one-year export has no rising star)", async () => {
    const none = async () => ({});
    expect((await sectionsByCustomer(none, { section: "rising", mart: "m", sql: "…" }, contract)).size).toBe(0);
    const noKey = async () => ({ period: ["2025"] });
    await expect(sectionsByCustomer(noKey, { section: "s", mart: "m", sql: "…" }, contract)).rejects.toThrow(/must return customer_id/);
  });

  it("refuses a column the mart does not declare, naming the file to fix", async () => {
    const bad = async () => ({ customer_id: ["A"], secret: [1] });
    await expect(sectionsByCustomer(bad, { section: "s", mart: "m", sql: "…" }, contract)).rejects.toThrow(/column secret is not declared in loaders\/models\/marts\/m.yml/);
  });

  it("gives every dossier every section, empty where the customer has no row", async () => {
    const out = await dossiers(run, [{ customer_id: "A", slug: "A" }, { customer_id: "Z", slug: "xz" }], [{ section: "metrics", mart: "m", sql: "…" }], contract);
    expect(out.map(([slug]: [string]) => slug)).toEqual(["A", "xz"]);
    expect(out[1][1]).toEqual({ customer_id: "Z", sections: { metrics: { mart: "m", units: { period: "period", revenue: "money", share: "share" }, columns: { period: [], revenue: [], share: [] } } } });
  });
});

describe("the dossier's texts", () => {
  const en = { t: makeT("en"), fmt: makeFormat("en") };
  const zh = { t: makeT("zh-CN"), fmt: makeFormat("zh-CN") };
  it("says a lifecycle rule's reason in the page's language, each value by what it is", () => {
    expect(ruleReason("growth -0.395 <= -0.3", en)).toBe("growth -39.5% (≤ -30.0%)");
    expect(ruleReason("tenure_years 2.8 < 3.0 and regularity 0.5 >= 0.25", en)).toBe("years as a customer 2.8 (< 3) and regularity 50% (≥ 25%)");
    expect(ruleReason("recency_days 1211 >= 365 (lost)", zh)).toBe("距最近一次购买天数 1,211（≥ 365）");
    expect(ruleReason("no earlier rule applies", zh)).toBe("不符合其他任何规则");
    // another grammar (a future rule text) is shown as it is
    expect(ruleReason("custom: big and loyal", en)).toBe("custom: big and loyal");
  });
  it("signs points with a true minus", () => {
    expect([signed(1.94, en.fmt), signed(-0.43, en.fmt), signed(-6, en.fmt), signed(-0.04, en.fmt), signed(0, en.fmt), signed(null, en.fmt), signed(1234.5, en.fmt)]).toEqual(["+1.9", "−0.4", "−6.0", "0.0", "0.0", "–", "+1,234.5"]);
  });
});
