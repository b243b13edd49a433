// The page data files made from the marts: one entry per file `data/marts/<file>.json`, each
// ONE query on ONE mart (the file name starts with the mart's name, so a page's
// FileAttachment("data/marts/<mart>….json") names the mart a figure comes from). Written by
// the archive loader marts.tar.js in one DuckDB session. Every column must be declared in
// the mart's contract (loaders/models/marts/<mart>.yml): its unit decides the rounding
// (money to the cent) and travels with the data to the tables, CSV downloads and charts.
//
// Add a file: an entry here ({file, sql}) and FileAttachment("data/marts/<file>.json") in the page.
const measures = ["revenue", "gross_profit", "volume"];
const sliceOrder = "period, slice, region nulls first, industry nulls first, sales_rep nulls first";
// the slice kinds that combine two dimensions (intermediate.customer_slices): each its own file
export const comboKinds = ["region_industry", "region_sales_rep"];
/** A slices mart's files: `<file>` (all, region, industry, rep) and `<file>.<combo kind>` each. */
const sliceFiles = (file, select, order, comboWhere = "true", comboColumns = null) => [
  { file, sql: `${select} and slice not in (${comboKinds.map((k) => `'${k}'`).join(", ")}) order by ${order}` },
  ...comboKinds.map((kind) => ({
    file: `${file}.${kind}`,
    sql: comboColumns
      ? `select ${comboColumns} from (${select} and slice = '${kind}' and ${comboWhere}) order by ${order}`
      : `${select} and slice = '${kind}' and ${comboWhere} order by ${order}`,
  })),
];
// the columns of concentration_slices the pages show for a combination (the previous period's
// figures and growth are not shown there): a combination's file stays within the page budget
const comboConcentrationColumns = `period, period_kind, is_partial, slice, region, industry, sales_rep, n_customers, total,
  top_share_value, n_to_target, share_to_target, target_reached_share, gini, hhi, top1_share, top5_share, top10_share,
  flag_largest, flag_top10, n_a, n_b, n_c, a_customer_share, b_customer_share, c_customer_share, a_value, b_value, c_value,
  a_share, b_share, c_share, top_profit_share`;
// the combinations' largest customers: the top 5 (not 10), so that a page showing a
// combination stays within its data budget (56 region × industry slices in the sample)
export const comboTopN = 5;

/** `period in|not in` the window and the last two years of `mart` (the key accounts page's first file). */
const recentPeriods = (mart, which) =>
  `period ${which} (select period from (select distinct period, period_kind from ${mart} where period_kind in ('year', 'window'))
     qualify period_kind = 'window' or row_number() over (partition by period_kind order by period desc) <= 2)`;

