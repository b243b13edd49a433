// The `ingest` section of the config: which exports to load and how strict to be.
// Every field has a default; an absent config ingests the bundled sample.
import { z } from "zod";
import { isoDate, memoryLimit } from "./common.ts";
import { dataColumnsOf, isTableName, keyOf, mappableColumnsOf, tableNames } from "../schema/index.ts";

/** The ingest's default DuckDB memory_limit (ingest.memory_limit). */
export const INGEST_MEMORY_LIMIT = "1GB";

/** Whether the zone is known (Intl and DuckDB's ICU share the IANA database). */
function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name (Asia/Shanghai, Europe/London, UTC). */
const timeZone = z.string().refine(isTimeZone, { message: "expected an IANA time zone such as Asia/Shanghai, Europe/London or UTC" });

/** How a source writes its dates (see loaders/ingest/dates.ts). */
export const DatesConfig = z
  .object({
    /** Day/month order of dates written with the year last (5/1/2024): auto = from the column as a
     * whole (a value such as 22/11/2017 settles it; values it cannot settle are rejects), dmy, mdy,
     * or ymd (two-digit year first: 24/01/05). Default auto. */
    order: z.enum(["auto", "dmy", "mdy", "ymd"]).default("auto"),
    /** Two-digit years (5/1/24) fall in the 100 years from this one. Default 1970 (70 -> 1970, 69 -> 2069). */
    two_digit_year_start: z.number().int().min(1000).max(9000).default(1970),
    /** Time zone of this source's instants (times with an offset, Parquet TIMESTAMPTZ); default `ingest.time_zone`. */
    time_zone: timeZone.optional(),
  })
  .strict();

const share = z.number().min(0).max(1);
/** A class's limits: on the share of the file's rows and on the share of its amount. */
export interface Limit {
  rows: number;
  amount: number;
}
const LimitInput = z.union([share, z.object({ rows: share.optional(), amount: share.optional() }).strict()]);
export type LimitInput = z.infer<typeof LimitInput>;
/** One number sets both limits; an object sets either, the other keeping the class's default. */
const limit = (byDefault: Limit) =>
  LimitInput
    .transform((l): Limit => (typeof l === "number" ? { rows: l, amount: l } : { ...byDefault, ...l }))
    .default(byDefault);

/**
 * When a file's rejects stop the run: only when they are material. Per class of problem, the
 * file fails when its rejected rows are
 *   - more than `min_rows` AND more than `rows` of the file's rows, or
 *   - carry more than `amount` of the file's amount (the sum of absolute amounts, so a return
 *     counts like a sale, over the rows whose amount could be read; tables with an amount:
 *     order lines, payments, quality claims).
 * So a handful of bad rows among millions builds, with the rows on the data quality page; a file
 * half of which is refused, or whose few refused rows are its big orders, stops. A row counts
 * once, under its most serious problem; total rows (合计) and excluded lines never count.
 */
export const RejectThresholds = z
  .object({
    /** Rejected rows of a class a file may have whatever their share of its rows (their amount
     *  still counts). Default 3. With 0 and `required: 0`, any required reject fails the run. */
    min_rows: z.number().int().min(0).default(3),
    /** A required column (id, date, amount, ...) missing or unreadable. Default 0.5% of the rows, 2% of the amount
     *  (one ordinary line of a 150-line monthly export is about 0.7% of it). */
    required: limit({ rows: 0.005, amount: 0.02 }),
    /** Rows the reader could not split (ragged rows, a quote never closed, a line not in the file's encoding). Default 0.5% / 2%. */
    structure: limit({ rows: 0.005, amount: 0.02 }),
    /** The same key twice in one file (order_id + line_no, customer_id). Default 0.5% / 2%. */
    duplicate: limit({ rows: 0.005, amount: 0.02 }),
    /** A customer id that the customers export does not know. Default 5% (exports are rarely in sync). */
    reference: limit({ rows: 0.05, amount: 0.05 }),
    /** An optional column (cost, discount, rating, ...) with an unreadable value (the row is not loaded). Default 1% / 2%. */
    optional: limit({ rows: 0.01, amount: 0.02 }),
    /** Order lines without a customer id (retail exports sell to walk-in customers): judged by the
     *  share of the file's amount they carry, not by their count. Default: the run stops only when
     *  they carry more than half of the money (a customer analysis would describe the minority). */
    no_customer: limit({ rows: 1, amount: 0.5 }),
  })
  .strict();
