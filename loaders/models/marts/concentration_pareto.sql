-- The Pareto curve, downsampled for the page without losing its shape: the origin, the first
-- ten customers, one point per 1/120 of customers and per 1/60 of the value, the top-20%
-- point, the point reaching 80% and the last customer.
with summary as (
  select measure, period, top_n, n_to_target from marts.concentration_summary
),
ranked as (
  select r.measure, r.period, r.rank, r.n_customers, r.cum_customer_share, r.cum_share, r.cum_share_before,
         s.top_n, s.n_to_target
  from intermediate.concentration_ranked r
  join summary s using (measure, period)
  where r.cum_share is not null
),
kept as (
  select measure, period, rank, cum_customer_share, cum_share as cum_value_share,
         case when rank = n_to_target then 'target' when rank = top_n then 'top_share' end as marker
  from ranked
  where rank <= 10 or rank = n_customers or rank = top_n or rank = n_to_target
     or floor(rank * 120 / n_customers) <> floor((rank - 1) * 120 / n_customers)
     or floor(cum_share * 60) <> floor(cum_share_before * 60)
),
origins as (
  select distinct measure, period, 0 as rank, 0.0 as cum_customer_share, 0.0 as cum_value_share, null as marker
  from ranked
)
select * from origins
union all
select * from kept
