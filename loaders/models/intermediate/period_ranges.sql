-- The date ranges the KPIs and the revenue bridge compare, per period of staging.periods:
-- 'current' = the period up to the analysis date; 'compare' = the range it is compared with
-- (the whole previous period, its same months when this one is cut short, or the window
-- before), present only when the data covers it entirely (staging.periods).
select period, 'current' as role, period_start as range_start, least(period_end, (select analysis_date from staging.params)) as range_end
from staging.periods
union all
select period, 'compare', compare_start, compare_end
from staging.periods
where comparison_basis is not null
