-- Lifecycle stage (客户生命周期) of every customer per rated period, as of the period's covered
-- end: `lost` first (no purchase for lost_after_days, the one meaning of lost), then the
-- configured rule list (staging.lifecycle_rules, config analysis.lifecycle.rules) in order: the
-- first rule whose conditions all hold gives the stage, and its conditions with the customer's
-- values give the reason - one list yields both.
with metrics as (
  select period, customer_id, metric, value
  from (select period, customer_id,
               cast(tenure_months as double) as tenure_months, tenure_years, growth,
               cast(recency_days as double) as recency_days, cast(revenue as double) as revenue,
               cast(previous_revenue as double) as previous_revenue, regularity, cast(purchases as double) as purchases
        from marts.customer_states where state <> 'lost')
  unpivot include nulls (value for metric in (tenure_months, tenure_years, growth, recency_days, revenue, previous_revenue, regularity, purchases))
),
conditions as (
  select m.period, m.customer_id, r.rule_no, r.stage, r.metric, r.op, r.value as threshold, m.value,
         coalesce(case r.op
           when '<' then m.value < r.value when '<=' then m.value <= r.value
           when '>' then m.value > r.value when '>=' then m.value >= r.value
           when '=' then m.value = r.value else m.value <> r.value end, false) as holds
  from metrics m join staging.lifecycle_rules r using (metric)
),
held as (
  select period, customer_id, rule_no from conditions group by all having bool_and(holds)
),
always as (
  select s.period, s.customer_id, r.rule_no
  from marts.customer_states s cross join staging.lifecycle_rules r
  where s.state <> 'lost' and r.metric is null
),
first_rule as (
  select period, customer_id, min(rule_no) as rule_no
  from (select * from held union all select * from always)
  group by all
),
-- the reason: the first rule's conditions with the customer's values, sorted as text (so by metric:
-- a space sorts before any letter of a longer metric's name); a list sorted afterwards, not an ordered
-- string_agg, which held every customer's rows in memory at once (100M lines: out of memory at 750 MB)
reasons as (
  select c.period, c.customer_id,
         array_to_string(list_sort(list(c.metric || ' ' || case when c.metric in ('growth', 'regularity') then cast(round(c.value, 3) as varchar)
                                            else cast(round(c.value, 1) as varchar) end
                    || ' ' || c.op || ' ' || cast(c.threshold as varchar))), ' and ') as reason
  from conditions c join first_rule f using (period, customer_id, rule_no)
  group by all
),
staged as (
  select f.period, f.customer_id, f.rule_no, r.stage, coalesce(rs.reason, 'no earlier rule applies') as reason
  from first_rule f
  join (select distinct rule_no, stage from staging.lifecycle_rules) r using (rule_no)
  left join reasons rs using (period, customer_id)
)
select
  s.period, s.period_kind, s.is_partial, s.customer_id, c.customer_name,
  case when s.state = 'lost' then 'lost' else f.stage end as stage,
  case when s.state = 'lost' then 'recency_days ' || s.recency_days || ' >= ' || p.lost_after_days || ' (lost)' else f.reason end as reason,
  case when s.state = 'lost' then null else f.rule_no end as rule_no,
  s.is_new, s.state, s.first_purchase_date, s.last_purchase_date, s.tenure_days, s.recency_days,
  s.revenue, s.previous_revenue, s.growth
from marts.customer_states s
cross join (select lost_after_days from staging.params) p
left join staged f using (period, customer_id)
left join staging.customers c using (customer_id)
