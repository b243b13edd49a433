-- The whale curve in figures: how far cumulative profit climbs above the total before the
-- loss makers bring it back, how many customers lose money and how much they destroy.
with periods as (select * from staging.report_periods),
measures as (select * from (values ('gross_profit'), ('contribution')) m(measure)),
peaks as (
  select measure, period, max(cum_profit) as peak_profit from intermediate.whale_ranked group by all
),
per_period as (
  select measure, period,
         any_value(n_customers) as n_customers,
         any_value(total_profit) as total_profit,
         max(cum_profit_share) as peak_share,
         min(rank) filter (where cum_profit = peak_profit) as peak_rank,
         count(*) filter (where profit < 0) as n_loss_makers,
         coalesce(-sum(profit) filter (where profit < 0), 0) as profit_destroyed,
         coalesce(sum(profit) filter (where profit > 0), 0) as profit_of_profitable
  from intermediate.whale_ranked join peaks using (measure, period)
  group by measure, period
)
-- without any cost in the data, profit and loss makers are unknown (NULL), not "no loss maker";
-- the contribution also needs some part of the cost to serve (staging.coverage.cost_to_serve_known)
select
  m.measure, pe.period, pe.period_kind, pe.is_partial,
  coalesce(pp.n_customers, 0) as n_customers,
  case when cv.cost_known and (m.measure = 'gross_profit' or cv.cost_to_serve_known) then coalesce(pp.total_profit, 0) end as total_profit,
  pp.peak_share,
  case when pp.peak_share is not null then pp.peak_rank end as peak_rank,
  case when pp.peak_share is not null then pp.peak_rank / pp.n_customers end as peak_customer_share,
  case when cv.cost_known and (m.measure = 'gross_profit' or cv.cost_to_serve_known) then coalesce(pp.n_loss_makers, 0) end as n_loss_makers,
  case when cv.cost_known and (m.measure = 'gross_profit' or cv.cost_to_serve_known) then coalesce(pp.profit_destroyed, 0) end as profit_destroyed,
  case when cv.cost_known and (m.measure = 'gross_profit' or cv.cost_to_serve_known) then coalesce(pp.profit_of_profitable, 0) end as profit_of_profitable
from periods pe
cross join measures m
cross join staging.coverage cv
left join per_period pp on pp.measure = m.measure and pp.period = pe.period
