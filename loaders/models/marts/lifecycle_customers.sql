-- Lifecycle stage (客户生命周期) of every customer with a purchase, as of the analysis date.
-- Rules in order (first match wins): lost, exploration, decline, formation, stability.
with w as (select * from staging.windows),
p as (select * from staging.params),
base as (
  select a.customer_id, a.first_purchase_date, a.last_purchase_date,
         w.analysis_date - a.first_purchase_date as tenure_days,
         w.analysis_date - a.last_purchase_date as recency_days,
         a.revenue_last_12m as revenue_last_4q,
         a.revenue_prev_12m as revenue_prev_4q,
         case when a.revenue_prev_12m > 0 then a.revenue_last_12m / a.revenue_prev_12m - 1 end as change,
         a.first_purchase_date > w.analysis_date - to_months(p.exploration_months) as is_recent
  from intermediate.customer_activity a
  cross join w
  cross join p
  where a.first_purchase_date is not null
)
select
  b.customer_id, n.customer_name,
  case
    when b.recency_days >= p.lost_after_days then 'lost'
    when b.is_recent then 'exploration'
    when b.change <= p.decline_change then 'decline'
    when b.tenure_days < p.stability_min_years * 365.25 or b.change >= p.formation_growth then 'formation'
    else 'stability'
  end as stage,
  b.first_purchase_date, b.last_purchase_date, b.tenure_days,
  b.revenue_last_4q, b.revenue_prev_4q, b.change,
  case
    when b.recency_days >= p.lost_after_days then 'no purchase for ' || b.recency_days || ' days'
    when b.is_recent then 'first purchase on ' || b.first_purchase_date
    when b.change <= p.decline_change then 'last 4 quarters ' || round(100 * b.change) || '% vs the 4 before'
    when b.tenure_days < p.stability_min_years * 365.25 then 'customer for ' || b.tenure_days || ' days'
    when b.change >= p.formation_growth then 'growing ' || round(100 * b.change) || '% a year'
    else 'steady for ' || b.tenure_days || ' days'
  end as reason
from base b
cross join p
left join staging.customers n using (customer_id)
