-- The executive summary's figures per fiscal year: marts.kpi_period's rows of kind 'year'
-- under the names the pages read. Growth compares the ranges kpi_period compares (the same
-- months of the year before when this year is cut short; NULL when the data does not cover
-- the earlier range, with comparison_reason).
select
  period as year, period_start as year_start, period_end as year_end, is_partial, coverage,
  revenue, gross_profit, gross_margin, volume, orders, customers, new_customers, lost_customers,
  comparison_basis, previous_revenue, revenue_growth, comparison_reason
from marts.kpi_period
where period_kind = 'year'
