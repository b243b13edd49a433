-- The periodic re-rating (定期评判机制): from one period of the grain to the next, every customer
-- rated in either of them with its state before and after, whether it entered, left or stayed on
-- the key account list, whether it moved up or down the tiers (key > regular > potential >
-- watch > give_up), and the indicators that moved it: the change of each indicator's points in
-- the score (key_account_indicators.contribution; they add up to the score change), the three
-- largest first (indicators whose points did not change, or by less than the 0.1 a label shows,
-- are not drivers: "revenue -0.0" names nothing that moved the customer).
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
-- the change of each indicator's points for the customers rated in both periods of a pair (the
-- only ones whose score change has drivers): each of them has a row for every indicator of the
-- scorecard in both periods (an absent one without points), so an inner join pairs them, on the
-- indicator's position rather than its name (a full join of every period's indicator rows, 27M
-- a side at 100M lines, did not fit in 750 MB).
both_rated as (
  select period, previous_period, customer_id from moves where score is not null and previous_score is not null
),
points as (
  select br.period, br.customer_id, c.sort_order,
         coalesce(c.contribution, 0) - coalesce(p.contribution, 0) as points
  from both_rated br
  join marts.key_account_indicators c on c.period = br.period and c.customer_id = br.customer_id
  join marts.key_account_indicators p on p.period = br.previous_period and p.customer_id = br.customer_id and p.sort_order = c.sort_order
),
-- the three largest changes, largest first (ties: the scorecard's order), numbered per customer
-- and period and then turned into columns: every state of the aggregate a fixed-size number, so
-- that it spills to disk (a top-3 list per group, max_by(.., 3), did not at 100M lines); names and
-- labels are added to the customer's row at the end (joined as numbers: 2.5M customer periods'
-- texts as a join's build side did not fit)
ranked as (
  select period, customer_id, sort_order, points,
         row_number() over (partition by period, customer_id order by abs(points) desc, sort_order) as k
  from points
  where round(abs(points), 1) > 0
  qualify k <= 3
),
top3 as (
  select period, customer_id,
         max(sort_order) filter (where k = 1) as s1, max(points) filter (where k = 1) as driver_1_points,
         max(sort_order) filter (where k = 2) as s2, max(points) filter (where k = 2) as driver_2_points,
         max(sort_order) filter (where k = 3) as s3, max(points) filter (where k = 3) as driver_3_points
  from ranked
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
  i1.indicator as driver_1, t.driver_1_points,
  i2.indicator as driver_2, t.driver_2_points,
  i3.indicator as driver_3, t.driver_3_points,
  -- the three as one text, largest first (a missing driver's label is NULL, left out)
  case when t.s1 is not null then concat_ws(', ',
    staging.driver_label(i1.indicator, t.driver_1_points),
    staging.driver_label(i2.indicator, t.driver_2_points),
    staging.driver_label(i3.indicator, t.driver_3_points)) end as drivers
from moves m
left join tiers ta on ta.state = m.state
left join tiers tb on tb.state = m.previous_state
left join top3 t using (period, customer_id)
left join staging.scorecard_indicators i1 on i1.sort_order = t.s1
left join staging.scorecard_indicators i2 on i2.sort_order = t.s2
left join staging.scorecard_indicators i3 on i3.sort_order = t.s3
left join staging.customers c using (customer_id)
