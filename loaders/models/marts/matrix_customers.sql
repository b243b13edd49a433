-- Every customer active in a period placed in one cell of each matrix, per period (the grain's
-- periods and the window, from marts.customer_metrics; see the declaration for the default rules;
-- thresholds from staging.params). The matrices are lenses: the key account is the scorecard
-- tier, which each row carries (`tier`) so that matrix_cells can show how the key accounts fall
-- in the cells. Every row carries its matrix's x_threshold and y_threshold for its period.
with p as (select * from staging.params),
cw as (
  select m.*, coalesce(m.previous_revenue, 0) as prior_revenue, s.tier
  from marts.customer_metrics m
  left join marts.key_account_scorecard s using (period, customer_id)
  where m.is_active
),
capability as (
  select cw.*,
         case when p.capability_measure = 'volume' then cw.volume else cw.revenue end as x_value,
         row_number() over (partition by cw.period order by case when p.capability_measure = 'volume' then cw.volume else cw.revenue end desc, cw.customer_id) as x_rank,
         count(*) over (partition by cw.period) as n
  from cw, p
),
capability_credit as (
  select c.period, 'capability_credit' as matrix, c.customer_id, c.customer_name,
         cast(c.x_value as double) as x_value, c.collection_rate as y_value,
         c.x_rank <= ceil(c.n * p.capability_top_share - 1e-9) as x_high,
         c.collection_rate >= p.min_collection_rate as y_high,
         c.revenue, c.gross_profit, c.tier,
         p.min_collection_rate as y_threshold
  from capability c, p
  -- credit unknown (no payments, or nothing due yet): not placed, never taken for good credit
  where c.collection_rate is not null
),
margin_thresholds as (
  select cw.period,
         coalesce(any_value(p.max_cost_to_serve_ratio), median(cw.cost_to_serve_ratio)) as x_threshold,
         coalesce(any_value(p.min_gross_margin), median(cw.gross_margin)) as y_threshold
  from cw, p
  group by cw.period
),
margin_cost as (
  select cw.period, 'margin_cost' as matrix, cw.customer_id, cw.customer_name,
         cw.cost_to_serve_ratio as x_value, cw.gross_margin as y_value,
         -- no positive revenue: every cost is too high and there is no margin
         coalesce(cw.cost_to_serve_ratio > t.x_threshold, true) as x_high,
         coalesce(cw.gross_margin >= t.y_threshold, false) as y_high,
         cw.revenue, cw.gross_profit, cw.tier,
         t.x_threshold, t.y_threshold
  from cw join margin_thresholds t using (period)
  -- a customer whose cost or cost to serve is unknown has no place here: it is left out
  where cw.gross_profit is not null and cw.cost_to_serve is not null
),
value_ranked as (
  select cw.*, row_number() over (partition by cw.period order by cw.revenue desc, cw.customer_id) as x_rank,
         count(*) over (partition by cw.period) as n
  from cw
),
value_potential as (
  select v.period, 'value_potential' as matrix, v.customer_id, v.customer_name,
         cast(v.revenue as double) as x_value, v.growth as y_value,
         v.x_rank <= ceil(v.n * p.value_top_share - 1e-9) and v.revenue > 0 as x_high,
         (v.prior_revenue <= 0 or v.growth >= p.min_growth) and v.subperiods_with_purchase >= p.min_active_quarters as y_high,
         v.revenue, v.gross_profit, v.tier,
         p.min_growth as y_threshold
  from value_ranked v, p
  -- potential is growth against the compared range: not placed when the data does not cover it
  where v.compare_start is not null
),
-- a top-share x threshold is the smallest x value placed high
placed as (
  select * exclude (y_threshold), min(case when x_high then x_value end) over (partition by period) as x_threshold, y_threshold from capability_credit union all
  select * from margin_cost union all
  select * exclude (y_threshold), min(case when x_high then x_value end) over (partition by period) as x_threshold, y_threshold from value_potential
)
select
  period, matrix, customer_id, customer_name, x_value, y_value, x_high, y_high,
  case matrix
    when 'capability_credit' then case when x_high and y_high then 'partners' when x_high then 'reform' when y_high then 'support' else 'give_up' end
    when 'margin_cost' then case when y_high and not x_high then 'ideal' when y_high then 'demanding' when not x_high then 'lean' else 'drain' end
    else case when x_high and y_high then 'invest' when x_high then 'retain' when y_high then 'develop' else 'unattractive' end
  end as cell,
  revenue, gross_profit, tier, x_threshold, y_threshold
from placed
