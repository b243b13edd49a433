-- Payments received up to the analysis date (amounts DECIMAL, summed exactly).
with params as (select analysis_date from staging.params)
select pm.customer_id, pm.payment_date, cast(pm.amount as decimal(18,4)) as amount, pm.invoice_ref, pm.due_date
from main.payments pm, params p
where pm.payment_date <= p.analysis_date
