// Writes the sample company's exports into a folder: plans the company, simulates it
// month by month, streams each month to the CSV writers (with the planted dirty rows),
// then writes the customer master (XLSX) and ground_truth.json.
import fs from "node:fs";
import path from "node:path";
import { HISTORY, monthOf } from "./calendar.ts";
import { buildCatalog } from "./catalog.ts";
import { CUSTOMERS_DIRTY, ORDER_LINES_DIRTY, PAYMENTS_DIRTY, QUALITY_CLAIMS_DIRTY, spoil, VISITS_DIRTY, type DirtySpec } from "./dirty.ts";
import * as X from "./exports.ts";
import { Ledger } from "./ledger.ts";
import { DEFAULT_CUSTOMERS, DEFAULT_LINES, planCompany, type CustomerPlan } from "./plan.ts";
import { Random } from "./random.ts";
import { frequencyScale, Simulation } from "./simulate.ts";
import { groundTruth } from "./truth.ts";
import { TextFileWriter } from "./writers/textFile.ts";
import { writeXlsx } from "./writers/xlsx.ts";

/** Bump when the output for a given seed changes (the stamp then forces a regeneration). */
export const GENERATOR_VERSION = "2";
export const DEFAULT_SEED = 20210101;
/** Every file a generation writes. */
export const SAMPLE_FILES = [X.ORDER_LINES.file, X.CUSTOMERS.file, X.PAYMENTS.file, X.VISITS.file, X.QUALITY_CLAIMS.file, "ground_truth.json"];

/** The order-lines export of month index m when they come one file per month: order_lines-2021-01.csv. */
export function monthlyOrderLinesFile(m: number): string {
  const { y, m: mm } = monthOf(m);
  return `order_lines-${y}-${String(mm).padStart(2, "0")}.csv`;
}

/** The files of a generation: with `byMonth`, one order-lines export per month instead of one. */
export function sampleFiles(byMonth = false): string[] {
  if (!byMonth) return SAMPLE_FILES;
  return [...Array.from({ length: HISTORY.months }, (_, m) => monthlyOrderLinesFile(m)), ...SAMPLE_FILES.slice(1)];
}

export interface GenerateOptions {
  dir: string;
  seed?: number;
  /** target number of order lines; customers scale with it (1,500 per 300,000 lines) */
  lines?: number;
  /** progress lines (default: silent) */
  log?: (message: string) => void;
  /**
   * Order lines as one export per month (order_lines-2021-01.csv … 2026-09, each with its own
   * 合计 row), as an ERP's monthly exports come, for measuring a monthly incremental rebuild.
   * The other exports, and every order line, are the same as without it.
   */
  byMonth?: boolean;
}

export interface GenerateResult {
  dir: string;
  files: string[];
  counts: Record<string, number>;
}

/** row: data row (header excluded); source_row: row in the file counting the header as 1 (the warehouse's source_row). */
type DirtyRecord = { row: number; source_row: number; column: string; reason: string; raw: string };

