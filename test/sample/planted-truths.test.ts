// The planted truths hold in the raw exports: every figure here is recomputed from the
// files themselves (decoded with TextDecoder, queried with DuckDB, the workbook read with
// exceljs), not taken from the generator, and compared with ground_truth.json.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSample } from "../../loaders/sample/index.ts";
import { csvText, dataRow, duckdb, rows, tempDir } from "./helpers.ts";

let dir: string;
let truth: any;
let con: DuckDBConnection;
let close: () => void;
let masterIds: string[];
let masterNames: string[];
let sheet: ExcelJS.Worksheet;

const q = async <T = Record<string, any>>(sql: string) => rows<T>(con, sql);
const one = async (sql: string) => Number(Object.values((await q(sql))[0])[0]);
const list = (ids: string[]) => ids.map((id) => `'${id}'`).join(",");
const num = (col: string) => `try_cast(replace("${col}", ',', '') as double)`;

beforeAll(async () => {
  dir = tempDir("truths");
  await generateSample({ dir });
  truth = JSON.parse(fs.readFileSync(path.join(dir, "ground_truth.json"), "utf8"));
  // DuckDB reads UTF-8 only: a UTF-8 copy of the GBK export
  fs.writeFileSync(path.join(dir, "order_lines.utf8.csv"), csvText(dir, "order_lines.csv"));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, "customers.xlsx"));
  sheet = wb.getWorksheet("客户档案")!;
  masterIds = [];
  masterNames = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    masterIds.push(String(row.getCell(1).value ?? ""));
    masterNames.push(String(row.getCell(2).value ?? ""));
  });
  fs.writeFileSync(path.join(dir, "master_ids.csv"), "id,name\n" + masterIds.map((id, i) => `${id},${masterNames[i]}`).join("\n") + "\n");
  ({ con, close } = await duckdb());
  const csv = (file: string) => `read_csv('${path.join(dir, file)}', all_varchar = true, header = true, delim = ',', quote = '"')`;
  await con.run(`create table master as select id, name from ${csv("master_ids.csv")} where id ~ '^C[0-9]{6}$'`);
  await con.run(`create table raw_lines as select * from ${csv("order_lines.utf8.csv")}`);
  await con.run(`create table all_lines as select "单据编号" as order_id, try_strptime("单据日期", '%Y-%m-%d')::DATE as d,
      "客户编码" as cid, "客户名称" as cname, ${num("数量")} as qty, "单位" as unit, ${num("金额")} as amount, ${num("成本")} as cost, ${num("折扣额")} as discount
    from raw_lines where "单据编号" <> '合计'`);
  await con.run(`create table lines as select * from all_lines
    where d is not null and qty is not null and amount is not null and cost is not null and cid in (select id from master)`);
  await con.run(`create table all_payments as select customer_id as cid, try_strptime(payment_date, '%Y-%m-%d')::DATE as d,
      try_cast(amount as double) as amount, invoice_ref, try_strptime(due_date, '%Y-%m-%d')::DATE as due from ${csv("payments.csv")}`);
  await con.run(`create table payments as select * from all_payments where d is not null and amount is not null and cid in (select id from master)`);
  await con.run(`create table all_visits as select "客户编码" as cid, try_strptime("走访日期", '%Y-%m-%d')::DATE as d, "走访类型" as kind,
      try_cast("工时" as double) as hours, try_cast("费用" as double) as cost from ${csv("visits.csv")}`);
  await con.run(`create table visits as select * from all_visits where d is not null and hours is not null and cost is not null
      and kind in ('高层拜访', '技术交流', '商务拜访') and cid in (select id from master)`);
  await con.run(`create table all_claims as select "客户编码" as cid, try_strptime("索赔日期", '%Y-%m-%d')::DATE as d,
      try_cast("索赔金额" as double) as amount from ${csv("quality_claims.csv")}`);
  await con.run(`create table claims as select * from all_claims where d is not null and amount is not null and cid in (select id from master)`);
  await con.run(`create table orders as select order_id, cid, min(d) as d, sum(amount) as total from lines group by all`);
  // revenue per customer by window: all history, calendar years, last 12 months and the 12 before
  await con.run(`create table rev as select cid,
      sum(amount) as total,
      sum(amount) filter (where year(d) = 2024) as y2024,
      sum(amount) filter (where year(d) = 2025) as y2025,
      coalesce(sum(amount) filter (where d >= '2025-10-01'), 0) as l12,
      coalesce(sum(amount) filter (where d >= '2024-10-01' and d < '2025-10-01'), 0) as p12,
      min(d) as first_order, max(d) as last_order
    from lines group by cid`);
  // collection on invoices surely due by 2026-09-30 (ordered before 2026-07-01; terms are at most 90 days)
  await con.run(`create table collection as
    with due as (select order_id, cid, total from orders where d < '2026-07-01' and total > 0),
    paid as (select p.cid, sum(p.amount) as paid from payments p join due on p.invoice_ref = due.order_id group by p.cid)
    select due.cid, sum(total) as invoiced, coalesce(any_value(paid.paid), 0) as paid,
      coalesce(any_value(paid.paid), 0) / sum(total) as rate
    from due left join paid using (cid) group by due.cid`);
}, 120_000);

