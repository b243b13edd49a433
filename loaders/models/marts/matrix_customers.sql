-- Every customer active in the window placed in one cell of each matrix (see README for the
-- default rules; thresholds come from staging.params). Every row carries its matrix's
-- x_threshold and y_threshold, the values the placement used (matrix_cells shows them).
with p as (select * from staging.params),
cw as (
  select *, coalesce(previous_revenue, 0) as prior_revenue, subperiods_with_purchase as quarters_active
  from marts.customer_metrics where period = 'window' and is_active
),
capability as (
  select cw.*,
         case when p.capability_measure = 'volume' then cw.volume else cw.revenue end as x_value,
         row_number() over (order by case when p.capability_measure = 'volume' then cw.volume else cw.revenue end desc, cw.customer_id) as x_rank,
         count(*) over () as n
  from cw, p
),
capability_credit as (
  select 'capability_credit' as matrix, c.customer_id, c.customer_name,
         c.x_value, c.collection_rate as y_value,
         c.x_rank <= ceil(c.n * p.capability_top_share - 1e-9) as x_high,
         coalesce(c.collection_rate >= p.min_collection_rate, true) as y_high,
         c.revenue, c.gross_profit,
         p.min_collection_rate as y_threshold
  from capability c, p
),
margin_thresholds as (
  select coalesce(any_value(p.max_cost_to_serve_ratio), median(cw.cost_to_serve_ratio)) as x_threshold,
         coalesce(any_value(p.min_gross_margin), median(cw.gross_margin)) as y_threshold
  from cw, p
),
margin_cost as (
  select 'margin_cost' as matrix, cw.customer_id, cw.customer_name,
         cw.cost_to_serve_ratio as x_value, cw.gross_margin as y_value,
         -- no positive revenue: every cost is too high and there is no margin
         coalesce(cw.cost_to_serve_ratio > t.x_threshold, true) as x_high,
         coalesce(cw.gross_margin >= t.y_threshold, false) as y_high,
         cw.revenue, cw.gross_profit,
         t.x_threshold, t.y_threshold
  from cw, margin_thresholds t
),
value_ranked as (
  select cw.*, row_number() over (order by cw.revenue desc, cw.customer_id) as x_rank, count(*) over () as n
  from cw
),
value_potential as (
  select 'value_potential' as matrix, v.customer_id, v.customer_name,
         v.revenue as x_value, v.growth as y_value,
         v.x_rank <= ceil(v.n * p.value_top_share - 1e-9) and v.revenue > 0 as x_high,
         (v.prior_revenue <= 0 or v.growth >= p.min_growth) and v.quarters_active >= p.min_active_quarters as y_high,
         v.revenue, v.gross_profit,
         p.min_growth as y_threshold
  from value_ranked v, p
),
-- a top-share x threshold is the smallest x value placed high
placed as (
  select * exclude (y_threshold), min(case when x_high then x_value end) over () as x_threshold, y_threshold from capability_credit union all
  select * from margin_cost union all
  select * exclude (y_threshold), min(case when x_high then x_value end) over () as x_threshold, y_threshold from value_potential
)
select
  matrix, customer_id, customer_name, x_value, y_value, x_high, y_high,
  case matrix
    when 'capability_credit' then case when x_high and y_high then 'partners' when x_high then 'reform' when y_high then 'support' else 'give_up' end
    when 'margin_cost' then case when y_high and not x_high then 'ideal' when y_high then 'demanding' when not x_high then 'lean' else 'drain' end
    else case when x_high and y_high then 'key' when x_high then 'regular' when y_high then 'potential' else 'unattractive' end
  end as cell,
  revenue, gross_profit, x_threshold, y_threshold
from placed
