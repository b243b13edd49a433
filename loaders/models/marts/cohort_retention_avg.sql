-- Retention curves over the acquired cohorts (the 'before_data' cohort is left out: it is
-- everyone already buying when the data starts), weighted by customers (logo) and by revenue
-- (NRR, GRR: the sum of the cohorts' revenue over the sum of their bases, not a mean of
-- ratios); periods still running (is_partial) are left out.
select
  period_offset,
  count(*) as n_cohorts,
  sum(cohort_size) as customers,
  sum(active_customers) / sum(cohort_size) as logo_retention,
  sum(revenue) filter (where nrr is not null) / sum(base_revenue) filter (where nrr is not null) as nrr,
  sum(revenue_kept) filter (where grr is not null) / sum(gross_base) filter (where grr is not null) as grr,
  sum(base_revenue) filter (where nrr is not null) as base_revenue
from marts.cohort_retention
where cohort_kind = 'acquired' and not is_partial
group by period_offset