afterAll(() => {
  close?.();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the exports look like a real company's", () => {
  it("has about 1,500 customers and a few hundred thousand order lines over 2021-01..2026-09", async () => {
    expect(masterIds.filter((id) => /^C\d{6}$/.test(id) && !id.startsWith("C99")).length).toBe(1500);
    const n = await one("select count(*) from lines");
    expect(n).toBeGreaterThan(250_000);
    expect(n).toBeLessThan(350_000);
    expect(n).toBe(truth.counts.order_lines);
    expect(await one("select count(distinct order_id) from lines")).toBe(truth.counts.orders);
    expect(await one("select count(*) from payments")).toBe(truth.counts.payments);
    expect(await one("select count(*) from visits")).toBe(truth.counts.visits);
    expect(await one("select count(*) from claims")).toBe(truth.counts.quality_claims);
    const [span] = await q<{ span: string }>("select strftime(min(d), '%Y-%m-%d') || ' ' || strftime(max(d), '%Y-%m-%d') as span from lines");
    expect(span.span).toBe("2021-01-01 2026-09-30");
  });

  it("has several lines per order, three units, returns, and a typical gross margin of 15-30%", async () => {
    expect(await one("select count(*)::double / count(distinct order_id) from lines")).toBeGreaterThan(2);
    expect((await q<{ unit: string }>("select distinct unit from lines order by unit")).map((r) => r.unit)).toEqual(["t", "件", "箱"]);
    expect(await one("select count(*) from lines where qty < 0 and amount < 0")).toBeGreaterThan(100);
    const margin = await one("select (sum(amount) - sum(cost)) / sum(amount) from lines");
    expect(margin).toBeGreaterThan(0.15);
    expect(margin).toBeLessThan(0.3);
  });

  it("gains new customers every quarter", async () => {
    const perQuarter = await q<{ n: number }>(
      "select count(*) as n from rev where first_order >= '2021-04-01' group by year(first_order), quarter(first_order)",
    );
    expect(perQuarter.length).toBe(22); // 2021Q2 .. 2026Q3
    for (const { n } of perQuarter) expect(Number(n)).toBeGreaterThanOrEqual(5);
  });

  it("survives GBK: every order line names its customer exactly as the master does", async () => {
    expect(await one("select count(*) from lines join master on cid = id where cname <> name")).toBe(0);
    expect(await one("select count(*) from lines where cname like '%?%'")).toBe(0);
  });

  it("ends the order export with a 合计 row equal to the sum of the real lines", async () => {
    const total = await q<{ 单据编号: string; 金额: string }>(`select "单据编号", "金额" from raw_lines where "单据编号" = '合计'`);
    expect(total).toHaveLength(1);
    const sum = await one("select round(sum(amount), 2) from lines");
    expect(Number(total[0].金额.replace(/,/g, ""))).toBeCloseTo(sum, 2);
    const text = csvText(dir, "order_lines.csv").trimEnd().split("\r\n");
    expect(text.at(-1)!.startsWith("合计,")).toBe(true);
    expect(text.length - 1).toBe(truth.total_rows["order_lines.csv"]);
  });

  it("keeps the customer master realistic and its contacts obviously fake", () => {
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(["客户编码", "客户名称", "英文名称", "地区", "行业", "渠道", "业务员", "信用等级", "行业影响力", "联系人", "联系电话", "电子邮箱", "地址"]);
    const names = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const v = (c: number) => String(row.getCell(c).value ?? "");
      if (!/^C\d{6}$/.test(v(1)) || v(1).startsWith("C99")) return; // the planted dirty rows
      names.add(v(2));
      expect(v(2)).toMatch(/有限(责任)?公司$/);
      expect(v(3)).toMatch(/Co\., Ltd\./);
      expect(v(8)).toMatch(/^[ABCD]$/);
      expect(row.getCell(9).value).toBeGreaterThanOrEqual(1);
      expect(v(11)).toMatch(/^1380000\d{4}$/);
      expect(v(12)).toMatch(/@example\.com$/);
    });
    expect(names.size).toBe(1500);
  });
});

