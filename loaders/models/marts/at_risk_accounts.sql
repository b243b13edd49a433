-- Accounts at risk (流失预警), per rated period: the key and regular accounts (the scorecard tier
-- in the period, or in a period of the grain within the period before it, so that a recent stop
-- does not hide an account) that are not lost yet and whose purchases slip: recency beyond the
-- customer's own usual interval, falling frequency, falling value or falling collection rate
-- (config analysis.at_risk). Ranked by the revenue at stake: the larger of the period's revenue
-- and the compared range's (what the customer has been worth).
with p as (select * from staging.params),
watched as (
  select rv.period, s.customer_id,
         bool_or(s.tier = 'key') as was_key
  from staging.review_periods rv
  join marts.key_account_scorecard s on s.period = rv.reviewed_period
  where s.tier in ('key', 'regular')
  group by rv.period, s.customer_id
),
measured as (
  select w.period, w.customer_id, st.state, w.was_key as is_key_account,
         h.last_purchase_date, h.recency_days, h.typical_gap_days,
         h.recency_days / h.typical_gap_days as recency_ratio,
         h.purchases_recent, h.purchases_recent_before,
         case when h.purchases_recent_before > 0 then h.purchases_recent / h.purchases_recent_before end as frequency_ratio,
         coalesce(m.revenue, 0) as revenue,
         st.previous_revenue, st.growth,
         m.collection_rate, m.previous_collection_rate
  from watched w
  join marts.customer_states st using (period, customer_id)
  join intermediate.customer_history h using (period, customer_id)
  left join marts.customer_metrics m using (period, customer_id)
  where st.state <> 'lost'
),
flagged as (
  select m.*,
         m.recency_days >= p.risk_min_recency_days and coalesce(m.recency_ratio >= p.risk_recency_ratio, true) as recency_slips,
         coalesce(m.frequency_ratio <= p.risk_frequency_ratio, false) as frequency_slips,
         coalesce(m.growth <= -p.risk_value_drop, false) as value_slips,
         coalesce(m.collection_rate < p.min_collection_rate and m.collection_rate <= m.previous_collection_rate - p.risk_collection_drop, false) as collection_slips
  from measured m, p
),
at_risk as (
  select f.*, greatest(f.revenue, coalesce(f.previous_revenue, 0)) as revenue_at_stake
  from flagged f
  where f.recency_slips or f.frequency_slips or f.value_slips or f.collection_slips
)
select
  a.period, a.customer_id, c.customer_name, c.sales_rep, c.region, c.industry,
  a.state, a.is_key_account,
  row_number() over (partition by a.period order by a.revenue_at_stake desc, a.customer_id) as risk_rank,
  a.revenue_at_stake, a.revenue, a.previous_revenue, a.growth,
  a.last_purchase_date, a.recency_days, a.typical_gap_days, a.recency_ratio,
  a.purchases_recent, a.purchases_recent_before, a.frequency_ratio,
  a.collection_rate, a.previous_collection_rate,
  a.recency_slips, a.frequency_slips, a.value_slips, a.collection_slips,
  concat_ws('; ',
    case when a.recency_slips then 'no purchase for ' || a.recency_days || ' days'
      || coalesce(' (usually every ' || cast(round(a.typical_gap_days) as bigint) || ')', '') end,
    case when a.frequency_slips then a.purchases_recent || ' orders in the last ' || p.at_risk_frequency_months || ' months vs '
      || a.purchases_recent_before || ' before' end,
    case when a.value_slips then 'revenue ' || cast(round(100 * a.growth) as bigint) || '% against the compared range' end,
    case when a.collection_slips then 'collection ' || cast(round(100 * a.collection_rate) as bigint) || '% from '
      || cast(round(100 * a.previous_collection_rate) as bigint) || '%' end
  ) as reasons
from at_risk a
cross join p
left join staging.customers c using (customer_id)