export type RejectThresholds = z.infer<typeof RejectThresholds>;

/** A source's own thresholds: only what it sets, each over `ingest.reject_thresholds` (an object
 * limit over that class's limits, so `{ "rows": 0.1 }` keeps the amount limit). */
export const SourceRejectThresholds = z
  .object({
    min_rows: z.number().int().min(0).optional(),
    ...Object.fromEntries((["required", "structure", "duplicate", "reference", "optional", "no_customer"] as const).map((c) => [c, LimitInput.optional()])),
  })
  .strict() as z.ZodType<{ min_rows?: number } & Partial<Record<Exclude<keyof RejectThresholds, "min_rows">, LimitInput>>>;
export type SourceRejectThresholds = z.infer<typeof SourceRejectThresholds>;

/** Which lines of an order-lines export are returns (credit notes) and which are no product sale. */
export const ReturnsConfig = z
  .object({
    /** Order ids that start with one of these are credit notes / cancellations (e.g. ["C"] for C536379).
     * Lines with a negative quantity or amount are returns anyway. Default none. Mind ids such as
     * "CA-2016-152156", which are orders: use a prefix that only credit notes carry. */
    order_prefixes: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const NonProductConfig = z
  .object({
    /** Product ids of lines that sell no product: postage, fees, bank charges, manual adjustments
     * (compared without case). Default none. */
    product_ids: z.array(z.string().min(1)).default([]),
    /** tag: load them with line_type non_product (no revenue in the models); exclude: not loaded,
     * kept as rejects of class `excluded` (which never fail the run). Default tag. */
    action: z.enum(["tag", "exclude"]).default("tag"),
  })
  .strict();

export const SourceConfig = z
  .object({
    /** The export file: absolute, or relative to the config file's folder (resolved by parseConfig). */
    path: z.string().min(1),
    /** Canonical table it feeds; guessed from the file name, then from the headers, when absent. */
    table: z.enum(tableNames as [string, ...string[]]).optional(),
    /** File format; from the extension when absent (.csv .txt .tsv .xlsx .parquet). */
    format: z.enum(["csv", "tsv", "xlsx", "parquet"]).optional(),
    /** Text encoding of CSV/TSV. auto (default): UTF-16 by its byte order mark, UTF-8 when the file
     *  is valid UTF-8 or its lines of non-ASCII text mostly are (the others are rejected), else
     *  GB18030 (a superset of GBK). A setting that contradicts the file is obeyed with a warning. */
    encoding: z.enum(["auto", "utf-8", "gb18030", "gbk", "utf-16le", "utf-16be"]).default("auto"),
    /** XLSX worksheet name; default the first sheet. */
    sheet: z.string().min(1).optional(),
    /** CSV field delimiter; default `,` (`\t` for .tsv). */
    delimiter: z.string().length(1).optional(),
    /** Decimal separator of the numbers in a CSV/TSV: "." (default: 1,234.56) or "," (1.234,56,
     *  with "." or a space as the thousands separator). XLSX and Parquet store numbers as numbers. */
    decimal_separator: z.enum([".", ","]).optional(),
    /** The currency this file's amounts are in, when it is not the report's (site.currency): an
     *  ISO code such as "USD", converted at `ingest.exchange_rates`. With a currency column it is
     *  the currency of the rows whose cell is blank; a header's unit naming another is refused. */
    currency: z.string().regex(/^[A-Z]{3}$/, "a three-letter ISO currency code in capitals such as USD").optional(),
    /** Canonical column -> header in this file, for headers the built-in aliases do not know. */
    mapping: z.record(z.string(), z.string().min(1)).default({}),
    /** Thresholds for this source only, overriding `ingest.reject_thresholds` field by field. */
    reject_thresholds: SourceRejectThresholds.optional(),
    /** How this source writes dates: day/month order, two-digit years, time zone. */
    dates: DatesConfig.optional(),
    /** order_lines: the amount from the export's column (export), derived as quantity x unit price
     * less the discount (derive), or auto (the default): derived only when the export has no amount column. */
    amount: z.enum(["auto", "export", "derive"]).optional(),
    /** order_lines: what a plain discount column (折扣 / Discount) holds: an amount, a rate (0.2 or
     * 20%), or auto: a rate when every value is a share (0 to 1, or written with %) and some are
     * strictly between 0 and 1. Columns named as rates (折扣率, Discount %) are rates. */
    discount: z.enum(["auto", "amount", "rate"]).optional(),
    /** order_lines: the cost from the export's cost column (export), as amount - profit (profit), as
     * amount x (1 - margin) (margin), or auto: the first of these the export has columns for. */
    cost: z.enum(["auto", "export", "profit", "margin"]).optional(),
    /** order_lines: credit notes recognised by their order id. */
    returns: ReturnsConfig.optional(),
    /** order_lines: lines that sell no product, tagged or excluded. */
    non_product: NonProductConfig.optional(),
    /** payments, quality_claims, visits (tables without a natural key): the columns that identify
     *  a row across overlapping exports; a newer export replaces older rows with the same values.
     *  Default: payments customer_id, invoice_ref, payment_date, amount; quality_claims
     *  customer_id, claim_date, amount; visits customer_id, visit_date, visit_type. */
    key: z.array(z.string().min(1)).min(1).optional(),
  })
  .superRefine((s, ctx) => {
    if (!s.table || !isTableName(s.table)) return;
    if (s.key) {
      const natural = keyOf(s.table);
      if (natural.length) ctx.addIssue({ code: "custom", path: ["key"], message: `${s.table} has its own key (${natural.join(", ")}); "key" is for payments, quality_claims and visits` });
      const columns = dataColumnsOf(s.table).map((c) => c.name);
      s.key.forEach((k, i) => {
        if (!columns.includes(k)) ctx.addIssue({ code: "custom", path: ["key", i], message: `'${k}' is not a column of ${s.table}; expected one of ${columns.join(", ")}` });
      });
    }
    const known = mappableColumnsOf(s.table).map((c) => c.name);
    for (const key of Object.keys(s.mapping)) {
      if (!known.includes(key))
        ctx.addIssue({
          code: "custom",
          path: ["mapping", key],
          message: `'${key}' is not a column of ${s.table}; expected one of ${known.join(", ")}`,
        });
    }
  });
export type SourceConfig = z.infer<typeof SourceConfig>;

export const IngestConfig = z.object({
  /** Include the bundled sample company's exports (from KAM_SAMPLE_DIR / data/sample). Default true. */
  sample: z.boolean().default(true),
  /** Further exports to load, after the sample's. Default none. */
  sources: z.array(SourceConfig).default([]),
  /** When rejects fail the run: shares per kind of problem (total rows 合计 never count). */
  reject_thresholds: RejectThresholds.prefault({}),
  /** Dates outside this range are rejected (typos such as 2204 or 1900 Excel zero dates). `max`
   * defaults to "today", the build date in `time_zone`: a future-dated order is a reject, so it
   * cannot move the analysis date. */
  date_range: z
    .object({ min: isoDate.default("1990-01-01"), max: z.union([isoDate, z.literal("today")]).default("today") })
    .prefault({}),
  /** The business time zone: the dates of instants (a time with an offset such as 2024-01-05T23:30Z,
   * a Parquet TIMESTAMPTZ) and of "today". Default Asia/Shanghai, on every machine. */
  time_zone: timeZone.default("Asia/Shanghai"),
  /** Rates to the report's currency (site.currency) of the currencies exports may have amounts in:
   * how many units of it one unit buys, e.g. {"USD": 7.1, "EUR": 7.7} for a CNY report (at most 10
   * decimal places). Amounts in a currency named by a row's currency column (币种 / Currency) or a
   * header's unit (Amount (USD)) are converted at its rate; without a rate such rows (or files) are
   * refused, naming this setting. Default none: every amount must be in the report's currency. */
  exchange_rates: z
    .record(z.string(), z.number().positive().lt(1e8, "a rate below 100,000,000"))
    .superRefine((rates, ctx) => {
      // (a key's own check would only say "Invalid key in record")
      for (const code of Object.keys(rates))
        if (!/^[A-Z]{3}$/.test(code)) ctx.addIssue({ code: "custom", path: [code], message: `"${code}" is not a currency code: expected three capital letters such as USD or EUR` });
    })
    .default({}),
  /** DuckDB memory_limit during the ingest (and a build's COMMIT). Default 1GB: the 10M sample's
   * ingest then peaks at 1.40 GB of tree RSS (1.64 GB at 1.5GB, whose buffer pool keeps the order
   * lines' blocks cached through the next exports); DuckDB spills to disk beyond it. */
  memory_limit: memoryLimit.default(INGEST_MEMORY_LIMIT),
});
export type IngestConfig = z.infer<typeof IngestConfig>;
