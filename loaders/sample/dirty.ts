// The dirty rows planted in each export, each one a copy of a real-looking row with one
// cell spoiled, so the ingest must reject exactly these rows, for these reasons. They are
// extra rows (never a real transaction), so the planted truths do not depend on them.

/** Reason kinds, as the ground truth names them. */
export type DirtyReason =
  | "bad_date" // a date that does not exist or cannot be read
  | "not_a_number" // text in a numeric cell
  | "unknown_customer_id" // a customer id absent from customers.xlsx
  | "missing_value" // a required cell left empty
  | "unknown_visit_type"; // a visit type outside leadership/technical/business

export interface DirtySpec {
  /** month index (0 = 2021-01) in which the row is written, mid-month */
  month: number;
  /** canonical column name (warehouse contract) */
  column: string;
  reason: DirtyReason;
  /** the spoiled cell's text */
  raw: string;
  /** position of that cell in the export's header */
  field: number;
}

/** An unknown id that looks like a real one (the master stops well before it). */
export const UNKNOWN_CUSTOMER = "C999901";

export const ORDER_LINES_DIRTY: DirtySpec[] = [
  { month: 7, column: "order_date", reason: "bad_date", raw: "2021-02-30", field: 2 },
  { month: 19, column: "quantity", reason: "not_a_number", raw: "十二", field: 7 },
  { month: 30, column: "customer_id", reason: "unknown_customer_id", raw: UNKNOWN_CUSTOMER, field: 3 },
  { month: 44, column: "amount", reason: "not_a_number", raw: "待核对", field: 10 },
  { month: 55, column: "order_date", reason: "bad_date", raw: "2025/13/08", field: 2 },
];

export const PAYMENTS_DIRTY: DirtySpec[] = [
  { month: 12, column: "payment_date", reason: "bad_date", raw: "2022-02-29", field: 1 },
  { month: 26, column: "amount", reason: "not_a_number", raw: "N/A", field: 2 },
  { month: 40, column: "customer_id", reason: "unknown_customer_id", raw: "C999902", field: 0 },
  { month: 60, column: "amount", reason: "not_a_number", raw: "see memo", field: 2 },
];

export const VISITS_DIRTY: DirtySpec[] = [
  { month: 9, column: "visit_date", reason: "bad_date", raw: "2021-09-31", field: 1 },
  { month: 21, column: "hours", reason: "not_a_number", raw: "半天", field: 3 },
  { month: 35, column: "visit_type", reason: "unknown_visit_type", raw: "电话回访", field: 2 },
  { month: 50, column: "customer_id", reason: "unknown_customer_id", raw: "C999903", field: 0 },
];

export const QUALITY_CLAIMS_DIRTY: DirtySpec[] = [
  { month: 14, column: "claim_date", reason: "bad_date", raw: "2022-13-01", field: 1 },
  { month: 33, column: "amount", reason: "not_a_number", raw: "约5000元", field: 2 },
  { month: 52, column: "customer_id", reason: "unknown_customer_id", raw: "C999904", field: 0 },
];

/** customers.xlsx: extra master rows (ids no transaction uses) with a spoiled cell. */
export const CUSTOMERS_DIRTY: { after: number; column: string; reason: DirtyReason; raw: string; field: number }[] = [
  { after: 100, column: "customer_id", reason: "missing_value", raw: "", field: 0 },
  { after: 500, column: "industry_influence", reason: "not_a_number", raw: "较高", field: 8 },
  { after: 900, column: "industry_influence", reason: "not_a_number", raw: "三", field: 8 },
];

export const spoil = (fields: string[], spec: { field: number; raw: string }) => {
  const out = fields.slice();
  out[spec.field] = spec.raw;
  return out;
};
