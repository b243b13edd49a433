// `kam bench ingest`: the ingest against the floor of bare DuckDB read_csv into a table, on the
// same generated file in the same run. Targets (issue 3): UTF-8 within 1.5x the floor, GBK
// within 2.5x, peak memory under 2 GB.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { parseConfig } from "../config/index.ts";
import { ingestSources } from "../ingest/index.ts";
import { openDb, lit } from "../ingest/duck.ts";
import { root } from "../paths.ts";

const header = "单据编号,行号,单据日期,客户编码,客户名称,商品编码,商品类别,数量,单位,单价,金额,成本,折扣额";
const categories = ["钢材", "焊材", "轴承", "纸业", "建材"];

/** N order lines shaped like an ERP export: Chinese headers, quoted thousands separators, a 合计 row. */
export async function generateOrderLines(file: string, lines: number): Promise<void> {
  const out = fs.createWriteStream(file);
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  // 1234567.8 -> "1,234,567.80" (toLocaleString is far too slow for millions of lines).
  const money = (x: number) => {
    const [int, frac] = x.toFixed(2).split(".");
    return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac}`;
  };
  out.write(`${header}\n`);
  let buf = "";
  let total = 0;
  for (let i = 0, order = 0, line = 0; i < lines; i++) {
    if (line === 0 || rand() < 0.4) {
      order++;
      line = 0;
    }
    line++;
    const cust = String(1 + Math.floor(rand() * 1500)).padStart(6, "0");
    const day = 1 + Math.floor(rand() * 2000);
    const date = new Date(Date.UTC(2021, 0, day)).toISOString().slice(0, 10);
    const qty = 1 + Math.floor(rand() * 20);
    const price = Math.round(100 + rand() * 900);
    const amount = qty * price;
    total += amount;
    buf += `SO${String(order).padStart(9, "0")},${line},${date},C${cust},客户${cust}有限公司,P${String(Math.floor(rand() * 500)).padStart(5, "0")},${categories[i % 5]},${qty},箱,${price}.00,"${money(amount)}","${money(amount * 0.7)}",0.00\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once("drain", () => r()));
      buf = "";
    }
  }
  buf += `合计,,,,,,,,,,"${money(total)}",,\n`;
  out.write(buf);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

async function cached(lines: number): Promise<{ utf8: string; gbk: string }> {
  const dir = path.join(root, "data/bench");
  fs.mkdirSync(dir, { recursive: true });
  const utf8 = path.join(dir, `order_lines_${lines}.utf8.csv`);
  const gbk = path.join(dir, `order_lines_${lines}.gbk.csv`);
  if (!fs.existsSync(utf8)) {
    console.log(`generating ${lines} order lines -> ${utf8}`);
    await generateOrderLines(`${utf8}.tmp`, lines);
    fs.renameSync(`${utf8}.tmp`, utf8);
  }
  if (!fs.existsSync(gbk)) {
    const { pipeline } = await import("node:stream/promises");
    await pipeline(fs.createReadStream(utf8), iconv.decodeStream("utf8"), iconv.encodeStream("gbk"), fs.createWriteStream(`${gbk}.tmp`));
    fs.renameSync(`${gbk}.tmp`, gbk);
  }
  return { utf8, gbk };
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
}

export async function bench({ lines }: { lines: number }): Promise<void> {
  const { utf8, gbk } = await cached(lines);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "kam-bench-"));
  const fresh = (name: string) => {
    const f = path.join(work, name);
    fs.rmSync(f, { force: true });
    return f;
  };
  try {
    const floor = await timed(async () => {
      const db = await openDb(fresh("floor.duckdb"), parseConfig({}).ingest.memory_limit);
      await db.exec(`CREATE TABLE order_lines AS SELECT * FROM read_csv(${lit(utf8)})`);
      db.close();
    });
    const run = (file: string) => async () => {
      const config = parseConfig({ ingest: { sample: false, sources: [{ path: file, table: "order_lines" }] } });
      const r = await ingestSources({ config, dbFile: fresh(`${path.basename(file)}.duckdb`), rejectsDir: path.join(work, "rejects"), log: () => {} });
      if (r.files[0].loaded !== lines) throw new Error(`bench: expected ${lines} rows loaded, got ${JSON.stringify(r.files[0])}`);
    };
    const u = await timed(run(utf8));
    const g = await timed(run(gbk));
    const mb = (f: string) => (fs.statSync(f).size / 1e6).toFixed(0);
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(`order lines: ${lines} (${mb(utf8)} MB UTF-8, ${mb(gbk)} MB GBK)`);
    console.log(`floor  DuckDB read_csv -> table  ${floor.toFixed(2)} s`);
    console.log(`ingest UTF-8                     ${u.toFixed(2)} s  ${(u / floor).toFixed(2)}x floor (target 1.5x)`);
    console.log(`ingest GBK                       ${g.toFixed(2)} s  ${(g / floor).toFixed(2)}x floor (target 2.5x)`);
    console.log(`peak RSS of this process         ${rss.toFixed(0)} MB (target < 2048 MB)`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
