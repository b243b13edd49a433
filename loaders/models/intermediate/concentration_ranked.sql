-- Active customers of each concentration period ranked by each measure (descending, ties by
-- customer id), with shares of the positive total: customers below zero count as zero, and the
-- ABC class: A while the cumulative share before the customer is below abc_a (the customers that
-- reach 80%), B below abc_b, else C (also every customer with value <= 0). Values and their
-- running sums are exact DECIMALs; a share is one division of two of them (DOUBLE).
with params as (select abc_a, abc_b from staging.params),
values_long as (
  select cp.period, cp.customer_id, m.measure,
         case m.measure when 'revenue' then cp.revenue when 'gross_profit' then cp.gross_profit else cp.volume end as value
  from intermediate.customer_periods cp
  join staging.report_periods pe using (period)
  cross join (values ('revenue'), ('gross_profit'), ('volume')) m(measure)
  where cp.is_active
),
-- a customer whose gross profit is unknown (no cost on its lines) is not ranked by it
known as (select * from values_long where value is not null),
ranked as (
  select *,
         greatest(value, 0) as value_pos,
         row_number() over (partition by measure, period order by value desc, customer_id) as rank,
         count(*) over (partition by measure, period) as n_customers,
         sum(greatest(value, 0)) over (partition by measure, period) as total_positive
  from known
),
summed as (
  select *,
         sum(value_pos) over (partition by measure, period order by rank rows between unbounded preceding and current row) as cum_value
  from ranked
),
positioned as (
  select *,
         case when total_positive > 0 then value_pos / total_positive end as share,
         case when total_positive > 0 then cum_value / total_positive end as cum_share,
         case when total_positive > 0 then (cum_value - value_pos) / total_positive else 0 end as cum_share_before,
         rank / n_customers as cum_customer_share
  from summed
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
