-- Key and regular accounts (the scorecard tier in the window, or in a period of the grain that
-- ends within the window or the window before: a recent stop must not hide an account) whose
-- recency or frequency is slipping (流失预警), for an executive to act on.
with w as (select * from staging.windows),
p as (select * from staging.params),
reviewed as (
  select g.period
  from staging.rating_periods g, staging.rating_periods wi
  where wi.period_kind = 'window' and g.period_kind <> 'window' and g.period_end >= wi.compare_start and g.period_start <= wi.period_end
  union all select 'window'
),
watched as (
  select distinct s.customer_id
  from marts.key_account_scorecard s
  where s.tier in ('key', 'regular') and s.period in (select period from reviewed)
),
history as (
  select o.customer_id,
         max(o.order_date) filter (where o.is_purchase) as last_purchase_date,
         -- the usual gap between purchase days, over the key period up to the last purchase
         (max(o.order_date) filter (where o.is_purchase) - min(o.order_date) filter (where o.is_purchase))
           / nullif(count(distinct o.order_date) filter (where o.is_purchase) - 1, 0) as typical_gap_days,
         count(*) filter (where o.is_purchase and o.order_date >= w.last6m_start) as orders_last_6m,
         count(*) filter (where o.is_purchase and o.order_date >= w.last4q_start and o.order_date < w.last6m_start) as orders_prev_6m
  from intermediate.orders o
  join watched k using (customer_id)
  cross join w
  where o.order_date >= w.key_start
  group by o.customer_id
),
measured as (
  select h.*, a.revenue_last_12m, a.revenue_prev_12m,
         w.analysis_date - h.last_purchase_date as recency_days,
         (w.analysis_date - h.last_purchase_date) / h.typical_gap_days as recency_ratio,
         case when h.orders_prev_6m > 0 then h.orders_last_6m / h.orders_prev_6m end as frequency_ratio
  from history h
  join intermediate.customer_activity a using (customer_id)
  cross join w
),
flagged as (
  select m.*,
         m.recency_days >= p.risk_min_recency_days and coalesce(m.recency_ratio >= p.risk_recency_ratio, true) as recency_slips,
         coalesce(m.frequency_ratio <= p.risk_frequency_ratio, false) as frequency_slips
  from measured m, p
)
select
  f.customer_id, c.customer_name, c.sales_rep, c.region, c.industry,
  f.revenue_prev_12m, f.revenue_last_12m, f.last_purchase_date, f.recency_days,
  f.typical_gap_days, f.recency_ratio, f.orders_last_6m, f.orders_prev_6m, f.frequency_ratio,
  concat_ws('; ',
    case when f.recency_slips then 'no purchase for ' || f.recency_days || ' days' end,
    case when f.frequency_slips then f.orders_last_6m || ' orders in the last 6 months vs ' || f.orders_prev_6m || ' before' end
  ) as reasons,
  greatest(f.revenue_prev_12m, f.revenue_last_12m) as revenue_at_stake
from flagged f
left join staging.customers c using (customer_id)
where f.recency_slips or f.frequency_slips
