-- Recency (days since the last purchase ever), frequency (purchases in the window) and
-- monetary value (net revenue in the window, both from marts.customer_metrics) per customer with a purchase; quintile scores by
-- cume_dist so that ties share a score; segment = the first rule (in order) that matches.
with w as (select * from staging.windows),
p as (select rfm_new_days from staging.params),
in_window as (
  select customer_id, purchases as frequency, revenue as monetary
  from marts.customer_metrics where period = 'window' and is_active
),
base as (
  select a.customer_id, a.first_purchase_date, a.last_purchase_date,
         w.analysis_date - a.last_purchase_date as recency_days,
         coalesce(iw.frequency, 0) as frequency,
         coalesce(iw.monetary, 0) as monetary,
         a.purchases_total as orders_total,
         a.revenue_total,
         a.first_purchase_date > w.analysis_date - to_days(p.rfm_new_days) as is_new
  from intermediate.customer_activity a
  cross join w
  cross join p
  left join in_window iw using (customer_id)
  where a.first_purchase_date is not null
),
scored as (
  select *,
         cast(ceil(5 * cume_dist() over (order by recency_days desc)) as integer) as r_score,
         cast(ceil(5 * cume_dist() over (order by frequency)) as integer) as f_score,
         cast(ceil(5 * cume_dist() over (order by monetary)) as integer) as m_score
  from base
),
matched as (
  select s.customer_id, arg_min(r.segment, r.sort_order) as segment
  from scored s
  join staging.rfm_rules r
    on (r.segment = 'new' and s.is_new)
    or (r.segment <> 'new'
        and s.r_score between r.r_min and r.r_max
        and s.f_score between r.f_min and r.f_max
        and s.m_score between r.m_min and r.m_max)
  group by s.customer_id
)
select
  s.customer_id, n.customer_name, s.first_purchase_date, s.last_purchase_date, s.recency_days,
  s.frequency, s.monetary, s.r_score, s.f_score, s.m_score,
  cast(s.r_score as varchar) || cast(s.f_score as varchar) || cast(s.m_score as varchar) as rfm_code,
  coalesce(m.segment, 'unclassified') as segment,
  s.orders_total, s.revenue_total
from scored s
left join matched m using (customer_id)
left join staging.customers n using (customer_id)
