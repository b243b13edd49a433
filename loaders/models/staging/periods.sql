-- materialized: table
-- Reporting periods: every fiscal year (kind 'year'), the grain's periods when the grain is
-- finer (kind 'quarter' or 'month'), those of the cohort grain (staging.coverage), and the
-- analysis window (kind 'window'). They run from
-- the first order's period to the one holding the analysis date, including empty ones.
-- A period the data covers only in part is partial, at the start (it begins before
-- coverage_start, see staging.coverage) as at the end (it ends after the analysis date).
-- Each period names the range it is compared with: a complete period with the whole previous
-- one, a period cut short by the analysis date with the same months of the previous one
-- (2026 Jan-Sep vs 2025 Jan-Sep), the window with the window before. A comparison exists only
-- when the data covers that earlier range entirely; otherwise comparison_basis is NULL and
-- comparison_reason says why (never a growth against a period the data only touches).
with params as (
  select analysis_date, grain, fiscal_year_start_month as fsm, window_months from staging.params
),
coverage as (select first_order_date, coverage_start, cohort_grain from staging.coverage),
-- months are counted as year * 12 + month - 1 so that period starts are arithmetic
kinds as (
  select 'year' as kind, 12 as step union all
  select 'quarter', 3 union all
  select 'month', 1
),
grid as (
  select k.kind, k.step, p.fsm, p.analysis_date,
         year(c.first_order_date) * 12 + month(c.first_order_date) - 1 as first_m,
         year(p.analysis_date) * 12 + month(p.analysis_date) - 1 as last_m
  from kinds k, params p, coverage c
  where k.kind = 'year' or k.kind = p.grain or k.kind = c.cohort_grain
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
    step,
    period_start,
    cast(period_start + to_months(step) - interval 1 day as date) as period_end,
    analysis_date
  from dated
),
with_previous as (
  select g.*,
         lag(g.period) over (partition by g.period_kind order by g.period_start) as previous_period,
         lag(g.period_start) over (partition by g.period_kind order by g.period_start) as previous_start,
         lag(g.period_end) over (partition by g.period_kind order by g.period_start) as previous_end
  from grain_periods g
),
bounded as (
  select w.period, w.period_kind, w.period_start, w.period_end,
         w.period_start < c.coverage_start as partial_start,
         w.period_end > w.analysis_date as partial_end,
         w.previous_period,
         w.previous_start as compare_start,
         -- same months of the previous period when this one is cut short by the analysis date
         case when w.period_end > w.analysis_date then cast(w.analysis_date - to_months(w.step) as date) else w.previous_end end as compare_end,
         case when w.period_end > w.analysis_date then 'same_months' else 'previous_period' end as basis,
         c.coverage_start, w.analysis_date
  from with_previous w, coverage c
),
window_period as (
  select 'window' as period, 'window' as period_kind, w.window_start as period_start, w.analysis_date as period_end,
         w.window_start < c.coverage_start as partial_start,
         false as partial_end,
         null as previous_period,
         w.prior_window_start as compare_start,
         w.prior_window_end as compare_end,
         'previous_window' as basis,
         c.coverage_start, w.analysis_date
  from staging.windows w, coverage c
),
all_periods as (
  select * from bounded union all select * from window_period
)
select
  period, period_kind, period_start, period_end,
  partial_start or partial_end as is_partial,
  case when partial_start and partial_end then 'partial_both' when partial_start then 'partial_start'
       when partial_end then 'partial_end' else 'complete' end as coverage,
  greatest(period_start, coverage_start) as covered_start,
  least(period_end, analysis_date) as covered_end,
  previous_period,
  case when not partial_start and compare_start >= coverage_start then basis end as comparison_basis,
  case when not partial_start and compare_start >= coverage_start then compare_start end as compare_start,
  case when not partial_start and compare_start >= coverage_start then compare_end end as compare_end,
  case
    when partial_start then 'starts_before_data'
    when compare_start is null then 'no_previous_period'
    when compare_start < coverage_start then 'previous_not_covered'
  end as comparison_reason
from all_periods
