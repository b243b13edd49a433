-- Key accounts for attention: ABC class A by revenue over the last key_months (long enough
-- that a recent stop does not hide the account).
with w as (select * from staging.windows),
p as (select abc_a from staging.params),
revenue as (
  select o.customer_id, sum(o.revenue) as revenue
  from intermediate.orders o, w
  where o.order_date >= w.key_start
  group by o.customer_id
  having sum(o.revenue) > 0
),
ranked as (
  select *,
         sum(revenue) over (order by revenue desc, customer_id rows between unbounded preceding and 1 preceding)
           / sum(revenue) over () as cum_share_before
  from revenue
)
select r.customer_id, r.revenue as key_revenue
from ranked r, p
where coalesce(r.cum_share_before, 0) < p.abc_a - 1e-12
