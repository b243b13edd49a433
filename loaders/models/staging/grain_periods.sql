-- The periods of the configured grain, numbered in time order (cohort offsets count these).
with params as (select grain from staging.params)
select pe.period, pe.period_start, pe.period_end, pe.is_partial,
       row_number() over (order by pe.period_start) - 1 as period_index
from staging.periods pe, params p
where pe.period_kind = p.grain
