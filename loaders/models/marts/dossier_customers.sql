-- The customers that get a dossier page (/accounts/<slug>): every customer that was a key account
-- (scorecard tier `key`) in any rated period, every account at risk in the trailing window
-- (at_risk_accounts: key or regular) and every rising star of the window (rising_stars). One row per
-- customer; the pages' name links and the search box read this list (it is the index, so it stays
-- as small as the dossier set), the build writes the dossier routes from it and the dossier archive
-- loader writes one data file per row. At most analysis.max_dossiers customers (default 1000), the
-- most pressing first (key now, at risk, rising, then former key accounts by window revenue), so
-- that the site build stays bounded at any number of customers.
-- slug = the customer id when it is URL- and file-safe (letters, digits, _ and -, at most 64, and
-- no other id equal to it but for case), else 'x' + 16 hex digits of its md5 (stable across builds).
with c as (select * from staging.customers),
key_periods as (
  select customer_id, count(*) as key_periods,
         bool_or(period = 'window') as key_now
  from marts.key_account_scorecard where tier = 'key' group by customer_id
),
at_risk as (select customer_id from marts.at_risk_accounts where period = 'window'),
rising as (select customer_id from marts.rising_stars where period = 'window'),
members as (
  select customer_id from key_periods
  union select customer_id from at_risk
  union select customer_id from rising
),
window_state as (
  select customer_id, state, revenue from marts.customer_states where period = 'window'
),
named as (
  select m.customer_id, coalesce(c.customer_name, m.customer_id) as customer_name,
         c.region, c.industry, c.sales_rep,
         coalesce(k.key_now, false) as is_key,
         k.customer_id is not null as was_key,
         coalesce(k.key_periods, 0) as key_periods,
         m.customer_id in (select customer_id from at_risk) as is_at_risk,
         m.customer_id in (select customer_id from rising) as is_rising,
         s.state as window_state,
         coalesce(s.revenue, 0) as window_revenue,
         count(*) over (partition by lower(m.customer_id)) as same_but_case
  from members m
  left join c using (customer_id)
  left join key_periods k using (customer_id)
  left join window_state s using (customer_id)
),
ranked as (
  select n.*, row_number() over (
           order by n.is_key desc, n.is_at_risk desc, n.is_rising desc, n.window_revenue desc, n.key_periods desc, n.customer_id
         ) as dossier_rank
  from named n
)
select
  customer_id, customer_name,
  case when regexp_full_match(customer_id, '[A-Za-z0-9_-]{1,64}') and same_but_case = 1 then customer_id
       else 'x' || substr(md5(customer_id), 1, 16) end as slug,
  region, industry, sales_rep, is_key, was_key, key_periods, is_at_risk, is_rising, window_state, window_revenue
from ranked
where dossier_rank <= (select max_dossiers from staging.params)
order by customer_id
