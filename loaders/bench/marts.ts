// `kam bench marts`: every model of the core analyses on N order lines, against the floor of
// bare DuckDB read_csv of the same order-lines CSV into a table, measured in the same run.
// Target (issue 5): models under 1.0x the floor, peak memory under 2 GB.
// The data is the sample company at scale (generateSample's `lines` knob), cached in
// data/bench/; it is loaded into the canonical tables with a few plain SQL statements (not
// timed, not the ingest: this measures the models only).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { lit, withDuckDb } from "../warehouse/open.ts";
import { parseConfig } from "../config/index.ts";
import { DEFAULT_MEMORY_LIMIT } from "../config/common.ts";
import { runModels } from "../models/run.ts";
import { benchSample } from "./sample-cache.ts";
import { warehouseDdl } from "../schema/ddl.ts";

const num = (col: string) => `try_cast(replace(${col}, ',', '') as double)`;

/** Canonical tables straight from the exports; rows that do not parse are skipped (bench only). */
async function loadCanonical(con: DuckDBConnection, dir: string, orderLines: string): Promise<void> {
  for (const ddl of warehouseDdl()) await con.run(ddl);
  await con.run(`insert into order_lines (order_id, line_no, order_date, customer_id, customer_name, product_id, product_category,
      quantity, unit, unit_price, amount, cost, discount, source_file, source_row, line_type)
    select *, case when q < 0 or a < 0 then 'return' else 'sale' end from (
      select 单据编号, try_cast(行号 as integer) as line_no, try_cast(单据日期 as date) as d, 客户编码, 客户名称, 商品编码, 商品类别,
             ${num("数量")} as q, 单位, ${num("单价")}, ${num("金额")} as a, ${num("成本")}, ${num("折扣额")}, 'order_lines.csv', 0
      from read_csv(${lit(orderLines)}, all_varchar = true, header = true))
    where d is not null and q is not null and a is not null and line_no is not null and 商品编码 is not null`);
  await con.run(`insert into payments
    select * from (select customer_id, try_cast(payment_date as date) as d, try_cast(amount as double) as a, invoice_ref,
                          try_cast(due_date as date), 'payments.csv', 0
                   from read_csv(${lit(path.join(dir, "payments.csv"))}, all_varchar = true, header = true))
    where d is not null and a is not null`);
  await con.run(`insert into visits
    select * from (select 客户编码, try_cast(走访日期 as date) as d,
                          case 走访类型 when '高层拜访' then 'leadership' when '技术交流' then 'technical' else 'business' end,
                          try_cast(工时 as double) as h, try_cast(费用 as double) as c, 'visits.csv', 0
                   from read_csv(${lit(path.join(dir, "visits.csv"))}, all_varchar = true, header = true))
    where d is not null and h is not null and c is not null`);
  await con.run(`insert into quality_claims
    select * from (select 客户编码, try_cast(索赔日期 as date) as d, try_cast(索赔金额 as double) as a, 原因, 'quality_claims.csv', 0
                   from read_csv(${lit(path.join(dir, "quality_claims.csv"))}, all_varchar = true, header = true))
    where d is not null and a is not null`);
}

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await f();
  return [(performance.now() - t0) / 1000, r];
}

export async function bench({ lines }: { lines: number }): Promise<void> {
  const { dir, orderLinesUtf8: orderLines } = await benchSample(lines, (m) => console.log(`[bench marts] ${m}`));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "kam-bench-marts-"));
  const dbOpts = { memoryLimit: DEFAULT_MEMORY_LIMIT };
  try {
    const [floor] = await timed(async () => {
      // ignore_errors: the sample keeps its planted dirty rows (a 2021-02-30, a 十二, ...)
      await withDuckDb(path.join(work, "floor.duckdb"), dbOpts, (con) =>
        con.run(`create table order_lines as select * from read_csv(${lit(orderLines)}, ignore_errors = true)`),
      );
    });
    const dbFile = path.join(work, "kam.duckdb");
    const n = await withDuckDb(dbFile, dbOpts, async (con) => {
      await loadCanonical(con, dir, orderLines);
      return (await con.runAndReadAll(`select count(*) from order_lines`)).getRows()[0][0];
    });

    const [models, summary] = await timed(() => runModels({ config: parseConfig({}), dbFile }));
    const rss = process.resourceUsage().maxRSS / 1024;
    const slowest = [...summary.models].sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log(`order lines: ${Number(n)} (${(fs.statSync(orderLines).size / 1e6).toFixed(0)} MB UTF-8 CSV)`);
    console.log(`floor  DuckDB read_csv -> table   ${floor.toFixed(2)} s`);
    console.log(`models ${summary.models.length} models + ${summary.tests} data tests  ${models.toFixed(2)} s  ${(models / floor).toFixed(2)}x floor (target < 1.0x)`);
    console.log(`  slowest: ${slowest.map((m) => `${m.name} ${(m.ms / 1000).toFixed(2)} s`).join(", ")}`);
    console.log(`peak RSS of this process          ${rss.toFixed(0)} MB (target < 2048 MB)`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
