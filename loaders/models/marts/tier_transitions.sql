-- Tier dynamics (Markov): transitions of customers between states from one period of the grain
-- to the next. States: the five tiers, `inactive` (silent, not lost yet) and `lost` (no
-- purchase for lost_after_days); entry `new` (first purchase in the later period) as a state
-- to come from. Per pair of periods, and `pooled` over every pair of two complete periods (the
-- matrix tier_projection and the long-run mix use). Every cell of a state that occurs is
-- present, with the count behind it; a row's shares sum to 1.
with pairs as (
  select previous_period as from_period, period as to_period
  from staging.rating_periods where period_kind <> 'window' and previous_period is not null
),
complete_periods as (select period from staging.rating_periods where not is_partial),
moves as (
  select pr.from_period, pr.to_period, coalesce(b.state, 'new') as from_state, a.state as to_state,
         pr.from_period in (select period from complete_periods) and pr.to_period in (select period from complete_periods) as complete
  from pairs pr
  join marts.customer_states a on a.period = pr.to_period
  left join marts.customer_states b on b.period = pr.from_period and b.customer_id = a.customer_id
),
labelled as (
  select from_period || '-' || to_period as pair, from_period, to_period, complete, from_state, to_state from moves
  union all
  select 'pooled', null, null, true, from_state, to_state from moves where complete
),
states as (
  select * from (values ('new', 0), ('key', 1), ('regular', 2), ('potential', 3), ('watch', 4), ('give_up', 5), ('inactive', 6), ('lost', 7)) t(state, sort_order)
),
froms as (
  select pair, any_value(from_period) as from_period, any_value(to_period) as to_period, bool_and(complete) as complete, from_state, count(*) as n_from
  from labelled group by pair, from_state
),
counted as (
  select pair, from_state, to_state, count(*) as n from labelled group by all
)
select
  f.pair, f.from_period, f.to_period, f.complete, f.from_state, t.state as to_state,
  fs.sort_order as from_order, t.sort_order as to_order,
  coalesce(c.n, 0) as n,
  f.n_from,
  coalesce(c.n, 0) / f.n_from as share
from froms f
join states fs on fs.state = f.from_state
cross join states t
left join counted c on c.pair = f.pair and c.from_state = f.from_state and c.to_state = t.state
where t.state <> 'new'