describe("the planted truths hold in the files", () => {
  it("concentration: the top 20% of customers make 70-80% of revenue, over the history and in 2025", async () => {
    const share = (col: string) =>
      one(`with c as (select ${col} as v from rev where ${col} > 0),
             r as (select v, row_number() over (order by v desc) as rn, count(*) over () as n, sum(v) over () as t from c)
           select sum(v) filter (where rn <= round(n * 0.2)) / max(t) from r`);
    for (const col of ["total", "y2025"]) {
      const s = await share(col);
      expect(s, col).toBeGreaterThan(0.7);
      expect(s, col).toBeLessThan(0.8);
    }
    expect(await share("total")).toBeCloseTo(truth.concentration.top20_revenue_share_all, 4);
  });

  it("key accounts: more than 20, buying every quarter until 2026Q1, among the largest customers", async () => {
    const keys: string[] = truth.key_accounts;
    expect(keys.length).toBeGreaterThan(20);
    const r = await q<{ cid: string; quarters: number; rank: number }>(`
      with ranked as (select cid, rank() over (order by total desc) as rank from rev),
      quarters as (select cid, count(distinct year(d) * 10 + quarter(d)) as quarters from lines where d < '2026-04-01' group by cid)
      select cid, quarters, rank from ranked join quarters using (cid) where cid in (${list(keys)})`);
    expect(r).toHaveLength(keys.length);
    for (const k of r) {
      expect(Number(k.quarters), k.cid).toBe(21);
      expect(Number(k.rank), k.cid).toBeLessThanOrEqual(0.15 * 1500);
    }
  });

  it("at-risk key accounts: top customers until 2026-03, nothing in 2026-04-01..2026-09-30", async () => {
    const ids: string[] = truth.at_risk_key_accounts;
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (const id of ids) expect(truth.key_accounts).toContain(id);
    const r = await q<{ cid: string; late: number; q1: number; rank: number }>(`
      with ranked as (select cid, rank() over (order by y2025 desc nulls last) as rank from rev)
      select cid,
        (select count(*) from lines l where l.cid = r.cid and d >= '2026-04-01') as late,
        (select count(*) from lines l where l.cid = r.cid and d between '2026-01-01' and '2026-03-31') as q1,
        rank
      from ranked r where cid in (${list(ids)})`);
    expect(r).toHaveLength(ids.length);
    for (const k of r) {
      expect(Number(k.late), k.cid).toBe(0);
      expect(Number(k.q1), k.cid).toBeGreaterThan(0);
      expect(Number(k.rank), k.cid).toBeLessThanOrEqual(150);
    }
  });

  it("rising stars: small, growing more than 50% a year", async () => {
    const ids: string[] = truth.rising_stars;
    expect(ids.length).toBeGreaterThanOrEqual(10);
    const p75 = await one("select quantile_cont(l12, 0.75) from rev where l12 > 0");
    const r = await q<{ cid: string; y2024: number; y2025: number; l12: number; p12: number }>(
      `select cid, y2024, y2025, l12, p12 from rev where cid in (${list(ids)})`,
    );
    expect(r).toHaveLength(ids.length);
    for (const s of r) {
      expect(s.y2024, s.cid).toBeGreaterThan(0);
      expect(s.y2025 / s.y2024, s.cid).toBeGreaterThan(1.5);
      expect(s.l12 / s.p12, s.cid).toBeGreaterThan(1.5);
      expect(s.l12, s.cid).toBeLessThan(p75);
    }
  });

  it("one big order: that customer's only order, and the largest of the history", async () => {
    const big = truth.one_big_order;
    expect(await one(`select count(distinct order_id) from lines where cid = '${big.customer_id}'`)).toBe(1);
    const top = await q<{ order_id: string; total: number }>("select order_id, total from orders order by total desc limit 10");
    expect(top.map((o) => o.order_id)).toContain(big.order_id);
    expect(top[0].order_id).toBe(big.order_id);
    expect(top[0].total).toBeCloseTo(big.amount, 2);
    expect(truth.key_accounts).not.toContain(big.customer_id);
  });

  it("loss makers: cost + quality claims exceed revenue; their discounts are the deepest", async () => {
    const ids: string[] = truth.loss_makers;
    expect(ids.length).toBeGreaterThanOrEqual(10);
    const r = await q<{ cid: string; revenue: number; cost: number; claims: number }>(`
      select cid, sum(amount) as revenue, sum(cost) as cost,
        coalesce((select sum(amount) from claims c where c.cid = l.cid), 0) as claims
      from lines l where cid in (${list(ids)}) group by cid`);
    expect(r).toHaveLength(ids.length);
    for (const c of r) expect(c.cost + c.claims, c.cid).toBeGreaterThan(c.revenue);
    const depth = (where: string) => one(`select sum(discount) / sum(amount + discount) from lines where ${where}`);
    const lossDepth = await depth(`cid in (${list(ids)})`);
    const keyDepth = await depth(`cid in (${list(truth.key_accounts)})`);
    const restDepth = await depth(`cid not in (${list([...ids, ...truth.key_accounts])})`);
    expect(lossDepth).toBeGreaterThan(keyDepth);
    expect(keyDepth).toBeGreaterThan(restDepth);
  });

  it("late payers: collect under 80% of what was invoiced, paying 60+ days after the due date", async () => {
    const ids: string[] = truth.late_payers;
    expect(ids.length).toBeGreaterThanOrEqual(20);
    const r = await q<{ cid: string; rate: number; late: number }>(`
      select cid, rate, (select avg(d - due) from payments p where p.cid = c.cid) as late
      from collection c where cid in (${list(ids)})`);
    expect(r).toHaveLength(ids.length);
    for (const c of r) {
      expect(c.rate, c.cid).toBeLessThan(0.8);
      expect(c.late, c.cid).toBeGreaterThanOrEqual(60);
    }
    // and everyone else mostly pays: the median collection rate is above 95%
    expect(await one("select median(rate) from collection")).toBeGreaterThan(0.95);
  });

  it("lifecycle: at least 10 customers in each stage, each meeting its stage's rule", async () => {
    const stages = truth.lifecycle;
    for (const stage of ["exploration", "formation", "stability", "decline"]) expect(stages[stage].length, stage).toBeGreaterThanOrEqual(10);
    const fetch = (ids: string[]) =>
      q<{ cid: string; first_order: string; l12: number; p12: number; q3: number; quarters: number }>(`
        select cid, strftime(first_order, '%Y-%m-%d') as first_order, l12, p12,
          (select count(*) from lines l where l.cid = r.cid and d >= '2026-07-01') as q3,
          (select count(distinct year(d) * 10 + quarter(d)) from lines l where l.cid = r.cid and d >= '2024-10-01') as quarters
        from rev r where cid in (${list(ids)})`);
    for (const c of await fetch(stages.exploration)) expect(c.first_order >= "2026-04-01", c.cid).toBe(true);
    for (const c of await fetch(stages.formation)) {
      expect(c.first_order >= "2024-10-01" && c.first_order <= "2025-09-30", c.cid).toBe(true);
      expect(c.l12, c.cid).toBeGreaterThan(c.p12);
    }
    for (const c of await fetch(stages.stability)) {
      expect(c.first_order < "2021-04-01", c.cid).toBe(true);
      expect(Number(c.quarters), c.cid).toBe(8);
      expect(c.l12 / c.p12, c.cid).toBeGreaterThanOrEqual(0.8);
      expect(c.l12 / c.p12, c.cid).toBeLessThanOrEqual(1.25);
    }
    for (const c of await fetch(stages.decline)) {
      expect(c.l12 / c.p12, c.cid).toBeLessThanOrEqual(0.6);
      expect(Number(c.q3), c.cid).toBeGreaterThan(0);
    }
  });

  it("capability x credit: shares near the reference 20/5/70/5, and the ground truth's cells agree", async () => {
    const cells = await q<{ cid: string; cell: string }>(`
      with pop as (select cid, l12, row_number() over (order by l12 desc, cid) as rn, count(*) over () as n from rev where l12 > 0)
      select cid, case when rn <= round(0.25 * n) then (case when coalesce(rate, 1) < 0.9 then 'reform' else 'partners' end)
                       else (case when coalesce(rate, 1) < 0.9 then 'give_up' else 'support' end) end as cell
      from pop left join collection using (cid)`);
    const share = (cell: string) => cells.filter((c) => c.cell === cell).length / cells.length;
    expect(Math.abs(share("partners") - 0.2)).toBeLessThan(0.03);
    expect(Math.abs(share("reform") - 0.05)).toBeLessThan(0.02);
    expect(Math.abs(share("support") - 0.7)).toBeLessThan(0.04);
    expect(Math.abs(share("give_up") - 0.05)).toBeLessThan(0.02);
    expect(Object.keys(truth.capability_credit.customers)).toHaveLength(cells.length);
    const agree = cells.filter((c) => truth.capability_credit.customers[c.cid] === c.cell).length;
    expect(agree / cells.length).toBeGreaterThan(0.97);
  });

  it("visits follow the pyramid: key accounts (~8-10% of customers) get about 60% of the hours", async () => {
    const keyShare = await one(`select sum(hours) filter (where cid in (${list(truth.key_accounts)})) / sum(hours) from visits`);
    expect(keyShare).toBeGreaterThan(0.5);
    expect(keyShare).toBeLessThan(0.7);
    expect(keyShare).toBeCloseTo(truth.pyramid.key_visit_hours_share, 3);
  });
});

