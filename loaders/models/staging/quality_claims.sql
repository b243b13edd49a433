-- Quality claims up to the analysis date (amounts DECIMAL, summed exactly).
with params as (select analysis_date from staging.params)
select q.customer_id, q.claim_date, cast(q.amount as decimal(18,4)) as amount
from main.quality_claims q, params p
where q.claim_date <= p.analysis_date
