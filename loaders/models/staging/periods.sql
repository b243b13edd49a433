-- Reporting periods: every fiscal year (kind 'year'), the grain's periods when the grain is
-- finer (kind 'quarter' or 'month'), and the analysis window (kind 'window'). They run from
-- the first order's period to the one holding the analysis date, including empty ones.
with params as (
  select analysis_date, grain, fiscal_year_start_month as fsm, window_months from staging.params
),
first_order as (
  select min(order_date) as first_date from staging.order_lines
),
-- months are counted as year * 12 + month - 1 so that period starts are arithmetic
kinds as (
  select 'year' as kind, 12 as step union all
  select 'quarter', 3 union all
  select 'month', 1
),
grid as (
  select k.kind, k.step, p.fsm, p.analysis_date,
         year(f.first_date) * 12 + month(f.first_date) - 1 as first_m,
         year(p.analysis_date) * 12 + month(p.analysis_date) - 1 as last_m
  from kinds k, params p, first_order f
  where k.kind = 'year' or k.kind = p.grain
),
aligned as (
  select *, first_m - ((first_m - (fsm - 1)) % step) as start_m from grid
),
series as (
  select kind, step, fsm, analysis_date, unnest(generate_series(start_m, last_m, step)) as m from aligned
),
dated as (
  select *,
         make_date(cast(m // 12 as integer), cast(m % 12 + 1 as integer), 1) as period_start,
         m - ((m - (fsm - 1)) % 12) as fy_m
  from series
),
grain_periods as (
  select
    case kind
      when 'year' then cast(fy_m // 12 as varchar)
      when 'quarter' then cast(fy_m // 12 as varchar) || 'Q' || cast((m - fy_m) // 3 + 1 as varchar)
      else strftime(period_start, '%Y-%m')
    end as period,
    kind as period_kind,
    period_start,
    cast(period_start + to_months(step) - interval 1 day as date) as period_end,
    analysis_date
  from dated
),
window_period as (
  select 'window' as period, 'window' as period_kind, w.window_start as period_start,
         w.analysis_date as period_end, w.analysis_date
  from staging.windows w
)
select period, period_kind, period_start, period_end, period_end > analysis_date as is_partial
from grain_periods
union all
select period, period_kind, period_start, period_end, false from window_period
