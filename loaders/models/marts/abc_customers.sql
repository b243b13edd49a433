-- ABC class of every active customer per measure and period: A while the cumulative share
-- before the customer is below abc_a (the customers that reach 80%), B below abc_b, else C.
with params as (select abc_a, abc_b from staging.params),
names as (select customer_id, customer_name from staging.customers)
select
  r.measure, r.period, r.customer_id, n.customer_name, r.value, r.share, r.cum_share, r.rank,
  case
    when r.value <= 0 or r.cum_share is null then 'C'
    when r.cum_share_before < p.abc_a - 1e-12 then 'A'
    when r.cum_share_before < p.abc_b - 1e-12 then 'B'
    else 'C'
  end as abc_class
from intermediate.concentration_ranked r
cross join params p
left join names n using (customer_id)
