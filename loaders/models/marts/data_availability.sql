-- Per analysis: can the data support it, and if not (or only in part) why, for the pages to say
-- "not available: the exports carry no cost" instead of showing 0 or a finding built on nothing.
-- status: available | partial | not_available; reason: a code the pages translate; needs: what
-- would unlock it; coverage: the share of the data that has what the analysis needs (where that
-- is a share); detail: the same in English with the figures.
with cv as (select * from staging.coverage),
p as (select grain, handling_cost_per_order, volume_unit from staging.params),
sales as (
  select
    coalesce(sum(amount) filter (where amount > 0), 0) as gross_sales,
    coalesce(sum(amount) filter (where amount > 0 and cost is not null), 0) as costed_sales,
    count(*) as lines,
    count(*) filter (where unit = (select volume_unit from staging.params)) as lines_in_unit
  from staging.order_lines
),
buyers as (
  select a.customer_id, a.revenue_total, c.region, c.industry, c.sales_rep
  from intermediate.customer_activity a
  left join staging.customers c using (customer_id)
),
attributes as (
  select count(*) as customers,
         count(region) as with_region, count(industry) as with_industry, count(sales_rep) as with_rep,
         (select count(*) from main.customers) as registered
  from buyers
),
comparisons as (
  select count(*) filter (where pe.period_kind = p.grain) as grain_periods,
         count(*) filter (where pe.period_kind = p.grain and pe.comparison_basis is not null) as compared,
         bool_or(pe.period_kind = 'window' and pe.comparison_basis is not null) as window_compared
  from staging.periods pe, p
),
cohorts as (
  select count(distinct cohort) filter (where cohort_kind = 'acquired') as acquired,
         count(distinct cohort) filter (where cohort_kind = 'acquired' and base_revenue is not null) as with_base
  from marts.cohort_retention
),
facts as (
  select cv.*, p.grain, p.handling_cost_per_order, p.volume_unit, s.*, a.*, cmp.*, co.*,
         case when s.gross_sales > 0 then s.costed_sales / s.gross_sales end as cost_share
  from cv, p, sales s, attributes a, comparisons cmp, cohorts co
),
-- the margin x cost matrix and the contribution also need some part of the cost to serve
cost_rows as (
  select t.analysis, t.sort_order,
         case when not f.cost_known then 'not_available' when t.needs_cost_to_serve and not f.cost_to_serve_known then 'not_available'
              when f.costed_sales < f.gross_sales then 'partial' else 'available' end as status,
         case when not f.cost_known then 'no_cost' when t.needs_cost_to_serve and not f.cost_to_serve_known then 'no_cost_to_serve'
              when f.costed_sales < f.gross_sales then 'cost_partial' end as reason,
         case when f.cost_known and t.needs_cost_to_serve and not f.cost_to_serve_known then 'cost_to_serve' else 'cost' end as needs,
         f.cost_share as coverage,
         case when not f.cost_known then 'not available: no order line carries a cost'
              when t.needs_cost_to_serve and not f.cost_to_serve_known
                then 'not available: nothing of the cost to serve is known (no analysis.handling_cost_per_order, no visits or quality claims export, amounts net of discounts)'
              when f.costed_sales < f.gross_sales then 'partial: ' || round(100 * f.cost_share, 1) || '% of sales have a cost; figures cover those lines'
         end as detail
  from facts f
  cross join (values ('gross_profit', 2, false), ('gross_margin', 3, false), ('whale_curve', 4, false), ('loss_makers', 5, false),
                     ('margin_cost_matrix', 6, true), ('contribution', 7, true)) t(analysis, sort_order, needs_cost_to_serve)
),
rows as (
  select 'revenue' as analysis, 1 as sort_order, 'available' as status, null as reason, null as needs, null::double as coverage,
         f.lines || ' order lines from ' || f.coverage_start || ' to ' || f.coverage_end as detail
  from facts f
  union all select * from cost_rows
  union all
  select 'handling_cost', 8,
         case when f.handling_cost_per_order is null then 'not_available' else 'available' end,
         case when f.handling_cost_per_order is null then 'not_configured' end, 'config', null,
         case when f.handling_cost_per_order is null then 'not counted in cost to serve: analysis.handling_cost_per_order is not set'
              else 'counted: ' || f.handling_cost_per_order || ' per order (analysis.handling_cost_per_order)' end
  from facts f
  union all
  select t.analysis, t.sort_order,
         case when f.payments_known then 'available' else 'not_available' end,
         case when not f.payments_known then 'no_payments' end, 'payments', null,
         case when not f.payments_known then 'not available: no payments export; credit is unknown (nobody is judged a good or bad payer)' end
  from facts f cross join (values ('collection_rate', 9), ('capability_credit_matrix', 10)) t(analysis, sort_order)
  union all
  select 'visits', 11, case when f.visits_known then 'available' else 'not_available' end,
         case when not f.visits_known then 'no_visits' end, 'visits', null,
         case when not f.visits_known then 'not available: no visits export; visit cost and coverage are unknown' end
  from facts f
  union all
  select 'quality_claims', 12, case when f.claims_known then 'available' else 'not_available' end,
         case when not f.claims_known then 'no_claims' end, 'quality_claims', null,
         case when not f.claims_known then 'not available: no quality claims export; quality losses are unknown' end
  from facts f
  union all
  select t.analysis, t.sort_order,
         case when t.n = f.customers then 'available' when t.n > 0 then 'partial' else 'not_available' end,
         case when t.n = f.customers then null when f.registered = 0 then 'no_customers_export' else 'attribute_missing' end,
         'customers', t.n / nullif(f.customers, 0),
         case when t.n < f.customers then (f.customers - t.n) || ' of ' || f.customers || ' customers have no ' || t.label
              || case when f.registered = 0 then ' (no customers export)' else '' end end
  from facts f
  cross join lateral (values ('region_filter', 13, f.with_region, 'region'), ('industry_filter', 14, f.with_industry, 'industry'),
                             ('sales_rep_filter', 15, f.with_rep, 'sales rep')) t(analysis, sort_order, n, label)
  union all
  select 'volume', 16, case when f.lines_in_unit = f.lines then 'available' else 'partial' end,
         case when f.lines_in_unit < f.lines then 'units_mixed' end, null, f.lines_in_unit / nullif(f.lines, 0),
         case when f.lines_in_unit < f.lines then 'volume counts the ' || f.lines_in_unit || ' of ' || f.lines || ' lines in ' || f.volume_unit || ' (units are never added up)' end
  from facts f
  union all
  select 'growth', 17,
         case when f.compared = 0 then 'not_available' when f.compared < f.grain_periods - 1 then 'partial' else 'available' end,
         case when f.compared = 0 then 'history_too_short' when f.compared < f.grain_periods - 1 then 'earlier_periods_partial' end,
         'history', null,
         case when f.compared = 0 then 'not available: no ' || f.grain || ' has a complete ' || f.grain || ' before it in the data ('
                                     || f.months_covered || ' months from ' || f.coverage_start || ')'
              when f.compared < f.grain_periods - 1 then f.compared || ' of ' || f.grain_periods || ' periods have a comparison the data covers' end
  from facts f
  union all
  select 'window_growth', 18, case when f.window_compared then 'available' else 'not_available' end,
         case when not f.window_compared then 'history_too_short' end, 'history', null,
         case when not f.window_compared then 'not available: the data does not cover the window before the analysis window' end
  from facts f
  union all
  select 'cohorts', 19, 'available',
         case when f.cohort_grain <> f.grain then 'by_month' end, null, null,
         'cohorts by ' || f.cohort_grain || case when f.cohort_grain <> f.grain then ': the data covers ' || f.months_covered || ' months, fewer than two periods of the grain' else '' end
  from facts f
  union all
  select 'cohort_revenue_retention', 20,
         case when f.with_base > 0 then 'available' else 'not_available' end,
         case when f.with_base = 0 then 'history_too_short' end, 'history', null,
         case when f.with_base = 0 then 'not available: no cohort acquired after the data starts has a complete first period yet' end
  from facts f
  union all
  select 'lifecycle_change', 21,
         case when f.months_covered >= 24 then 'available' else 'not_available' end,
         case when f.months_covered < 24 then 'history_too_short' end, 'history', null,
         case when f.months_covered < 24 then 'decline and growth compare the last 12 months with the 12 before: the data covers '
                                             || f.months_covered || ' months' end
  from facts f
  union all
  -- potential is growth against the compared range: without it nobody is placed (the window's)
  select 'value_potential_matrix', 22, case when f.window_compared then 'available' else 'not_available' end,
         case when not f.window_compared then 'history_too_short' end, 'history', null,
         case when not f.window_compared then 'not available: potential is growth against the window before, which the data does not cover' end
  from facts f
)
select analysis, sort_order, status, reason, needs, coverage, detail from rows
