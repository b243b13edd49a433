-- Segment sizes and their revenue, every configured segment listed even when empty.
with totals as (
  select count(*) as n, sum(monetary) as monetary from marts.rfm_customers
),
per_segment as (
  select segment, count(*) as n_customers, sum(monetary) as monetary,
         avg(recency_days) as avg_recency_days, avg(frequency) as avg_frequency, avg(monetary) as avg_monetary
  from marts.rfm_customers group by segment
),
-- the score ranges a rule asks for, e.g. "R 1-2, F 3-5" (full 1-5 ranges left out), so the
-- pages need not read them back out of the rule's free text
rule_scores as (
  select segment, sort_order, rule,
         nullif(concat_ws(', ',
           case when not (r_min = 1 and r_max = 5) then 'R ' || r_min || case when r_max > r_min then '-' || r_max else '' end end,
           case when not (f_min = 1 and f_max = 5) then 'F ' || f_min || case when f_max > f_min then '-' || f_max else '' end end,
           case when not (m_min = 1 and m_max = 5) then 'M ' || m_min || case when m_max > m_min then '-' || m_max else '' end end), '') as scores
  from staging.rfm_rules
),
segments as (
  select segment, min(sort_order) as sort_order, any_value(rule) as rule, any_value(scores) as scores from rule_scores group by segment
  union all
  select 'unclassified', 1000, 'no rule matched', null
  where exists (select 1 from marts.rfm_customers where segment = 'unclassified')
)
select
  s.segment, s.sort_order, s.rule, s.scores,
  coalesce(ps.n_customers, 0) as n_customers,
  coalesce(ps.n_customers, 0) / nullif(t.n, 0) as customer_share,
  coalesce(ps.monetary, 0) as monetary,
  coalesce(ps.monetary, 0) / nullif(t.monetary, 0) as monetary_share,
  ps.avg_recency_days, ps.avg_frequency, ps.avg_monetary
from segments s
cross join totals t
left join per_segment ps using (segment)
