-- Visits up to the analysis date (hours and cost DECIMAL, summed exactly).
with params as (select analysis_date from staging.params)
select v.customer_id, v.visit_date, v.visit_type, cast(v.hours as decimal(18,4)) as hours, cast(v.cost as decimal(18,4)) as cost
from main.visits v, params p
where v.visit_date <= p.analysis_date
