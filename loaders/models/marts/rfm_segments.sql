-- Segment sizes and their revenue, every configured segment listed even when empty.
with totals as (
  select count(*) as n, sum(monetary) as monetary from marts.rfm_customers
),
per_segment as (
  select segment, count(*) as n_customers, sum(monetary) as monetary,
         avg(recency_days) as avg_recency_days, avg(frequency) as avg_frequency, avg(monetary) as avg_monetary
  from marts.rfm_customers group by segment
),
segments as (
  select segment, min(sort_order) as sort_order, any_value(rule) as rule from staging.rfm_rules group by segment
  union all
  select 'unclassified', 1000, 'no rule matched'
  where exists (select 1 from marts.rfm_customers where segment = 'unclassified')
)
select
  s.segment, s.sort_order, s.rule,
  coalesce(ps.n_customers, 0) as n_customers,
  coalesce(ps.n_customers, 0) / nullif(t.n, 0) as customer_share,
  coalesce(ps.monetary, 0) as monetary,
  coalesce(ps.monetary, 0) / nullif(t.monetary, 0) as monetary_share,
  ps.avg_recency_days, ps.avg_frequency, ps.avg_monetary
from segments s
cross join totals t
left join per_segment ps using (segment)
