-- The periodic re-rating (定期评判机制): from one period of the grain to the next, every customer
-- rated in either of them with its state before and after, whether it entered, left or stayed on
-- the key account list, whether it moved up or down the tiers (key > regular > potential >
-- watch > give_up), and the indicators that moved it: the change of each indicator's points in
-- the score (key_account_indicators.contribution; they add up to the score change), the three
-- largest first (indicators whose points did not change are not drivers).
with pairs as (
  select previous_period, period from staging.rating_periods
  where period_kind <> 'window' and previous_period is not null
),
tiers(state, tier_order) as (
  select * from (values ('key', 1), ('regular', 2), ('potential', 3), ('watch', 4), ('give_up', 5)) t(state, tier_order)
),
moves as (
  select pr.period, pr.previous_period, a.customer_id,
         coalesce(b.state, 'new') as previous_state, a.state,
         b.score as previous_score, a.score, b.score_rank as previous_rank, a.score_rank
  from pairs pr
  join marts.customer_states a on a.period = pr.period
  left join marts.customer_states b on b.period = pr.previous_period and b.customer_id = a.customer_id
  where a.state in (select state from tiers) or b.state in (select state from tiers)
),
points as (
  select coalesce(c.period, pr.period) as period, coalesce(c.customer_id, p.customer_id) as customer_id,
         coalesce(c.indicator, p.indicator) as indicator, coalesce(c.sort_order, p.sort_order) as sort_order,
         coalesce(c.contribution, 0) - coalesce(p.contribution, 0) as points
  from marts.key_account_indicators c
  join pairs pr on pr.period = c.period
  full join (select i.*, pr2.period as next_period from marts.key_account_indicators i join pairs pr2 on pr2.previous_period = i.period) p
    on p.next_period = c.period and p.customer_id = c.customer_id and p.indicator = c.indicator
),
ranked as (
  select pt.*, row_number() over (partition by pt.period, pt.customer_id order by abs(pt.points) desc, pt.sort_order) as k
  from points pt
  join moves m using (period, customer_id)
  where m.score is not null and m.previous_score is not null and pt.points <> 0
  -- only the three largest are drivers
  qualify k <= 3
),
drivers as (
  select period, customer_id,
         max(indicator) filter (where k = 1) as driver_1, max(points) filter (where k = 1) as driver_1_points,
         max(indicator) filter (where k = 2) as driver_2, max(points) filter (where k = 2) as driver_2_points,
         max(indicator) filter (where k = 3) as driver_3, max(points) filter (where k = 3) as driver_3_points,
         -- the three as one text, largest first (labels from max() over one row each, not an ordered
         -- string_agg: that sorted every customer's rows at 10M lines)
         concat_ws(', ', max(label) filter (where k = 1), max(label) filter (where k = 2), max(label) filter (where k = 3)) as drivers
  from (select *, indicator || ' ' || case when points >= 0 then '+' else '' end || cast(round(points, 1) as varchar) as label from ranked)
  group by period, customer_id
)
select
  m.period, m.previous_period, m.customer_id, c.customer_name,
  m.previous_state, m.state,
  case when m.previous_state = 'key' and m.state = 'key' then 'stayed'
       when m.state = 'key' then 'entered'
       when m.previous_state = 'key' then 'left' end as key_change,
  case when m.previous_state = 'new' then 'new'
       when m.state in ('lost', 'inactive') then m.state
       when m.previous_state in ('lost', 'inactive') then 'returned'
       when ta.tier_order < tb.tier_order then 'up'
       when ta.tier_order > tb.tier_order then 'down'
       else 'same' end as tier_move,
  m.previous_score, m.score, m.score - m.previous_score as score_change,
  m.previous_rank, m.score_rank,
  d.driver_1, d.driver_1_points, d.driver_2, d.driver_2_points, d.driver_3, d.driver_3_points, d.drivers
from moves m
left join tiers ta on ta.state = m.state
left join tiers tb on tb.state = m.previous_state
left join drivers d using (period, customer_id)
left join staging.customers c using (customer_id)
