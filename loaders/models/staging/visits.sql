-- Visits up to the analysis date.
with params as (select analysis_date from staging.params)
select v.customer_id, v.visit_date, v.visit_type, v.hours, v.cost
from main.visits v, params p
where v.visit_date <= p.analysis_date
