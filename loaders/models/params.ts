// Write the resolved `analysis` config into the warehouse as one-row `staging.params` and
// `staging.rfm_rules`, with bound parameters, so models read parameters by joining instead
// of having values templated into their SQL.
import type { DuckDBConnection } from "@duckdb/node-api";
import { BOOLEAN, DOUBLE, INTEGER, VARCHAR } from "@duckdb/node-api";
import type { AnalysisConfig } from "../config/analysis.ts";
import { indicatorNames } from "../config/scorecard.ts";

export async function writeParams(con: DuckDBConnection, a: AnalysisConfig): Promise<void> {
  for (const schema of ["staging", "intermediate", "marts"]) await con.run(`create schema if not exists ${schema}`);
  const values = {
    analysis_date: a.analysis_date,
    data_start: a.data_start,
    window_months: a.window_months,
    max_dossiers: a.max_dossiers,
    grain: a.grain,
    cohort_grain: a.cohort_grain,
    fiscal_year_start_month: a.fiscal_year_start_month,
    volume_unit: a.volume_unit,
    top_share: a.top_share,
    target_share: a.target_share,
    abc_a: a.abc.a,
    abc_b: a.abc.b,
    risk_largest_share: a.risk.largest_share,
    risk_top10_share: a.risk.top10_share,
    handling_cost_per_order: a.handling_cost_per_order,
    amounts_net_of_discounts: a.amounts_net_of_discounts,
    credit_lag_days: a.credit_lag_days,
    capability_measure: a.capability_credit.measure,
    capability_top_share: a.capability_credit.capability_top_share,
    min_collection_rate: a.capability_credit.min_collection_rate,
    min_gross_margin: a.margin_cost.min_gross_margin,
    max_cost_to_serve_ratio: a.margin_cost.max_cost_to_serve_ratio,
    value_top_share: a.value_potential.value_top_share,
    min_growth: a.value_potential.min_growth,
    min_active_quarters: a.value_potential.min_active_quarters,
    rfm_new_days: a.rfm.new_days,
    lost_after_days: a.lost_after_days,
    at_risk_gap_months: a.at_risk.gap_months,
    at_risk_frequency_months: a.at_risk.frequency_months,
    risk_recency_ratio: a.at_risk.recency_ratio,
    risk_min_recency_days: a.at_risk.min_recency_days,
    risk_frequency_ratio: a.at_risk.frequency_ratio,
    risk_value_drop: a.at_risk.value_drop,
    risk_collection_drop: a.at_risk.collection_drop,
    rising_small_share: a.rising_stars.small_share,
    rising_min_growth: a.rising_stars.min_growth,
    rising_min_regularity: a.rising_stars.min_regularity,
    policy_large_volume_share: a.policy.large_volume_share,
    policy_min_collection_rate: a.policy.min_collection_rate,
    policy_min_price_index: a.policy.min_price_index,
    policy_min_regularity: a.policy.min_regularity,
    policy_max_discount_margin_share: a.policy.max_discount_margin_share,
    pyramid_key_customers: a.coverage.key[0],
    pyramid_key_hours: a.coverage.key[1],
    pyramid_regular_customers: a.coverage.regular[0],
    pyramid_regular_hours: a.coverage.regular[1],
    pyramid_rest_customers: a.coverage.rest[0],
    pyramid_rest_hours: a.coverage.rest[1],
    key_share: a.tiers.key_share,
    regular_share: a.tiers.regular_share,
    give_up_share: a.tiers.give_up_share,
    key_min_purchases: a.tiers.key_min_purchases,
    key_min_subperiods: a.tiers.key_min_subperiods,
    potential_min_growth: a.tiers.potential_min_growth,
    department_min_key_accounts: a.tiers.department_min_key_accounts,
  };
  // Column types: text for labels, integers for counts of months/days, doubles otherwise.
  const text = new Set(["analysis_date", "data_start", "grain", "cohort_grain", "volume_unit", "capability_measure"]);
  const ints = new Set([
    "window_months", "max_dossiers", "fiscal_year_start_month", "credit_lag_days", "min_active_quarters",
    "rfm_new_days", "lost_after_days", "at_risk_gap_months", "at_risk_frequency_months", "risk_min_recency_days",
    "key_min_purchases", "key_min_subperiods", "department_min_key_accounts",
  ]);
  const names = Object.keys(values);
  const bools = new Set(["amounts_net_of_discounts"]);
  const types = Object.fromEntries(names.map((n) => [n, text.has(n) ? VARCHAR : ints.has(n) ? INTEGER : bools.has(n) ? BOOLEAN : DOUBLE]));
  const select = names.map((n) => {
    if (n === "data_start") return `$data_start::DATE as data_start`;
    if (n === "analysis_date") return `coalesce($analysis_date::DATE, (select max(order_date) from main.order_lines)) as analysis_date`;
    if (n === "volume_unit") return `coalesce($volume_unit, (select unit from main.order_lines where line_type <> 'non_product' group by unit order by count(*) desc, unit limit 1)) as volume_unit`;
    // a NULL parameter comes in untyped (INTEGER): cast to the column's type
    return `$${n}::${text.has(n) ? "VARCHAR" : ints.has(n) ? "INTEGER" : "DOUBLE"} as ${n}`;
  });
  await con.run(`create or replace table staging.params as select ${select.join(",\n  ")}`, values, types);
  const check = await con.runAndReadAll(`select analysis_date from staging.params`);
  if (check.getRowObjects()[0]?.analysis_date === null) throw new Error("models: main.order_lines is empty and no analysis.analysis_date is set");

  // the scorecard: one row per indicator, in the order of indicatorNames
  await con.run(`create or replace table staging.scorecard_indicators (
    sort_order INTEGER, indicator VARCHAR, weight DOUBLE, direction VARCHAR, scaling VARCHAR, range_low DOUBLE, range_high DOUBLE)`);
  for (const [i, name] of indicatorNames.entries()) {
    const ind = a.scorecard.indicators[name];
    await con.run(`insert into staging.scorecard_indicators values ($1, $2, $3, $4, $5, $6, $7)`, [
      i, name, ind.weight, ind.direction, ind.scaling, ind.range?.[0] ?? null, ind.range?.[1] ?? null,
    ], [INTEGER, VARCHAR, DOUBLE, VARCHAR, VARCHAR, DOUBLE, DOUBLE]);
  }

  // the lifecycle rules: one row per condition (a rule without conditions: one row, metric NULL)
  await con.run(`create or replace table staging.lifecycle_rules (rule_no INTEGER, stage VARCHAR, metric VARCHAR, op VARCHAR, value DOUBLE)`);
  for (const [i, r] of a.lifecycle.rules.entries()) {
    const conditions = r.when.length ? r.when : [null];
    for (const c of conditions) {
      await con.run(`insert into staging.lifecycle_rules values ($1, $2, $3, $4, $5)`, [i, r.stage, c?.metric ?? null, c?.op ?? null, c?.value ?? null], [INTEGER, VARCHAR, VARCHAR, VARCHAR, DOUBLE]);
    }
  }

  await con.run(`create or replace table staging.rfm_rules (
    sort_order INTEGER, segment VARCHAR, r_min INTEGER, r_max INTEGER, f_min INTEGER, f_max INTEGER,
    m_min INTEGER, m_max INTEGER, rule VARCHAR)`);
  const rules = [
    { segment: "new", r: [1, 5], f: [1, 5], m: [1, 5], rule: `first purchase within the last ${a.rfm.new_days} days` },
    ...a.rfm.rules,
  ];
  for (const [i, r] of rules.entries()) {
    await con.run(`insert into staging.rfm_rules values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
      i, r.segment, r.r[0], r.r[1], r.f[0], r.f[1], r.m[0], r.m[1], r.rule,
    ]);
  }
}
