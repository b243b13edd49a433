// Data tests run after every build (dbt style): each is a query returning the offending rows;
// any row fails the build with the model, the test and up to five examples.
import type { DuckDBConnection } from "@duckdb/node-api";

export interface DataTest {
  model: string;
  test: string;
  sql: string;
}

export class DataTestError extends Error {}

const EPS = 1e-9;

export const unique = (model: string, cols: string[]): DataTest => ({
  model,
  test: `unique (${cols.join(", ")})`,
  sql: `select ${cols.join(", ")}, count(*) as n from ${model} group by all having count(*) > 1`,
});

export const notNull = (model: string, cols: string[], where = "true"): DataTest => ({
  model,
  test: `not null: ${cols.join(", ")}${where === "true" ? "" : ` where ${where}`}`,
  sql: `select * from ${model} where (${where}) and (${cols.map((c) => `${c} is null`).join(" or ")})`,
});

export const between01 = (model: string, cols: string[]): DataTest => ({
  model,
  test: `in [0, 1]: ${cols.join(", ")}`,
  sql: `select * from ${model} where ${cols.map((c) => `${c} < -${EPS} or ${c} > 1 + ${EPS}`).join(" or ")}`,
});

export const sumsToOne = (model: string, group: string[], col: string): DataTest => ({
  model,
  test: `${col} sums to 1 per (${group.join(", ")})`,
  sql: `select ${[...group, `sum(${col}) as total`].join(", ")} from ${model}${group.length ? " group by all" : ""}
        having count(${col}) > 0 and abs(sum(${col}) - 1) > ${EPS}`,
});

/** Non-decreasing along `order` within each group, and (optionally) ending at 1. */
export const monotone = (model: string, group: string[], order: string, col: string, endsAtOne = true): DataTest => ({
  model,
  test: `${col} non-decreasing along ${order}${endsAtOne ? " and ending at 1" : ""}`,
  sql: `with s as (
          select *, lag(${col}) over (partition by ${group.join(", ")} order by ${order}) as previous,
                 row_number() over (partition by ${group.join(", ")} order by ${order} desc) as from_end
          from ${model})
        select * from s where ${col} < previous - ${EPS}${endsAtOne ? ` or (from_end = 1 and abs(${col} - 1) > ${EPS})` : ""}`,
});

/** Every customer active in the window is in exactly one cell of each matrix. */
const oneCellPerMatrix: DataTest = {
  model: "marts.matrix_customers",
  test: "every customer of marts.customer_window in exactly one cell of each matrix",
  sql: `select m.matrix, c.customer_id, count(mc.customer_id) as cells
        from marts.customer_window c
        cross join (values ('capability_credit'), ('margin_cost'), ('value_potential')) m(matrix)
        left join marts.matrix_customers mc on mc.customer_id = c.customer_id and mc.matrix = m.matrix
        group by all having count(mc.customer_id) <> 1`,
};