export async function generateSample({ dir, seed = DEFAULT_SEED, lines = DEFAULT_LINES, log = () => {}, byMonth = false }: GenerateOptions): Promise<GenerateResult> {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`seed must be an integer 0..4294967295, got ${seed}`);
  if (!Number.isInteger(lines) || lines < 10_000) throw new RangeError(`lines must be an integer >= 10000, got ${lines}`);
  fs.mkdirSync(dir, { recursive: true });
  const customers = Math.max(300, Math.round((DEFAULT_CUSTOMERS * lines) / DEFAULT_LINES));
  const plans = planCompany(seed, customers);
  const catalog = buildCatalog(Random.derive(seed, 4));
  const sim = new Simulation(seed, plans, catalog, frequencyScale(plans, lines));
  const ledger = new Ledger(customers);
  log(`[sample] ${customers} customers, ~${lines} order lines, seed ${seed}`);

  const out = (e: X.CsvExport) => new TextFileWriter(path.join(dir, e.file), e.encoding, X.headerRow(e));
  const files = { orders: byMonth ? null : out(X.ORDER_LINES), payments: out(X.PAYMENTS), visits: out(X.VISITS), claims: out(X.QUALITY_CLAIMS) };
  const orderFiles = byMonth ? Array.from({ length: HISTORY.months }, (_, m) => monthlyOrderLinesFile(m)) : [X.ORDER_LINES.file];
  const dirty: Record<string, DirtyRecord[]> = Object.fromEntries(
    [...orderFiles, X.PAYMENTS.file, X.VISITS.file, X.QUALITY_CLAIMS.file, X.CUSTOMERS.file].map((f) => [f, []]),
  );
  const orderRows: Record<string, number> = {};
  const totalRows: Record<string, number> = {};
  const totals = { amount: 0, cost: 0, discount: 0 };

  /**
   * Writes a month's `count` rows (`fields(k)` for each, or `text(k)`, the same row formatted
   * directly) and, halfway through, the month's dirty rows (copies of a real row, one cell spoiled).
   */
  function writeMonth(m: number, w: TextFileWriter, file: string, count: number, fields: (k: number) => string[], format: (f: string[]) => string, specs: DirtySpec[], adjust?: (f: string[], k: number) => string[], text?: (k: number) => string) {
    const mine = specs.filter((s) => s.month === m);
    if (mine.length && count === 0) throw new Error(`no ${file} rows in month ${m} to plant a dirty row beside`);
    const half = Math.floor(count / 2);
    for (let k = 0; k < count; k++) {
      if (k === half) {
        mine.forEach((spec, j) => {
          const base = adjust ? adjust(fields(k), j) : fields(k);
          const row = w.row(format(spoil(base, spec)));
          dirty[file].push({ row, source_row: row + 1, column: spec.column, reason: spec.reason, raw: spec.raw });
        });
      }
      w.row(text ? text(k) : format(fields(k)));
    }
  }

  for (let m = 0; m < HISTORY.months; m++) {
    const month = sim.month(m);
    ledger.addMonth(month);
    const { orders, payments, visits, claims } = month;
    const monthTotals = { amount: 0, cost: 0, discount: 0 };
    for (let l = 0; l < orders.lines; l++) {
      monthTotals.amount += orders.amount[l];
      monthTotals.cost += orders.cost[l];
      monthTotals.discount += orders.discount[l];
    }
    totals.amount += monthTotals.amount;
    totals.cost += monthTotals.cost;
    totals.discount += monthTotals.discount;
    // a dirty order line gets its own order number, far above the month's real ones
    const dirtyOrder = (f: string[], j: number) => [f[0].slice(0, 8) + String(900001 + j), "1", ...f.slice(2)];
    const orderFile = orderFiles[byMonth ? m : 0];
    const orderWriter = files.orders ?? new TextFileWriter(path.join(dir, orderFile), X.ORDER_LINES.encoding, X.headerRow(X.ORDER_LINES));
    writeMonth(m, orderWriter, orderFile, orders.lines, (j) => X.orderLineFields(orders, j), X.orderLineRow, ORDER_LINES_DIRTY, dirtyOrder, (j) => X.orderLineText(orders, j));
    if (!files.orders) {
      // each monthly export closes with its own 合计 row
      totalRows[orderFile] = orderWriter.row(X.orderTotalRow(monthTotals.amount, monthTotals.cost, monthTotals.discount));
      orderRows[orderFile] = orderWriter.rows;
      orderWriter.close();
    }
    writeMonth(m, files.payments, X.PAYMENTS.file, payments.count, (k) => X.paymentFields(payments, k, plans), X.paymentRow, PAYMENTS_DIRTY, undefined, (k) => X.paymentText(payments, k, plans));
    writeMonth(m, files.visits, X.VISITS.file, visits.length, (k) => X.visitFields(visits[k]), X.visitRow, VISITS_DIRTY);
    writeMonth(m, files.claims, X.QUALITY_CLAIMS.file, claims.length, (k) => X.claimFields(claims[k]), X.claimRow, QUALITY_CLAIMS_DIRTY);
  }
  if (files.orders) {
    totalRows[X.ORDER_LINES.file] = files.orders.row(X.orderTotalRow(totals.amount, totals.cost, totals.discount));
    orderRows[X.ORDER_LINES.file] = files.orders.rows;
  }
  for (const w of Object.values(files)) w?.close();

  const master = await writeCustomerMaster(path.join(dir, X.CUSTOMERS.file), plans);
  dirty[X.CUSTOMERS.file] = master.dirty;

  const dataRows = {
    ...orderRows,
    [X.PAYMENTS.file]: files.payments.rows,
    [X.VISITS.file]: files.visits.rows,
    [X.QUALITY_CLAIMS.file]: files.claims.rows,
    [X.CUSTOMERS.file]: master.rows,
  };
  const truth = groundTruth({ version: GENERATOR_VERSION, seed, lines, plans, ledger, dirty, dataRows, totalRows });
  fs.writeFileSync(path.join(dir, "ground_truth.json"), JSON.stringify(truth, null, 1) + "\n");
  log(`[sample] ${ledger.counts.lines} order lines, ${ledger.counts.orders} orders, ${ledger.counts.payments} payments, ${ledger.counts.visits} visits, ${ledger.counts.claims} claims`);
  return {
    dir,
    files: sampleFiles(byMonth),
    counts: { customers, ...ledger.counts },
  };
}

/** customers.xlsx in id order, with the planted dirty master rows (ids no transaction uses). */
async function writeCustomerMaster(file: string, plans: CustomerPlan[]): Promise<{ rows: number; dirty: DirtyRecord[] }> {
  const dirty: DirtyRecord[] = [];
  let rows = 0;
  const sorted = plans.slice().sort((a, b) => (a.id < b.id ? -1 : 1));
  // rows are made as the streaming writer takes them: at 500,000 customers a list of all of
  // them would be one more copy of the master in memory
  function* master(): Generator<(string | number)[]> {
    for (const [k, p] of sorted.entries()) {
      const row = X.customerRow(p);
      for (const [j, spec] of CUSTOMERS_DIRTY.entries()) {
        if (spec.after !== k) continue;
        const extra = row.slice();
        extra[0] = `C99${String(j + 1).padStart(4, "0")}`;
        extra[1] = `${row[1]}（重复录入）`;
        extra[spec.field] = spec.raw;
        rows++;
        dirty.push({ row: rows, source_row: rows + 1, column: spec.column, reason: spec.reason, raw: spec.raw });
        yield extra;
      }
      rows++;
      yield row;
    }
  }
  await writeXlsx(file, X.CUSTOMERS.sheet, X.CUSTOMERS.header, master());
  return { rows, dirty };
}
