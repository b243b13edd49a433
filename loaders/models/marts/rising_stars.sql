-- Rising stars (抓大不放小): per rated period, the small customers growing fast and for some
-- time - potential tier, outside the top rising_stars.small_share by revenue, growing by
-- min_growth or more against the compared range (which it bought in from its start: not the
-- ramp-up of a first period) and in the period before as well (for the window: the last
-- complete period of the grain), buying in at least min_regularity of the sub-periods - with
-- the evidence.
with p as (select rising_small_share, rising_min_growth, rising_min_regularity from staging.params),
rp as (select period, period_kind, previous_period, covered_end, is_partial, period_start from staging.rating_periods),
before as (
  select r.period,
         case when r.period_kind <> 'window' then r.previous_period
              else (select g.period from rp g where g.period_kind <> 'window' and not g.is_partial and g.covered_end <= r.covered_end
                    order by g.period_start desc limit 1) end as before_period
  from rp r
)
select
  s.period, s.customer_id, s.customer_name,
  row_number() over (partition by s.period order by m.growth desc, s.customer_id) as star_rank,
  m.revenue, m.previous_revenue, m.growth,
  b.before_period, pm.growth as before_growth,
  m.purchases, m.previous_purchases, m.regularity,
  s.revenue_rank, s.n_rated, s.score, s.score_rank, s.tier, s.tier_reason
from marts.key_account_scorecard s
join marts.customer_metrics m using (period, customer_id)
join before b using (period)
join marts.customer_metrics pm on pm.period = b.before_period and pm.customer_id = s.customer_id
cross join p
where s.tier = 'potential'
  and s.revenue_rank > ceil(s.n_rated * p.rising_small_share - 1e-9)
  and m.growth >= p.rising_min_growth
  and pm.growth >= p.rising_min_growth
  and m.regularity >= p.rising_min_regularity
  and m.first_purchase_date <= m.compare_start
