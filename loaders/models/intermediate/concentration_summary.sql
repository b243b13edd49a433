-- One row per measure and period: how concentrated the measure is on few customers.
with params as (
  select top_share, target_share, risk_largest_share, risk_top10_share from staging.params
),
periods as (select * from staging.report_periods),
measures as (
  select * from (values ('revenue'), ('gross_profit'), ('volume')) m(measure)
),
-- "the top 20%" = the first ceil(top_share x n) customers (the epsilon absorbs 0.2 x 15 = 3.0000000000000004)
per_period as (
  select r.measure, r.period,
         any_value(r.n_customers) as n_customers,
         count(*) filter (where r.value > 0) as n_positive,
         sum(r.value) as total,
         any_value(r.total_positive) as total_positive,
         cast(ceil(any_value(r.n_customers) * any_value(p.top_share) - 1e-9) as integer) as top_n,
         min(r.rank) filter (where r.cum_share >= p.target_share - 1e-12) as n_to_target,
         -- shares from exact sums (a SUM of DOUBLE shares would differ in the last digits
         -- from run to run): HHI = sum of squared values / total squared
         sum(r.value_pos * r.value_pos) / nullif(cast(any_value(r.total_positive) as double) ^ 2, 0) as hhi,
         sum(r.value_pos) filter (where r.rank <= 1) / nullif(any_value(r.total_positive), 0) as top1_share,
         sum(r.value_pos) filter (where r.rank <= 5) / nullif(any_value(r.total_positive), 0) as top5_share,
         sum(r.value_pos) filter (where r.rank <= 10) / nullif(any_value(r.total_positive), 0) as top10_share,
         -- Gini from the ascending order: (2 sum(i x_i)) / (n sum x) - (n + 1) / n
         case when any_value(r.total_positive) > 0 then
           2 * sum((r.n_customers - r.rank + 1) * r.value_pos) / (any_value(r.n_customers) * any_value(r.total_positive))
             - (any_value(r.n_customers) + 1) / any_value(r.n_customers)
         end as gini,
         count(*) filter (where r.abc_class = 'A') as n_a,
         count(*) filter (where r.abc_class = 'B') as n_b
  from intermediate.concentration_ranked r, params p
  group by r.measure, r.period
),
top_shares as (
  select pp.measure, pp.period, sum(r.value_pos) / nullif(any_value(r.total_positive), 0) as top_share_value
  from per_period pp
  join intermediate.concentration_ranked r on r.measure = pp.measure and r.period = pp.period and r.rank <= pp.top_n
  group by all
)
select
  m.measure, pe.period, pe.period_kind, pe.period_start, pe.period_end, pe.is_partial,
  coalesce(pp.n_customers, 0) as n_customers,
  coalesce(pp.n_positive, 0) as n_positive,
  -- gross profit without any cost in the data is unknown, not 0
  case when m.measure <> 'gross_profit' or cv.cost_known then coalesce(pp.total, 0) end as total,
  case when m.measure <> 'gross_profit' or cv.cost_known then coalesce(pp.total_positive, 0) end as total_positive,
  coalesce(pp.top_n, 0) as top_n,
  ts.top_share_value,
  pp.n_to_target,
  pp.n_to_target / pp.n_customers as share_to_target,
  pp.gini,
  pp.hhi,
  pp.top1_share,
  pp.top5_share,
  pp.top10_share,
  coalesce(pp.top1_share > p.risk_largest_share, false) as flag_largest,
  coalesce(pp.top10_share > p.risk_top10_share, false) as flag_top10,
  coalesce(pp.n_a, 0) as n_a,
  coalesce(pp.n_b, 0) as n_b,
  coalesce(pp.n_customers - pp.n_a - pp.n_b, 0) as n_c
from periods pe
cross join measures m
cross join params p
cross join staging.coverage cv
left join per_period pp on pp.measure = m.measure and pp.period = pe.period
left join top_shares ts on ts.measure = m.measure and ts.period = pe.period
