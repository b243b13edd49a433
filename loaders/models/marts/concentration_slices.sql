-- Concentration and headline figures per measure, period and slice (all customers, a region,
-- an industry, a sales rep: intermediate.customer_slices): what the summary and concentration pages
-- show for the filters picked. Same definitions as intermediate.concentration_summary (slice 'all'
-- equals it; a data test checks), plus the slice's revenue and gross profit, loss makers,
-- the figures of the period before, and the Pareto, Lorenz and whale curves at fixed shares
-- of customers (15 points, symmetric so that the Lorenz curve is the Pareto curve mirrored), so that a page never needs per-customer rows.
-- The ranking (`ranked`, one row per customer, measure, period and slice: 4.9M at 10M lines, 49M
-- at 100M) is never stored: writing it as a table cost more than computing it (at 10M ~13 s of
-- compression); its inputs (`known`) are joined again by each reader, not copied into memory.
with params as (select abc_a, abc_b, top_share, target_share, risk_largest_share, risk_top10_share, grain from staging.params),
-- points of the curves: the customers at fixed shares (percent) of the slice's customers
grid as (
  select [0, 1, 2, 5, 10, 20, 30, 50, 70, 80, 90, 95, 98, 99, 100] as ps
),
-- Every ranking (measure x period x slice) numbered: the windows below partition by that one integer,
-- not by six text columns (at 10M lines the sort 19.6 -> 12.1 s of CPU); the names come back per slice.
-- The number is arithmetic on the measure's, the period's and the slice's, so that a customer's
-- rows find theirs without joining on the names.
measures as (select * from (values (0, 'gross_profit'), (1, 'revenue'), (2, 'volume')) m(measure_no, measure)),
periods_numbered as (
  select period, row_number() over (order by period) - 1 as period_no, count(*) over () as n_periods
  from staging.report_periods
),
slices as (
  select *, row_number() over (order by slice, region, industry, sales_rep) as slice_no, count(*) over () as n_slices
  from (select distinct slice, region, industry, sales_rep from intermediate.customer_slices)
),
customer_slice_nos as (
  select cs.customer_id, sl.slice_no, sl.n_slices
  from intermediate.customer_slices cs
  join slices sl on sl.slice = cs.slice and sl.region is not distinct from cs.region
    and sl.industry is not distinct from cs.industry and sl.sales_rep is not distinct from cs.sales_rep
),
rankings as (
  select m.measure, pe.period, sl.slice, sl.region, sl.industry, sl.sales_rep,
         (m.measure_no * pe.n_periods + pe.period_no) * sl.n_slices + sl.slice_no as part
  from measures m cross join periods_numbered pe cross join slices sl
),
-- Active customers of each concentration period ranked by each measure WITHIN each slice. The
-- same rule as intermediate.concentration_ranked (descending, ties by customer id, shares of the
-- positive total, ABC by the share before the customer), partitioned by slice as well; slice
-- 'all' is the same ranking (a data test compares the two). Exact sums (DECIMAL) so that shares
-- and running totals do not depend on the order DuckDB's threads add them in.
customer_values as (
  select cp.customer_id, cp.period, m.measure, m.measure_no * pe.n_periods + pe.period_no as ranking_no,
         cast(case m.measure when 'revenue' then cp.revenue when 'gross_profit' then cp.gross_profit else cp.volume end as decimal(38, 4)) as value,
         cast(cp.revenue as decimal(38, 4)) as revenue, cast(cp.gross_profit as decimal(38, 4)) as gross_profit,
         cast(cp.revenue_with_cost as decimal(38, 4)) as revenue_with_cost
  from intermediate.customer_periods cp
  join periods_numbered pe using (period)
  cross join measures m
  -- as in intermediate.concentration_ranked: a customer whose gross profit is unknown (no cost on
  -- its lines) is not ranked by it
  where cp.is_active and value is not null
),
-- the value in units of 0.0001, a whole number, as a double (for the running sums below)
customer_values_units as (
  select *, cast(cast(value * 10000 as hugeint) as double) as value_units from customer_values
),
-- A slice's ranking is the ranking of all customers with the others left out: rank once per
-- measure and period, and each slice's window sorts by that one number, its rows carrying only
-- what the ranks need (at 100M lines 49M rows, sorted beyond the memory limit: the width of a
-- row is what spills).
ranked_all as (
  select *, row_number() over (partition by ranking_no order by value desc, customer_id) as global_rank
  from customer_values_units
),
known as not materialized (
  select g.*, g.ranking_no * s.n_slices + s.slice_no as part
  from ranked_all g
  join customer_slice_nos s using (customer_id)
),
-- the figures of a whole ranking: no order needed, one aggregate. `fits`: every partial sum of
-- the ranking's values, in units of 0.0001, is a whole number below 2^53 (exact as a double)
part_totals as (
  select part, count(*) as n_customers, sum(greatest(value, 0)) as total_positive, sum(value) as total,
         sum(revenue) as revenue, sum(gross_profit) as gross_profit, sum(revenue_with_cost) as revenue_with_cost,
         sum(abs(value)) < 900719925474.0992 as fits
  from known group by part
),
-- Running sums, exact: where they fit, summed as doubles of whole units of 0.0001, so that every
-- partial sum is exact whatever order it is added in and its double is the DECIMAL sum's (a
-- DECIMAL window sum cost 3x as much: concentration_slices at 100M lines 152 -> 71 s, the same
-- rows); a ranking whose values add up past 2^53 units (~9 x 10^11) keeps the DECIMAL sums.
in_order as (
  select part, value, gross_profit, greatest(value, 0) as value_pos,
         row_number() over w_order as rank,
         -- running sums in the ranking's own order (rank is its row number): one sort per
         -- partition for every window here, not a second one by rank
         sum(greatest(value_units, 0)) over w_running / 10000 as running_positive,
         sum(value_units) over w_running / 10000 as running_value
  from known k semi join part_totals t on t.part = k.part and t.fits
  window w_order as (partition by part order by global_rank),
         w_running as (w_order rows between unbounded preceding and current row)
  union all
  select part, value, gross_profit, greatest(value, 0) as value_pos,
         row_number() over w_order_exact as rank,
         cast(sum(greatest(value, 0)) over w_running_exact as double) as running_positive,
         cast(sum(value) over w_running_exact as double) as running_value
  from known k semi join part_totals t on t.part = k.part and not t.fits
  window w_order_exact as (partition by part order by global_rank),
         w_running_exact as (w_order_exact rows between unbounded preceding and current row)
),
ranked as (
  select o.*, t.n_customers, t.total_positive, t.total
  from in_order o join part_totals t using (part)
),
shared as (
  select *,
         case when total_positive > 0 then cast(value_pos as double) / cast(total_positive as double) end as share,
         case when total_positive > 0 then cast(running_positive as double) / cast(total_positive as double) end as cum_share,
         -- the whale curve keeps the signs: cumulative value / net total
         case when total > 0 then cast(running_value as double) / cast(total as double) end as cum_signed_share
  from ranked
),
r as (
  select s.*,
         cast(nullif(s.total_positive, 0) as double) as tp,
         s.rank <= cast(ceil(s.n_customers * p.top_share - 1e-9) as integer) as in_top,
         case
           when s.value <= 0 or s.cum_share is null then 'C'
           when coalesce(s.cum_share - s.share, 0) < p.abc_a - 1e-12 then 'A'
           when coalesce(s.cum_share - s.share, 0) < p.abc_b - 1e-12 then 'B'
           else 'C'
         end as abc_class,
         -- the customer is a point of the curves: rank = ceil(p / 100 × n_customers) for a p of the grid,
         -- that is (rank - 1) × 100 < p × n ≤ rank × 100, exact in integers; from 100 customers on only
         -- p = rank × 100 // n can be one (a lambda over the grid for every row cost 5 s of CPU at 10M)
         case
           when s.n_customers >= 100 then list_contains(g.ps, (s.rank * 100) // s.n_customers) and (s.rank * 100) // s.n_customers * s.n_customers > (s.rank - 1) * 100
           else len(list_filter(g.ps, p -> (s.rank - 1) * 100 < p * s.n_customers and p * s.n_customers <= s.rank * 100)) > 0
         end as is_point
  from shared s
  cross join params p
  cross join grid g
),
per_part as (
  select part,
         any_value(n_customers) as n_customers,
         count(*) filter (where value > 0) as n_positive,
         sum(value) as total,
         any_value(total_positive) as total_positive,
         count(*) filter (where in_top) as top_n,
         sum(value_pos) filter (where in_top) / any_value(tp) as top_share_value,
         min(rank) filter (where cum_share >= (select target_share from params) - 1e-12) as n_to_target,
         min(cum_share) filter (where cum_share >= (select target_share from params) - 1e-12) as target_reached_share,
         -- from exact sums (order-independent): sum of squared values / the squared total
         cast(sum(value_pos * value_pos) as double) / (any_value(tp) * any_value(tp)) as hhi,
         sum(value_pos) filter (where rank <= 1) / any_value(tp) as top1_share,
         sum(value_pos) filter (where rank <= 5) / any_value(tp) as top5_share,
         sum(value_pos) filter (where rank <= 10) / any_value(tp) as top10_share,
         case when any_value(total_positive) > 0 then
           2 * cast(sum((n_customers - rank + 1) * value_pos) as double) / (any_value(n_customers) * any_value(tp))
             - (any_value(n_customers) + 1) / any_value(n_customers)
         end as gini,
         count(*) filter (where abc_class = 'A') as n_a,
         count(*) filter (where abc_class = 'B') as n_b,
         count(*) filter (where abc_class = 'C') as n_c,
         coalesce(sum(value) filter (where abc_class = 'A'), 0) as a_value,
         coalesce(sum(value) filter (where abc_class = 'B'), 0) as b_value,
         coalesce(sum(value) filter (where abc_class = 'C'), 0) as c_value,
         coalesce(sum(value_pos) filter (where abc_class = 'A'), 0) / any_value(tp) as a_share,
         coalesce(sum(value_pos) filter (where abc_class = 'B'), 0) / any_value(tp) as b_share,
         coalesce(sum(value_pos) filter (where abc_class = 'C'), 0) / any_value(tp) as c_share,
         count(*) filter (where value < 0) as n_negative,
         -coalesce(sum(value) filter (where value < 0), 0) as negative_total,
         -- gross profit of the top customers by this measure / the slice's gross profit
         case when sum(gross_profit) > 0 then cast(sum(gross_profit) filter (where in_top) as double) / cast(sum(gross_profit) as double) end as top_profit_share,
         -- the curves, from their points (rank order); x = 0 is the curve's start, (0, 0)
         list_prepend(0::double, list(rank / n_customers order by rank) filter (where is_point)) as curve_x,
         list_prepend(0::double, list(coalesce(cum_share, 0) order by rank) filter (where is_point)) as pareto_y,
         list_prepend(0::double, list(coalesce(cum_signed_share, 0) order by rank) filter (where is_point)) as whale_y
  from r
  group by part
),
per_slice as (
  select rk.measure, rk.period, rk.slice, rk.region, rk.industry, rk.sales_rep, pp.* exclude (part),
         t.revenue, t.gross_profit, t.revenue_with_cost
  from per_part pp
  join part_totals t using (part)
  join rankings rk using (part)
),
prev_periods as (
  select period, lag(period) over (partition by period_kind order by period_start) as previous_period,
         lag(is_partial) over (partition by period_kind order by period_start) as previous_is_partial
  from staging.report_periods
),
joined as (
  select pe.period_kind, pe.period_start, pe.period_end, pe.is_partial, ps.*,
         pp.previous_period, pp.previous_is_partial
  from per_slice ps
  join staging.report_periods pe using (period)
  join prev_periods pp using (period)
)
select
  j.measure, j.period, j.period_kind, j.period_start, j.period_end, j.is_partial,
  j.slice, j.region, j.industry, j.sales_rep,
  j.n_customers, j.n_positive, j.total, j.total_positive, j.top_n, j.top_share_value,
  j.n_to_target, j.n_to_target / j.n_customers as share_to_target, j.target_reached_share,
  j.gini, j.hhi, j.top1_share, j.top5_share, j.top10_share,
  coalesce(j.top1_share > p.risk_largest_share, false) as flag_largest,
  coalesce(j.top10_share > p.risk_top10_share, false) as flag_top10,
  j.n_a, j.n_b, j.n_c,
  j.n_a / j.n_customers as a_customer_share, j.n_b / j.n_customers as b_customer_share, j.n_c / j.n_customers as c_customer_share,
  j.a_value, j.b_value, j.c_value, j.a_share, j.b_share, j.c_share,
  j.n_negative, j.n_negative / j.n_customers as negative_share, j.negative_total,
  -- the whale curve's peak: the positive values / the net total
  case when j.total > 0 then cast(j.total_positive as double) / cast(j.total as double) end as peak_share,
  j.revenue, j.gross_profit,
  -- the margin over the lines whose cost is known (as marts.kpi_slices)
  case when j.revenue_with_cost > 0 then cast(j.gross_profit as double) / cast(j.revenue_with_cost as double) end as gross_margin,
  j.top_profit_share,
  j.previous_period,
  b.total as previous_total,
  b.revenue as previous_revenue,
  b.gross_profit as previous_gross_profit,
  b.n_customers as previous_n_customers,
  b.top_share_value as previous_top_share_value,
  b.n_to_target as previous_n_to_target,
  b.n_negative as previous_n_negative,
  -- growth compares whole periods only: a period cut short, or one after a period the data covers
  -- in part, has none (kpi_period compares a partial period with the same months)
  case when b.total > 0 and not j.is_partial and not j.previous_is_partial then cast(j.total as double) / cast(b.total as double) - 1 end as growth,
  j.curve_x, j.pareto_y,
  list_reverse(list_transform(j.curve_x, v -> 1 - v)) as lorenz_x,
  list_reverse(list_transform(j.pareto_y, v -> 1 - v)) as lorenz_y,
  j.whale_y
from joined j
cross join params p
left join per_slice b on b.measure = j.measure and b.period = j.previous_period and b.slice = j.slice
  and b.region is not distinct from j.region and b.industry is not distinct from j.industry
  and b.sales_rep is not distinct from j.sales_rep
