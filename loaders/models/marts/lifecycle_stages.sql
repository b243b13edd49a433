-- Lifecycle stage (客户生命周期) of every customer per rated period, as of the period's covered
-- end: `lost` first (no purchase for lost_after_days, the one meaning of lost), then the
-- configured rule list (staging.lifecycle_rules, config analysis.lifecycle.rules) in order: the
-- first rule whose conditions all hold gives the stage, and its conditions with the customer's
-- values give the reason - one list yields both (marts.lifecycle_reasons).
select
  s.period, s.period_kind, s.is_partial, s.customer_id, c.customer_name,
  case when s.state = 'lost' then 'lost' else f.stage end as stage,
  case when s.state = 'lost' then 'recency_days ' || s.recency_days || ' >= ' || p.lost_after_days || ' (lost)' else f.reason end as reason,
  case when s.state = 'lost' then null else f.rule_no end as rule_no,
  s.is_new, s.state, s.first_purchase_date, s.last_purchase_date, s.tenure_days, s.recency_days,
  s.revenue, s.previous_revenue, s.growth
from marts.customer_states s
cross join (select lost_after_days from staging.params) p
left join marts.lifecycle_reasons f using (period, customer_id)
left join staging.customers c using (customer_id)