export const dataTests: DataTest[] = [
  unique("staging.params", ["analysis_date"]),
  notNull("staging.params", ["analysis_date", "grain", "window_months"]),
  unique("intermediate.orders", ["order_id", "customer_id"]),
  unique("intermediate.customer_periods", ["period", "customer_id"]),
  unique("marts.concentration_summary", ["measure", "period"]),
  notNull("marts.concentration_summary", ["top_share_value", "n_to_target", "gini", "hhi", "top1_share"], "total_positive > 0"),
  between01("marts.concentration_summary", ["top_share_value", "share_to_target", "gini", "hhi", "top1_share", "top5_share", "top10_share"]),
  unique("marts.concentration_pareto", ["measure", "period", "rank"]),
  between01("marts.concentration_pareto", ["cum_customer_share", "cum_value_share"]),
  monotone("marts.concentration_pareto", ["measure", "period"], "rank", "cum_value_share"),
  monotone("marts.concentration_pareto", ["measure", "period"], "rank", "cum_customer_share"),
  unique("marts.concentration_lorenz", ["measure", "period", "point_no"]),
  monotone("marts.concentration_lorenz", ["measure", "period"], "point_no", "cum_value_share"),
  unique("marts.abc_customers", ["measure", "period", "customer_id"]),
  notNull("marts.abc_customers", ["abc_class", "rank"]),
  sumsToOne("marts.abc_customers", ["measure", "period"], "share"),
  between01("marts.abc_customers", ["share", "cum_share"]),
  unique("marts.whale_summary", ["measure", "period"]),
  unique("marts.whale_curve", ["measure", "period", "rank"]),
  monotone("marts.whale_curve", ["measure", "period"], "rank", "cum_customer_share"),
  {
    model: "marts.whale_curve",
    test: "whale curve ends at 1",
    sql: `select * from (select *, row_number() over (partition by measure, period order by rank desc) as k from marts.whale_curve)
          where k = 1 and abs(cum_profit_share - 1) > ${EPS}`,
  },
  unique("marts.concentration_yoy", ["measure", "period", "metric"]),
  notNull("marts.concentration_summary", ["measure", "period", "period_start", "n_customers", "total"]),
  notNull("marts.concentration_pareto", ["cum_customer_share", "cum_value_share"]),
  notNull("marts.whale_curve", ["cum_customer_share", "cum_profit_share"]),
  notNull("marts.abc_customers", ["customer_id", "value"]),
  notNull("marts.customer_window", ["customer_id", "revenue", "cost_to_serve", "contribution"]),
  notNull("marts.matrix_cells", ["n_customers", "rule", "x_metric", "y_metric"]),
  notNull("marts.cohort_retention", ["cohort", "period", "cohort_size", "active_customers", "logo_retention"]),
  notNull("marts.customer_year", ["customer_id", "year", "revenue"]),
  notNull("marts.kpi_year", ["year", "revenue", "customers"]),
  unique("marts.customer_window", ["customer_id"]),
  unique("marts.matrix_customers", ["matrix", "customer_id"]),
  notNull("marts.matrix_customers", ["cell", "x_high", "y_high"]),
  oneCellPerMatrix,
  unique("marts.matrix_cells", ["matrix", "cell"]),
  between01("marts.matrix_cells", ["customer_share"]),
  sumsToOne("marts.matrix_cells", ["matrix"], "customer_share"),
  sumsToOne("marts.matrix_cells", ["matrix"], "revenue_share"),
  sumsToOne("marts.matrix_cells", ["matrix"], "profit_share"),
  unique("marts.rfm_customers", ["customer_id"]),
  notNull("marts.rfm_customers", ["recency_days", "r_score", "f_score", "m_score", "segment"]),
  {
    model: "marts.rfm_customers",
    test: "scores are 1-5",
    sql: `select * from marts.rfm_customers where not (r_score between 1 and 5 and f_score between 1 and 5 and m_score between 1 and 5)`,
  },
  unique("marts.rfm_segments", ["segment"]),
  sumsToOne("marts.rfm_segments", [], "customer_share"),
  unique("marts.cohort_retention", ["cohort", "period_offset"]),
  between01("marts.cohort_retention", ["logo_retention", "grr"]),
  {
    model: "marts.cohort_retention",
    test: "offset 0 retains every customer and all revenue",
    sql: `select * from marts.cohort_retention where period_offset = 0
          and (active_customers <> cohort_size or abs(nrr - 1) > ${EPS} or abs(grr - 1) > ${EPS})`,
  },
  unique("marts.cohort_retention_avg", ["period_offset"]),
  between01("marts.cohort_retention_avg", ["logo_retention", "grr"]),
  unique("marts.lifecycle_customers", ["customer_id"]),
  notNull("marts.lifecycle_customers", ["stage"]),
  sumsToOne("marts.lifecycle_summary", [], "customer_share"),
  unique("marts.at_risk_accounts", ["customer_id"]),
  unique("marts.customer_year", ["customer_id", "year"]),
  unique("marts.kpi_year", ["year"]),
  {
    model: "marts.kpi_year",
    test: "revenue per year equals the sum over customer_year",
    sql: `select k.year, k.revenue, s.revenue as customer_year_revenue from marts.kpi_year k
          left join (select year, sum(revenue) as revenue from marts.customer_year group by year) s using (year)
          where abs(k.revenue - coalesce(s.revenue, 0)) > ${EPS} * greatest(1, abs(k.revenue))`,
  },
];

/** Run the tests; throw one error listing every failing test with examples. */
export async function runDataTests(con: DuckDBConnection, tests: DataTest[] = dataTests): Promise<number> {
  const failures: string[] = [];
  for (const t of tests) {
    let rows: Record<string, unknown>[];
    try {
      rows = (await con.runAndReadAll(`${t.sql}\nlimit 5`)).getRowObjectsJson() as Record<string, unknown>[];
    } catch (e) {
      failures.push(`${t.model}: test "${t.test}" could not run: ${(e as Error).message}`);
      continue;
    }
    if (rows.length > 0) {
      failures.push(`${t.model}: test "${t.test}" failed, e.g.\n${rows.map((r) => `    ${JSON.stringify(r)}`).join("\n")}`);
    }
  }
  if (failures.length) throw new DataTestError(`data tests failed:\n  ${failures.join("\n  ")}`);
  return tests.length;
}
