-- The whale curve downsampled like the Pareto curve, keeping the peak.
with summary as (
  select measure, period, peak_rank from marts.whale_summary where peak_share is not null
),
ranked as (
  select w.*, s.peak_rank,
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
     or floor(cum_profit_share * 60) <> floor(share_before * 60)
),
origins as (
  select distinct measure, period, 0 as rank, 0.0 as cum_customer_share, 0.0 as cum_profit_share, null as marker
  from ranked
)
select * from origins
union all
select * from kept