describe("dirty rows", () => {
  const files = ["order_lines.csv", "payments.csv", "visits.csv", "quality_claims.csv"];

  it("sit at the rows the ground truth names, with the spoiled value", () => {
    for (const file of files) {
      const text = csvText(dir, file);
      const planted = truth.dirty_rows[file];
      expect(planted.length, file).toBeGreaterThanOrEqual(3);
      for (const d of planted) {
        expect(dataRow(text, d.row), `${file} row ${d.row}`).toContain(d.raw);
        expect(d.source_row).toBe(d.row + 1);
      }
      expect(text.trimEnd().split(/\r?\n/).length - 1).toBe(truth.data_rows[file]);
    }
    for (const d of truth.dirty_rows["customers.xlsx"]) {
      const row = sheet.getRow(d.row + 1);
      const cells = Array.from({ length: 13 }, (_, i) => String(row.getCell(i + 1).value ?? ""));
      expect(cells, `customers.xlsx row ${d.row}`).toContain(d.raw);
      expect(cells[1], `customers.xlsx row ${d.row}`).toMatch(/（重复录入）$/);
    }
    expect(sheet.rowCount - 1).toBe(truth.data_rows["customers.xlsx"]);
  });

  it("are exactly the rows a strict reader refuses", async () => {
    const refused = async (all: string, ok: string) => (await one(`select count(*) from ${all}`)) - (await one(`select count(*) from ${ok}`));
    expect(await refused("all_lines", "lines")).toBe(truth.dirty_rows["order_lines.csv"].length);
    expect(await refused("all_payments", "payments")).toBe(truth.dirty_rows["payments.csv"].length);
    expect(await refused("all_visits", "visits")).toBe(truth.dirty_rows["visits.csv"].length);
    expect(await refused("all_claims", "claims")).toBe(truth.dirty_rows["quality_claims.csv"].length);
    const reasons = new Set(Object.values(truth.dirty_rows).flat().map((d: any) => d.reason));
    expect([...reasons].sort()).toEqual(["bad_date", "missing_value", "not_a_number", "unknown_customer_id", "unknown_visit_type"]);
  });
});

