-- ABC class of every active customer per measure and period (the rule is in
-- intermediate.concentration_ranked).
with names as (select customer_id, customer_name from staging.customers)
select
  r.measure, r.period, r.customer_id, n.customer_name, r.value, r.share, r.cum_share, r.rank,
  r.abc_class
from intermediate.concentration_ranked r
left join names n using (customer_id)
