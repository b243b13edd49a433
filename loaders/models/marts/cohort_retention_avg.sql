-- Retention curves averaged over cohorts, weighted by cohort size; partial periods are left
-- out (a period still running would understate retention).
select
  period_offset,
  count(*) as n_cohorts,
  sum(cohort_size) as customers,
  sum(cohort_size * logo_retention) / sum(cohort_size) as logo_retention,
  sum(cohort_size * nrr) filter (where nrr is not null) / sum(cohort_size) filter (where nrr is not null) as nrr,
  sum(cohort_size * grr) filter (where grr is not null) / sum(cohort_size) filter (where grr is not null) as grr
from marts.cohort_retention
where not is_partial
group by period_offset