export const martFiles = [
  { file: "analysis_params", sql: "select * from marts.analysis_params" },
  { file: "slice_options", sql: "select * from marts.slice_options order by dimension, value, region nulls first" },
  // the summary, concentration and segments pages: every slice of one measure (bounded by the
  // number of regions, industries and reps, not by customers). The combinations (region ×
  // industry, region × rep) are files of their own, fetched only when the filters ask for one:
  // a page that shows all customers or one dimension does not carry them.
  ...measures.flatMap((m) => [
    ...sliceFiles(`concentration_slices.${m}`, `select * exclude (measure, period_start, period_end, curve_x, pareto_y, lorenz_x, lorenz_y, whale_y)
            from marts.concentration_slices where measure = '${m}'`, sliceOrder, "true", comboConcentrationColumns),
    // the whale curve is gross profit's only (concentration_slices.whale below for the other measures' pages)
    ...sliceFiles(`concentration_slices.${m}.curves`, `select period, slice, region, industry, sales_rep, curve_x, pareto_y, lorenz_x, lorenz_y${m === "gross_profit" ? ", whale_y" : ""}
            from marts.concentration_slices where measure = '${m}'`, sliceOrder),
    ...sliceFiles(`concentration_slice_top.${m}`, `select period, slice, region, industry, sales_rep, rank, customer_id, customer_name, value, share, cum_share, abc_class
            from marts.concentration_slice_top where measure = '${m}'`, `${sliceOrder}, rank`, `rank <= ${comboTopN}`),
  ]),
  // the concentration page's whale after cost to serve (all customers of a period: cost to serve
  // is not sliced): the figures before and after, and the curve (at most ~255 points a period)
  { file: "whale_summary", sql: `select measure, period, period_kind, is_partial, n_customers, total_profit, peak_share, peak_rank,
          peak_customer_share, n_loss_makers, profit_destroyed, profit_of_profitable
          from marts.whale_summary order by period_kind = 'window', period, measure` },
  { file: "whale_curve", sql: "select period, cum_customer_share, cum_profit_share, marker from marts.whale_curve order by period, rank" },
  // the loss makers and the whale curve per slice (gross profit's rows): what the summary's finding
  // and the concentration page's whale chart need when the page shows another measure
  ...sliceFiles("concentration_slices.whale", `select period, slice, region, industry, sales_rep, n_negative, negative_share, negative_total, peak_share, curve_x, whale_y
            from marts.concentration_slices where measure = 'gross_profit'`, sliceOrder),
  // the executive summary: headline figures and revenue bridge per period and slice (against the
  // same months of the period before when a period is partial); customer equity, the CLV model and
  // what the data supports come from the files below (customer_equity, clv_model, data_availability)
  ...sliceFiles("kpi_slices", "select * from marts.kpi_slices where true", sliceOrder),
  // the key accounts (THE definition: the scorecard tier `key`) per period: counts, shares, tier
  // mix, re-rating and revenue at stake; the largest key accounts by name; the largest risks
  { file: "key_account_summary", sql: "select * from marts.key_account_summary order by period_kind = 'window', period_start, period" },
  // ... and per slice of the customer base, so that the summary's key account figures follow the filters
  ...sliceFiles("key_account_slices", "select * from marts.key_account_slices where true", sliceOrder),
  { file: "key_account_scorecard.top", sql: `select period, customer_id, customer_name, revenue, revenue_rank, score, score_rank, tier
          from marts.key_account_scorecard where tier = 'key'
          qualify row_number() over (partition by period order by revenue_rank, customer_id) <= 10
          order by period, revenue_rank, customer_id` },
  { file: "at_risk_accounts.top", sql: `select period, customer_id, customer_name, is_key_account, risk_rank, revenue_at_stake,
          recency_slips, frequency_slips, value_slips, collection_slips, recency_days, typical_gap_days,
          purchases_recent, purchases_recent_before, growth, collection_rate, previous_collection_rate
          from marts.at_risk_accounts where risk_rank <= 5 order by period, risk_rank, customer_id` },
  // the matrices are per period; the pages show the window's
  { file: "matrix_cells", sql: "select * from marts.matrix_cells where period = 'window' order by matrix, cell" },
  ...sliceFiles("matrix_cell_slices", "select * from marts.matrix_cell_slices where true",
    "matrix, slice, region nulls first, industry nulls first, sales_rep nulls first, cell"),
  // the quadrant charts: the largest customers of each matrix (a bounded number of dots)
  { file: "matrix_customers", sql: `select matrix, customer_id, customer_name, x_value, y_value, cell, revenue
          from (select *, row_number() over (partition by matrix order by revenue desc, customer_id) as k from marts.matrix_customers where period = 'window')
          where k <= 600 order by matrix, customer_id` },
  // the segments page's cell lists: who sits in each cell (the largest 50 per cell by revenue), with the tier
  { file: "matrix_customers.cells", sql: `select matrix, cell, customer_id, customer_name, tier, revenue, gross_profit, x_value, y_value
          from (select *, row_number() over (partition by matrix, cell order by revenue desc, customer_id) as k from marts.matrix_customers where period = 'window')
          where k <= 50 order by matrix, cell, k` },
  // ... and who sits in each RFM segment (the 50 largest by window revenue)
  { file: "rfm_customers", sql: `select customer_id, customer_name, segment, rfm_code, recency_days, frequency, monetary, last_purchase_date
          from (select *, row_number() over (partition by segment order by monetary desc nulls last, customer_id) as k from marts.rfm_customers)
          where k <= 50 order by segment, k` },
  { file: "rfm_segments", sql: "select * from marts.rfm_segments order by sort_order" },
  { file: "cohort_retention", sql: `select cohort, cohort_kind, period_offset, period, cohort_size, active_customers, logo_retention, revenue, base_revenue, nrr, grr, nrr_vs_previous, is_partial
          from marts.cohort_retention order by cohort, period_offset` },
  { file: "cohort_retention_avg", sql: "select * from marts.cohort_retention_avg order by period_offset" },
  // the risks page, per rated period (grain periods and the window); bounded lists: every key
  // account at risk and the largest others, the fastest rising stars, the largest losses, the
  // largest discount warnings, the top of each single-indicator view
  { file: "key_account_summary.risks", sql: `select period, period_kind, period_start, period_end, is_partial, n_rated, n_key, key_revenue,
          n_at_risk, n_key_at_risk, revenue_at_stake, key_revenue_at_stake, revenue_at_stake_share, key_revenue_at_stake_share
          from marts.key_account_summary order by period_kind = 'window', period` },
  { file: "at_risk_accounts", sql: `select period, customer_id, customer_name, sales_rep, region, industry, state, is_key_account, risk_rank, revenue_at_stake,
          revenue, previous_revenue, growth, last_purchase_date, recency_days, typical_gap_days, purchases_recent, purchases_recent_before,
          collection_rate, previous_collection_rate, recency_slips, frequency_slips, value_slips, collection_slips
          from (select *, row_number() over (partition by period, is_key_account order by risk_rank, customer_id) as k from marts.at_risk_accounts)
          where k <= case when is_key_account then 200 else 30 end order by period, risk_rank, customer_id` },
  { file: "rising_stars", sql: `select period, customer_id, customer_name, star_rank, revenue, previous_revenue, growth, before_period, before_growth,
          regularity, revenue_rank, n_rated from marts.rising_stars where star_rank <= 20 order by period, star_rank, customer_id` },
  { file: "customer_metrics.loss_makers", sql: `select period, customer_id, customer_name, sales_rep, region, industry, revenue, gross_profit, gross_margin, discount, cost_to_serve, contribution
          from (select *, row_number() over (partition by period order by gross_profit, customer_id) as k from marts.customer_metrics where gross_profit < 0)
          where k <= 20 order by period, gross_profit, customer_id` },
  { file: "customer_policy.warnings", sql: `select period, customer_id, customer_name, tier, discount, gross_profit, discount_margin_share, discount_eligible
          from (select *, row_number() over (partition by period order by discount desc, customer_id) as k from marts.customer_policy where discount_warning)
          where k <= 20 order by period, discount desc, customer_id` },
  { file: "single_indicator_risk", sql: `select period, customer_id, customer_name, view, revenue, revenue_rank, score, score_rank, n_rated, tier, driver_1, driver_2, driver_3
          from (select *, row_number() over (partition by period, view order by case when view = 'revenue_only' then revenue_rank else score_rank end, customer_id) as k
                from marts.single_indicator_risk) where k <= 15 order by period, view, k` },
  // the value page: customer equity per grouping, the CLV model's fits and holdout check, the largest CLVs
  { file: "customer_equity", sql: "select * from marts.customer_equity order by grouping_order, equity desc nulls last, group_value" },
  { file: "clv_model", sql: "select * from marts.clv_model order by model, fit_window" },
  { file: "clv_holdout", sql: "select * from marts.clv_holdout order by frequency_group" },
  { file: "clv_customers.top", sql: `select customer_id, customer_name, history, purchases, p_alive, expected_purchases, expected_avg_spend, clv
          from marts.clv_customers where clv is not null order by clv desc, customer_id limit 25` },
  // the retention page's lifecycle: the stage mix per period and the flows between periods
  { file: "lifecycle_summary", sql: `select period, period_kind, is_partial, stage, sort_order, n_customers, customer_share, n_new, revenue, revenue_share
          from marts.lifecycle_summary order by period_kind = 'window', period, sort_order` },
  { file: "lifecycle_flows", sql: "select * from marts.lifecycle_flows order by from_period, to_period, from_stage, to_stage" },
  // the data quality page: what the data supports, the business checks, the data tests' results
  { file: "data_availability", sql: "select * from marts.data_availability order by sort_order" },
  { file: "data_quality_checks", sql: "select * from marts.data_quality_checks order by sort_order" },
  { file: "data_test_results", sql: "select * from marts.data_test_results order by test_no" },
  { file: "ingest_totals", sql: "select * from marts.ingest_totals" },
  // customer names link to their dossier, and the search box finds one: the customers that have
  // a dossier (small whatever the number of customers), read by every page that shows names
  { file: "dossier_customers", sql: "select customer_id, customer_name, slug, is_key, was_key, key_periods, is_at_risk, is_rising, window_revenue from marts.dossier_customers order by customer_id" },
  // what the dossiers share: the CLV fit's soundness
  { file: "clv_model.dossier", sql: `select model, fit_window, status, reason, p_alive_informative, independence_ok, frequency_spend_correlation,
          value_basis, horizon_months from marts.clv_model order by model, fit_window` },
  // the key accounts page (/key-accounts): the list per year and the window (at most the 250 best
  // scores of a period: the page says when there are more), the re-rating (who entered and left
  // the list, at most 250 each), the Markov matrices, projection and back-test, coverage
  // (key_account_summary: the summary's file above, years in order and the window last)
  // The key accounts page's two long lists, per period. The periods a reader opens on (the
  // window and the last two years: the last complete one is the page's default) are one file; the
  // earlier years another, fetched only when one of them is picked (at 50,000 customers the two
  // lists over every period came to 0.9 MB of the page's 1.5 MB).
  ...[["", "in"], [".earlier", "not in"]].flatMap(([suffix, which]) => [
    { file: `key_account_list${suffix}`, sql: `select period, customer_id, customer_name, sales_rep, region, industry, score, score_rank, revenue, revenue_share, gross_margin,
            growth, key_change, is_at_risk, trend
          from (select *, row_number() over (partition by period order by score_rank) as k
          from marts.key_account_list where period_kind in ('year', 'window') and ${recentPeriods("marts.key_account_list", which)}) where k <= 250 order by period, score_rank` },
    { file: `key_account_changes.rerating${suffix}`, sql: `select period, previous_period, customer_id, customer_name, previous_state, state, key_change,
            score_change, driver_1, driver_1_points, driver_2, driver_2_points, driver_3, driver_3_points
          from (select *, row_number() over (partition by period, key_change order by coalesce(score, previous_score) desc, customer_id) as k
                from marts.key_account_changes where key_change in ('entered', 'left') and ${recentPeriods("marts.key_account_list", which)})
          where k <= 250 order by period, key_change, k` },
  ]),
  { file: "tier_transitions", sql: "select * from marts.tier_transitions order by pair, from_order, to_order" },
  { file: "tier_projection", sql: "select * from marts.tier_projection order by sort_order, step nulls last" },
  { file: "tier_backtest", sql: "select * from marts.tier_backtest order by sort_order" },
  { file: "key_account_coverage", sql: "select * from marts.key_account_coverage order by period, sort_order" },
];
