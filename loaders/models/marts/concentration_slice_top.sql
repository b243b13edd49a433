-- The largest customers of each measure, period and slice (the top 10 of the ranking in
-- marts.concentration_slices: value descending, ties by customer id), for the concentration
-- page's customer table: a bounded list however many customers there are. The 10 are picked
-- per slice by a bounded aggregate (min_by with n = 10), not by sorting every customer.
with params as (select abc_a, abc_b from staging.params),
-- exact sums (DECIMAL), as in marts.concentration_slices
values_long as (
  select cp.period, cp.customer_id, m.measure, s.slice, s.region, s.industry, s.sales_rep,
         cast(case m.measure when 'revenue' then cp.revenue when 'gross_profit' then cp.gross_profit else cp.volume end as decimal(38, 4)) as value
  from intermediate.customer_periods cp
  join staging.report_periods pe using (period)
  join intermediate.customer_slices s using (customer_id)
  cross join (values ('revenue'), ('gross_profit'), ('volume')) m(measure)
  where cp.is_active
),
-- a customer whose gross profit is unknown (no cost on its lines) is not ranked by it
known as (select * from values_long where value is not null),
per_slice as (
  select measure, period, slice, region, industry, sales_rep,
         sum(greatest(value, 0)) as total_positive,
         -- the 10 smallest (-value, customer_id), in that order: the ranking's first 10
         min_by({customer_id: customer_id, value: value}, {neg_value: -value, customer_id: customer_id}, 10) as top
  from known
  group by measure, period, slice, region, industry, sales_rep
),
top as (
  select measure, period, slice, region, industry, sales_rep, total_positive,
         unnest(range(1, len(top) + 1)) as rank, unnest(top, recursive := true)
  from per_slice
),
ranked as (
  select *,
         greatest(value, 0) as value_pos,
         sum(greatest(value, 0)) over (partition by measure, period, slice, region, industry, sales_rep order by rank
                                       rows between unbounded preceding and current row) as running_positive
  from top
),
shared as (
  select *,
         case when total_positive > 0 then cast(value_pos as double) / cast(total_positive as double) end as share,
         case when total_positive > 0 then cast(running_positive as double) / cast(total_positive as double) end as cum_share
  from ranked
)
select r.measure, r.period, r.slice, r.region, r.industry, r.sales_rep, r.rank, r.customer_id,
       c.customer_name, c.region as customer_region, c.industry as customer_industry, c.sales_rep as customer_sales_rep,
       r.value, r.share, r.cum_share,
       case
         when r.value <= 0 or r.cum_share is null then 'C'
         when coalesce(r.cum_share - r.share, 0) < p.abc_a - 1e-12 then 'A'
         when coalesce(r.cum_share - r.share, 0) < p.abc_b - 1e-12 then 'B'
         else 'C'
       end as abc_class
from shared r
cross join params p
left join (select customer_id, any_value(customer_name) as customer_name, any_value(region) as region,
                  any_value(industry) as industry, any_value(sales_rep) as sales_rep
           from staging.customers group by customer_id) c using (customer_id)
