-- A back-test of the tier dynamics: the last complete period of the grain projected from the
-- one before with the transition matrix and entries of the earlier complete pairs only (what the
-- model would have said then), against what happened. Per state: projected and actual customers
-- and shares; tv_distance (half the sum of the share differences, 0 = the same mix, 1 = disjoint)
-- is on every row. No rows when there is no earlier complete pair to learn from.
with target as (
  select period, previous_period from staging.rating_periods
  where period_kind <> 'window' and not is_partial and previous_period is not null
  order by period_start desc limit 1
),
base as (select previous_period as period from target),
earlier as (
  select t.* from marts.tier_transitions t
  where t.complete and t.pair <> 'pooled' and t.to_period <= (select period from base)
),
n_pairs as (select count(distinct pair) as n from earlier),
matrix as (
  select from_state, to_state, sum(n) / sum(sum(n)) over (partition by from_state) as share
  from earlier group by from_state, to_state
),
active(state, sort_order) as (
  select * from (values ('key', 1), ('regular', 2), ('potential', 3), ('watch', 4), ('give_up', 5), ('inactive', 6)) t(state, sort_order)
),
entries as (
  select a.state, coalesce(sum(e.n) filter (where e.from_state in ('new', 'lost')), 0) / nullif(any_value(np.n), 0) as customers
  from active a cross join n_pairs np left join earlier e on e.to_state = a.state
  group by a.state
),
start as (
  select s.state, count(*) as customers from marts.customer_states s
  where s.period = (select period from base) and s.state in (select state from active) group by s.state
),
projected as (
  select a.state, coalesce(sum(st.customers * m.share), 0) + any_value(e.customers) as customers
  from active a
  join entries e on e.state = a.state
  left join matrix m on m.to_state = a.state
  left join start st on st.state = m.from_state
  group by a.state
),
actual as (
  select a.state, count(s.customer_id) as customers
  from active a left join marts.customer_states s on s.state = a.state and s.period = (select period from target)
  group by a.state
),
compared as (
  select a.state, a.sort_order,
         p.customers as projected, ac.customers as actual,
         cast(round(p.customers, 6) as decimal(18,6)) / sum(cast(round(p.customers, 6) as decimal(18,6))) over () as projected_share,
         ac.customers / sum(ac.customers) over () as actual_share
  from active a join projected p using (state) join actual ac using (state)
)
select
  (select period from target) as period,
  (select period from base) as base_period,
  (select n from n_pairs) as n_pairs,
  state, sort_order,
  cast(round(projected, 6) as decimal(18,6)) as projected,
  actual,
  cast(round(projected - actual, 6) as decimal(18,6)) as difference,
  projected_share,
  actual_share,
  round(0.5 * sum(abs(projected_share - actual_share)) over (), 9) as tv_distance
from compared
where (select n from n_pairs) > 0