describe("encodings", () => {
  it("writes order_lines.csv in GBK: not UTF-8, and GB18030 gives the Chinese headers", () => {
    const bytes = fs.readFileSync(path.join(dir, "order_lines.csv"));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const header = new TextDecoder("gb18030").decode(bytes).split("\r\n")[0];
    expect(header).toBe("单据编号,行号,单据日期,客户编码,客户名称,商品编码,商品类别,数量,单位,单价,金额,成本,折扣额");
    expect(new TextDecoder("gb18030").decode(bytes)).toMatch(/,"\d{1,3}(,\d{3})+\.\d\d",/); // quoted thousands separators
  });

  it("writes visits.csv with a BOM, payments.csv and quality_claims.csv without", () => {
    const head = (f: string) => [...fs.readFileSync(path.join(dir, f)).subarray(0, 3)];
    expect(head("visits.csv")).toEqual([0xef, 0xbb, 0xbf]);
    expect(head("payments.csv")).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(csvText(dir, "payments.csv").split("\n")[0]).toBe("customer_id,payment_date,amount,invoice_ref,due_date");
    expect(csvText(dir, "visits.csv").split("\r\n")[0]).toBe("\ufeff客户编码,走访日期,走访类型,工时,费用".slice(1));
    expect(csvText(dir, "quality_claims.csv").split("\n")[0]).toBe("客户编码,索赔日期,索赔金额,原因");
  });
});
