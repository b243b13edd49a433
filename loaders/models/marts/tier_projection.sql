-- Where the customer base is heading (Markov): the state mix of the last complete period of the
-- grain, projected one and two periods ahead and to the long run with the pooled transition
-- matrix (tier_transitions, pair = 'pooled'). Active states (the tiers and `inactive`) move by
-- the matrix Q; customers who reach `lost` leave; each period brings the mean number of entries e
-- of the pooled pairs (new customers and customers won back from lost) in their mean mix:
-- x(k+1) = x(k) Q + e. The long run is where entries and exits balance, x = e (I - Q)^-1 =
-- e (I + Q + Q^2 + ...), summed by repeated squaring (30 doublings: 2^30 periods); NULL when it
-- does not settle (Q^(2^30) not ~0, e.g. nobody was ever lost).
with recursive
active(state, sort_order) as (
  select * from (values ('key', 1), ('regular', 2), ('potential', 3), ('watch', 4), ('give_up', 5), ('inactive', 6)) t(state, sort_order)
),
q as (
  select t.from_state as i, t.to_state as j, t.share as v
  from marts.tier_transitions t
  where t.pair = 'pooled' and t.from_state in (select state from active) and t.to_state in (select state from active)
),
exit_share as (
  select from_state as state, share from marts.tier_transitions where pair = 'pooled' and to_state = 'lost'
),
pooled_pairs as (select count(distinct pair) as n from marts.tier_transitions where complete and pair <> 'pooled'),
entries as (
  select a.state, cast(coalesce(sum(t.n) filter (where t.from_state in ('new', 'lost')), 0) as double) / nullif(any_value(pp.n), 0) as customers
  from active a
  cross join pooled_pairs pp
  left join marts.tier_transitions t on t.pair = 'pooled' and t.to_state = a.state
  group by a.state
),
base_period as (
  select period from staging.rating_periods where period_kind <> 'window' and not is_partial
  order by period_start desc limit 1
),
x0 as (
  select a.state, cast(count(s.customer_id) as double) as customers
  from active a
  left join marts.customer_states s on s.state = a.state and s.period = (select period from base_period)
  group by a.state
),
-- one step of x(k+1) = x(k) Q + e, for k = 0 and 1
x1 as (
  select a.state, coalesce(sum(x.customers * q.v), 0) + any_value(e.customers) as customers
  from active a join entries e using (state) left join q on q.j = a.state left join x0 x on x.state = q.i
  group by a.state
),
x2 as (
  select a.state, coalesce(sum(x.customers * q.v), 0) + any_value(e.customers) as customers
  from active a join entries e using (state) left join q on q.j = a.state left join x1 x on x.state = q.i
  group by a.state
),
-- the long run by doubling: M(k+1) = M(k) M(k), S(k+1) = S(k) + S(k) M(k); S(0) = e, M(0) = Q
doubling(k, kind, i, j, v) as (
  select 0, 'M', i, j, v from q
  union all
  select 0, 'S', '_', state, customers from entries
  union all
  select d.k + 1, d.kind, d.i, m.j,
         sum(d.v * m.v) + coalesce(any_value(case when d.kind = 'S' then s.v end), 0)
  from doubling d
  join doubling m on m.k = d.k and m.kind = 'M' and m.i = d.j
  left join doubling s on d.kind = 'S' and s.k = d.k and s.kind = 'S' and s.j = m.j
  where d.k < 30
  group by d.k, d.kind, d.i, m.j
),
settled as (
  select coalesce(max(abs(v)) filter (where kind = 'M'), 0) <= 1e-12 as converged
  from doubling where k = 30
),
long_run as (
  select a.state, case when (select converged from settled) then coalesce(d.v, e.customers) end as customers
  from active a join entries e using (state) left join doubling d on d.k = 30 and d.kind = 'S' and d.j = a.state
),
mixes as (
  select 'actual' as horizon, 0 as step, * from x0 union all
  select 'next', 1, * from x1 union all
  select 'after_next', 2, * from x2 union all
  select 'long_run', null, * from long_run
),
rounded as (
  select horizon, step, state, cast(round(customers, 6) as decimal(18,6)) as customers from mixes
),
flows as (
  -- entries and expected exits of each projected step (exits = the mix before it x its exit shares)
  select h.horizon, h.step, 'new' as state, cast(round((select sum(customers) from entries), 6) as decimal(18,6)) as customers
  from (values ('next', 1), ('after_next', 2), ('long_run', null)) h(horizon, step)
  union all
  select h.horizon, h.step, 'lost',
         cast(round(sum(m.customers * coalesce(x.share, 0)), 6) as decimal(18,6))
  from (values ('next', 1, 'actual'), ('after_next', 2, 'next'), ('long_run', null, 'long_run')) h(horizon, step, before)
  join mixes m on m.horizon = h.before
  left join exit_share x on x.state = m.state
  group by h.horizon, h.step
)
select
  r.horizon, r.step, (select period from base_period) as base_period,
  r.state, coalesce(a.sort_order, case r.state when 'new' then 0 else 7 end) as sort_order,
  case when r.horizon = 'long_run' and not (select converged from settled) then null else r.customers end as customers,
  case when r.state in ('new', 'lost') then null
       when r.horizon = 'long_run' and not (select converged from settled) then null
       else cast(r.customers as double) / nullif(cast(sum(r.customers) filter (where r.state not in ('new', 'lost')) over (partition by r.horizon) as double), 0) end as share
from (select * from rounded union all select * from flows) r
left join active a using (state)
