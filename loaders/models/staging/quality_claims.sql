-- Quality claims up to the analysis date.
with params as (select analysis_date from staging.params)
select q.customer_id, q.claim_date, q.amount
from main.quality_claims q, params p
where q.claim_date <= p.analysis_date
