-- How each concentration figure moved from one period of the grain to the next: the change
-- only where both periods are complete (a period cut short or one the data only touches has
-- no change against the other, comparison_reason says why).
with params as (select grain from staging.params),
concentration as (
  select measure, period, period_start,
         cast(total as double) as total, cast(n_customers as double) as n_customers,
         top_share_value, share_to_target, gini, hhi, top1_share, top5_share, top10_share
  from marts.concentration_summary
  where period_kind = (select grain from params)
),
whale as (
  select s.measure || '_whale' as measure, s.period, pe.period_start,
         s.peak_share, cast(s.n_loss_makers as double) as n_loss_makers, s.profit_destroyed
  from marts.whale_summary s
  join staging.periods pe on pe.period = s.period and pe.period_kind = s.period_kind
  where s.period_kind = (select grain from params)
),
metrics_long as (
  select measure, period, period_start, metric, value
  from concentration
  unpivot include nulls (value for metric in (
    total, n_customers, top_share_value, share_to_target, gini, hhi, top1_share, top5_share, top10_share))
  union all
  select measure, period, period_start, metric, value
  from whale
  unpivot include nulls (value for metric in (peak_share, n_loss_makers, profit_destroyed))
),
with_previous as (
  select measure, period, metric, value,
         lag(period) over w as previous_period,
         lag(value) over w as previous_value
  from metrics_long
  window w as (partition by measure, metric order by period_start)
)
-- a change only between two periods the data covers entirely (staging.periods); else why not
select
  m.measure, m.period, m.metric, m.value, m.previous_period, m.previous_value,
  case when pe.comparison_basis = 'previous_period' then m.value - m.previous_value end as delta,
  case when pe.comparison_basis = 'previous_period' then null
       when pe.comparison_basis = 'same_months' then 'period_partial'
       else pe.comparison_reason end as comparison_reason
from with_previous m
join staging.periods pe on pe.period = m.period
