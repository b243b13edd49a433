-- Customer x rated period for every customer that has purchased by the period's covered end
-- (intermediate.customer_history): its state - the scorecard tier when it purchased in the
-- period, else `lost` (no purchase for lost_after_days, the one meaning of lost) or `inactive`
-- (silent this period but not lost yet: only at grains finer than the lost interval) - and the
-- figures the lifecycle rules test. Tier transitions, re-rating and lifecycle read it.
with rp as (
  select period, period_kind, period_start, period_end, is_partial, covered_end, compare_covered from staging.rating_periods
)
select
  h.period, rp.period_kind, rp.is_partial, h.customer_id,
  case when s.tier is not null then s.tier when h.is_lost then 'lost' else 'inactive' end as state,
  s.score, s.score_rank,
  coalesce(h.first_purchase_date between rp.period_start and rp.period_end and rp.compare_covered, false) as is_new,
  h.first_purchase_date, h.last_purchase_date, h.recency_days, h.tenure_days,
  -- whole months since the first purchase, as of the covered end
  (year(rp.covered_end) * 12 + month(rp.covered_end)) - (year(h.first_purchase_date) * 12 + month(h.first_purchase_date))
    - case when day(rp.covered_end) < day(h.first_purchase_date) then 1 else 0 end as tenure_months,
  h.tenure_days / 365.25 as tenure_years,
  coalesce(m.revenue, 0) as revenue,
  case when rp.compare_covered then h.previous_revenue end as previous_revenue,
  case when rp.compare_covered then staging.growth(coalesce(m.revenue, 0), h.previous_revenue) end as growth,
  coalesce(m.regularity, 0) as regularity,
  coalesce(m.purchases, 0) as purchases
from intermediate.customer_history h
join rp using (period)
left join marts.customer_metrics m using (period, customer_id)
left join marts.key_account_scorecard s using (period, customer_id)
where h.first_purchase_date <= rp.covered_end
