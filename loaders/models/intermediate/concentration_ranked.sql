-- Active customers of each concentration period ranked by each measure (descending, ties by
-- customer id), with shares of the positive total: customers below zero count as zero, and the
-- ABC class: A while the cumulative share before the customer is below abc_a (the customers that
-- reach 80%), B below abc_b, else C (also every customer with value <= 0).
with params as (select abc_a, abc_b from staging.params),
values_long as (
  select cp.period, cp.customer_id, m.measure,
         case m.measure when 'revenue' then cp.revenue when 'gross_profit' then cp.gross_profit else cp.volume end as value
  from intermediate.customer_periods cp
  join staging.report_periods pe using (period)
  cross join (values ('revenue'), ('gross_profit'), ('volume')) m(measure)
  where cp.is_active
),
ranked as (
  select *,
         greatest(value, 0) as value_pos,
         row_number() over (partition by measure, period order by value desc, customer_id) as rank,
         count(*) over (partition by measure, period) as n_customers,
         sum(greatest(value, 0)) over (partition by measure, period) as total_positive
  from values_long
),
shared as (
  select *,
         case when total_positive > 0 then value_pos / total_positive end as share,
         case when total_positive > 0 then
           sum(value_pos) over (partition by measure, period order by rank rows between unbounded preceding and current row) / total_positive
         end as cum_share
  from ranked
),
positioned as (
  select s.*,
         coalesce(s.cum_share - s.share, 0) as cum_share_before,
         s.rank / s.n_customers as cum_customer_share
  from shared s
)
select r.*,
       case
         when r.value <= 0 or r.cum_share is null then 'C'
         when r.cum_share_before < p.abc_a - 1e-12 then 'A'
         when r.cum_share_before < p.abc_b - 1e-12 then 'B'
         else 'C'
       end as abc_class
from positioned r
cross join params p
