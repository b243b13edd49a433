-- The whale curve after cost to serve (measure contribution; gross profit's is drawn from
-- marts.concentration_slices), downsampled to a bounded number of points keeping its shape:
-- the origin, the first ten customers, one point per 1/120 of customers, one per 1/60 of the
-- peak on the way up and on the way down (steps of the peak, not of the total: a total near 0
-- would otherwise make thousands), the peak and the last customer.
with summary as (
  select measure, period, peak_rank, peak_share from marts.whale_summary
  where measure = 'contribution' and peak_share is not null
),
ranked as (
  select w.*, s.peak_rank, s.peak_share,
         coalesce(lag(w.cum_profit_share) over (partition by w.measure, w.period order by w.rank), 0) as share_before
  from intermediate.whale_ranked w
  join summary s using (measure, period)
),
kept as (
  select measure, period, rank, cum_customer_share, cum_profit_share,
         case when rank = peak_rank then 'peak' end as marker
  from ranked
  where rank <= 10 or rank = n_customers or rank = peak_rank
     or floor(rank * 120 / n_customers) <> floor((rank - 1) * 120 / n_customers)
     or floor(cum_profit_share / peak_share * 60) <> floor(share_before / peak_share * 60)
),
origins as (
  select distinct measure, period, 0 as rank, 0.0 as cum_customer_share, 0.0 as cum_profit_share, null as marker
  from ranked
)
select * from origins
union all
select * from kept
