-- materialized: table
-- The periods of the cohort grain (staging.coverage.cohort_grain: the grain, or months when the
-- data covers fewer than two periods of it), numbered in time order: cohort offsets count these.
select pe.period, pe.period_start, pe.period_end, pe.is_partial, pe.coverage,
       row_number() over (order by pe.period_start) - 1 as period_index
from staging.periods pe, staging.coverage c
where pe.period_kind = c.cohort_grain
