// The dossiers' data: ONE archive loader for every /accounts/<slug> page (Framework unpacks
// data/accounts/<slug>.json from it per page), written in one DuckDB session with one query per
// section over all dossier customers (marts.dossier_customers), not a loader process per page.
// Each file is {customer_id, sections: {name: {mart, units, columns}}}; the section's mart is the
// one its figures come from (one query on one mart, declared columns only, rounded by unit).
// Sections of data that every dossier shares (the CLV model's soundness, what the data holds)
// are mart files of data/marts/ instead (src/data/mart-files.js), fetched once.
import { pack } from "tar-stream";
import { dossiers } from "./dossier-file.js";
import { warehouseFile, withWarehouse } from "./warehouse.js";

const dossier = "customer_id in (select customer_id from marts.dossier_customers)";
// years and the window: a bounded number of rows per customer whatever the grain
const periods = "period_kind in ('year', 'window')";
// the same for marts without a period_kind: years are labelled by their four digits (staging.periods)
const labelled = "(period = 'window' or regexp_full_match(period, '[0-9]{4}'))";

const sections = [
  { section: "profile", mart: "dossier_customers", keepId: true, sql: `select * from marts.dossier_customers order by customer_id` },
  {
    section: "metrics",
    mart: "customer_metrics",
    sql: `select customer_id, period, period_kind, period_start, period_end, is_partial, covered_end, channel, credit_rating,
            industry_influence, is_rated, revenue, gross_profit, gross_margin, volume, orders, purchases, avg_unit_price,
            price_index, discount, invoiced, collected, collection_rate, days_to_pay, on_time_share, claims, claims_share,
            visits, visits_leadership, visits_technical, visits_business, visit_hours, cost_to_serve, cost_to_serve_ratio,
            previous_revenue, growth, growth_reason, subperiods, subperiods_with_purchase, regularity, first_purchase_date,
            last_purchase_date, tenure_days, recency_days, typical_gap_days
          from marts.customer_metrics where ${dossier} and ${periods}
          order by customer_id, period_kind desc, period_start`,
  },
  {
    section: "months",
    mart: "dossier_months",
    sql: `select customer_id, month, is_partial, revenue, gross_profit, gross_margin, volume, purchases
          from marts.dossier_months order by customer_id, month`,
  },
  {
    section: "mix",
    mart: "dossier_product_mix",
    sql: `select customer_id, period, period_kind, is_partial, rank, mix_basis, category, is_other, revenue, revenue_share,
            gross_profit, gross_margin, volume
          from marts.dossier_product_mix where ${periods} order by customer_id, period_kind desc, period, rank`,
  },
  { section: "rfm", mart: "rfm_customers", sql: `select * exclude (customer_name) from marts.rfm_customers where ${dossier} order by customer_id` },
  {
    section: "clv",
    mart: "clv_customers",
    sql: `select customer_id, history, first_purchase_date, purchases, frequency, recency, T, monetary_value, p_alive,
            expected_purchases, expected_avg_spend, clv, fit_status, p_alive_informative, spend_basis, value_basis
          from marts.clv_customers where ${dossier} order by customer_id, history`,
  },
  // tier (or inactive / lost) and lifecycle stage per period
  {
    section: "states",
    mart: "customer_states",
    sql: `select customer_id, period, period_kind, is_partial, state, score, score_rank, revenue, growth
          from marts.customer_states where ${dossier} and ${periods} order by customer_id, period_kind desc, period`,
  },
  {
    section: "lifecycle",
    mart: "lifecycle_stages",
    sql: `select customer_id, period, period_kind, is_partial, stage, reason, tenure_days, recency_days, growth
          from marts.lifecycle_stages where ${dossier} and ${periods} order by customer_id, period_kind desc, period`,
  },
  // the score and its history; the breakdown by indicator per period
  {
    section: "scorecard",
    mart: "key_account_scorecard",
    sql: `select customer_id, period, period_kind, is_partial, score, score_rank, n_rated, revenue_rank, tier, tier_rule,
            one_order_guard, n_indicators, absent_indicators
          from marts.key_account_scorecard where ${dossier} and ${periods} order by customer_id, period_kind desc, period`,
  },
  {
    section: "indicators",
    mart: "key_account_indicators",
    sql: `select customer_id, period, indicator, sort_order, value, score, weight, is_absent, effective_weight, contribution
          from marts.key_account_indicators where ${dossier} and ${labelled} order by customer_id, period, sort_order`,
  },
  // the re-ratings: from each period of the grain to the next, and the indicators that moved it
  {
    section: "changes",
    mart: "key_account_changes",
    sql: `select customer_id, period, previous_period, previous_state, state, key_change, tier_move, previous_score, score,
            score_change, previous_rank, score_rank, driver_1, driver_1_points, driver_2, driver_2_points, driver_3, driver_3_points
          from marts.key_account_changes where ${dossier} order by customer_id, period`,
  },
  {
    section: "at_risk",
    mart: "at_risk_accounts",
    sql: `select customer_id, period, is_key_account, risk_rank, revenue_at_stake, revenue, previous_revenue, growth,
            last_purchase_date, recency_days, typical_gap_days, recency_ratio, purchases_recent, purchases_recent_before,
            frequency_ratio, collection_rate, previous_collection_rate, recency_slips, frequency_slips, value_slips, collection_slips
          from marts.at_risk_accounts where ${dossier} and ${labelled} order by customer_id, period`,
  },
  {
    section: "rising",
    mart: "rising_stars",
    sql: `select customer_id, period, star_rank, revenue, previous_revenue, growth, before_period, before_growth, regularity
          from marts.rising_stars where ${dossier} and ${labelled} order by customer_id, period`,
  },
  {
    section: "policy",
    mart: "customer_policy",
    sql: `select customer_id, period, tier, discount_eligible, looser_terms_eligible, more_service_eligible, discount_warning,
            large_volume, good_collection, high_price, stable_contracts, no_quality_disputes, volume_rank, collection_rate,
            price_index, regularity, claims, discount, gross_profit, discount_margin_share
          from marts.customer_policy where ${dossier} and ${labelled} order by customer_id, period`,
  },
];

try {
  const files = await withWarehouse(async (run) => {
    const customers = await run("select customer_id, slug from marts.dossier_customers order by customer_id");
    return (await dossiers(run, customers, sections)).map(([slug, data]) => [slug, JSON.stringify(data)]);
  });
  const tar = pack();
  const chunks = [];
  tar.on("data", (c) => chunks.push(c));
  const done = new Promise((resolve, reject) => (tar.on("end", resolve), tar.on("error", reject)));
  for (const [slug, json] of files) {
    tar.entry({ name: `${slug}.json`, mtime: new Date(0), mode: 0o644, uid: 0, gid: 0, uname: "", gname: "" }, json);
  }
  tar.finalize();
  await done;
  process.stdout.write(Buffer.concat(chunks));
} catch (e) {
  console.error(`data loader accounts.tar.js failed on ${warehouseFile()}: ${e.message}`);
  process.exit(1);
}
