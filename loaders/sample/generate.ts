// Writes the sample company's exports into a folder: plans the company, simulates it
// month by month, streams each month to the CSV writers (with the planted dirty rows),
// then writes the customer master (XLSX) and ground_truth.json.
import fs from "node:fs";
import path from "node:path";
import { HISTORY } from "./calendar.ts";
import { buildCatalog } from "./catalog.ts";
import { CUSTOMERS_DIRTY, ORDER_LINES_DIRTY, PAYMENTS_DIRTY, QUALITY_CLAIMS_DIRTY, spoil, VISITS_DIRTY, type DirtySpec } from "./dirty.ts";
import * as X from "./exports.ts";
import { Ledger } from "./ledger.ts";
import { DEFAULT_CUSTOMERS, DEFAULT_LINES, planCompany, type CustomerPlan } from "./plan.ts";
import { Random } from "./random.ts";
import { frequencyScale, Simulation, type Line, type Order } from "./simulate.ts";
import { groundTruth } from "./truth.ts";
import { TextFileWriter } from "./writers/textFile.ts";
import { writeXlsx } from "./writers/xlsx.ts";

/** Bump when the output for a given seed changes (the stamp then forces a regeneration). */
export const GENERATOR_VERSION = "2";
export const DEFAULT_SEED = 20210101;
/** Every file a generation writes. */
export const SAMPLE_FILES = [X.ORDER_LINES.file, X.CUSTOMERS.file, X.PAYMENTS.file, X.VISITS.file, X.QUALITY_CLAIMS.file, "ground_truth.json"];

export interface GenerateOptions {
  dir: string;
  seed?: number;
  /** target number of order lines; customers scale with it (1,500 per 300,000 lines) */
  lines?: number;
  /** progress lines (default: silent) */
  log?: (message: string) => void;
}

export interface GenerateResult {
  dir: string;
  files: string[];
  counts: Record<string, number>;
}

/** row: data row (header excluded); source_row: row in the file counting the header as 1 (the warehouse's source_row). */
type DirtyRecord = { row: number; source_row: number; column: string; reason: string; raw: string };

export async function generateSample({ dir, seed = DEFAULT_SEED, lines = DEFAULT_LINES, log = () => {} }: GenerateOptions): Promise<GenerateResult> {
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
  const files = { orders: out(X.ORDER_LINES), payments: out(X.PAYMENTS), visits: out(X.VISITS), claims: out(X.QUALITY_CLAIMS) };
  const dirty: Record<string, DirtyRecord[]> = {
    [X.ORDER_LINES.file]: [], [X.PAYMENTS.file]: [], [X.VISITS.file]: [], [X.QUALITY_CLAIMS.file]: [], [X.CUSTOMERS.file]: [],
  };
  const totals = { amount: 0, cost: 0, discount: 0 };

  /** Writes a month's `items` and, halfway through, the month's dirty rows (copies of a real row, one cell spoiled). */
  function writeMonth<T>(m: number, w: TextFileWriter, file: string, items: T[], fields: (t: T) => string[], format: (f: string[]) => string, specs: DirtySpec[], adjust?: (f: string[], k: number) => string[]) {
    const mine = specs.filter((s) => s.month === m);
    if (mine.length && items.length === 0) throw new Error(`no ${file} rows in month ${m} to plant a dirty row beside`);
    const half = Math.floor(items.length / 2);
    items.forEach((item, k) => {
      if (k === half) {
        mine.forEach((spec, j) => {
          const base = adjust ? adjust(fields(item), j) : fields(item);
          const row = w.row(format(spoil(base, spec)));
          dirty[file].push({ row, source_row: row + 1, column: spec.column, reason: spec.reason, raw: spec.raw });
        });
      }
      w.row(format(fields(item)));
    });
  }

  for (let m = 0; m < HISTORY.months; m++) {
    const month = sim.month(m);
    ledger.addMonth(month);
    const orderLines: [Order, Line, number][] = [];
    for (const o of month.orders) {
      o.lines.forEach((l, k) => {
        orderLines.push([o, l, k + 1]);
        totals.amount += l.amount;
        totals.cost += l.cost;
        totals.discount += l.discount;
      });
    }
    // a dirty order line gets its own order number, far above the month's real ones
    const dirtyOrder = (f: string[], j: number) => [f[0].slice(0, 8) + String(900001 + j), "1", ...f.slice(2)];
    writeMonth(m, files.orders, X.ORDER_LINES.file, orderLines, ([o, l, k]) => X.orderLineFields(o, l, k), X.orderLineRow, ORDER_LINES_DIRTY, dirtyOrder);
    writeMonth(m, files.payments, X.PAYMENTS.file, month.payments, X.paymentFields, X.paymentRow, PAYMENTS_DIRTY);
    writeMonth(m, files.visits, X.VISITS.file, month.visits, X.visitFields, X.visitRow, VISITS_DIRTY);
    writeMonth(m, files.claims, X.QUALITY_CLAIMS.file, month.claims, X.claimFields, X.claimRow, QUALITY_CLAIMS_DIRTY);
  }
  const totalRow = files.orders.row(X.orderTotalRow(totals.amount, totals.cost, totals.discount));
  for (const w of Object.values(files)) w.close();

  const master = await writeCustomerMaster(path.join(dir, X.CUSTOMERS.file), plans);
  dirty[X.CUSTOMERS.file] = master.dirty;

  const dataRows = {
    [X.ORDER_LINES.file]: files.orders.rows,
    [X.PAYMENTS.file]: files.payments.rows,
    [X.VISITS.file]: files.visits.rows,
    [X.QUALITY_CLAIMS.file]: files.claims.rows,
    [X.CUSTOMERS.file]: master.rows,
  };
  const truth = groundTruth({ version: GENERATOR_VERSION, seed, lines, plans, ledger, dirty, dataRows, totalRow });
  fs.writeFileSync(path.join(dir, "ground_truth.json"), JSON.stringify(truth, null, 1) + "\n");
  log(`[sample] ${ledger.counts.lines} order lines, ${ledger.counts.orders} orders, ${ledger.counts.payments} payments, ${ledger.counts.visits} visits, ${ledger.counts.claims} claims`);
  return {
    dir,
    files: SAMPLE_FILES,
    counts: { customers, ...ledger.counts },
  };
}

/** customers.xlsx in id order, with the planted dirty master rows (ids no transaction uses). */
async function writeCustomerMaster(file: string, plans: CustomerPlan[]): Promise<{ rows: number; dirty: DirtyRecord[] }> {
  const dirty: DirtyRecord[] = [];
  const rows: (string | number)[][] = [];
  plans
    .slice()
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .forEach((p, k) => {
      const row = X.customerRow(p);
      for (const [j, spec] of CUSTOMERS_DIRTY.entries()) {
        if (spec.after !== k) continue;
        const extra = row.slice();
        extra[0] = `C99${String(j + 1).padStart(4, "0")}`;
        extra[1] = `${row[1]}（重复录入）`;
        extra[spec.field] = spec.raw;
        rows.push(extra);
        dirty.push({ row: rows.length, source_row: rows.length + 1, column: spec.column, reason: spec.reason, raw: spec.raw });
      }
      rows.push(row);
    });
  await writeXlsx(file, X.CUSTOMERS.sheet, X.CUSTOMERS.header, rows);
  return { rows: rows.length, dirty };
}
