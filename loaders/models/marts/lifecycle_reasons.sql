-- The first lifecycle rule (staging.lifecycle_rules, config analysis.lifecycle.rules) each customer
-- that is not lost meets per rated period, and its reason: the rule's conditions with the customer's
-- values. Its own table, read by marts.lifecycle_stages: in one statement with that mart's joins the
-- conditions (held by two readers) and the joins' tables were in memory at once, which at 100M
-- lines did not fit the models' 750 MB.
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
select period, customer_id, rule_no, stage, reason from staged
