-- What the data holds, in one row: the dates the order lines span and which of the optional
-- inputs are there. A model that needs cost or payments reads this to say "unknown" (NULL)
-- instead of 0 when the exports do not carry them.
select
  min(l.order_date) as first_order_date,
  max(l.order_date) as last_order_date,
  count(*) as lines,
  count(l.cost) as lines_with_cost,
  count(l.cost) > 0 as cost_known,
  (select count(*) > 0 from staging.payments) as payments_known,
  (select count(*) > 0 from staging.visits) as visits_known,
  (select count(*) > 0 from staging.quality_claims) as claims_known
from staging.order_lines l
