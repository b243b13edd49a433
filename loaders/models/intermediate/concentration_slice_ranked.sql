-- Active customers of each concentration period ranked by each measure WITHIN each slice of
-- the customer base the report pages filter by (intermediate.customer_slices). The same rule as intermediate.concentration_ranked
-- (descending, ties by customer id, shares of the positive total, ABC by the share before the
-- customer), partitioned by slice as well; slice 'all' is the same ranking (a data test of
-- marts.concentration_slices compares the two).
with params as (select abc_a, abc_b, top_share from staging.params),
memberships as (select * from intermediate.customer_slices),
-- exact sums (DECIMAL) so that shares and running totals do not depend on the order DuckDB's
-- threads add them in: two builds give the same bytes
values_long as (
  select cp.period, cp.customer_id, m.measure, s.slice, s.region, s.industry, s.sales_rep,
         cast(cp.revenue as decimal(38, 4)) as revenue, cast(cp.gross_profit as decimal(38, 4)) as gross_profit,
         cast(cp.revenue_with_cost as decimal(38, 4)) as revenue_with_cost,
         cast(case m.measure when 'revenue' then cp.revenue when 'gross_profit' then cp.gross_profit else cp.volume end as decimal(38, 4)) as value
  from intermediate.customer_periods cp
  join staging.report_periods pe using (period)
  join memberships s using (customer_id)
  cross join (values ('revenue'), ('gross_profit'), ('volume')) m(measure)
  where cp.is_active
),
-- as in intermediate.concentration_ranked: a customer whose gross profit is unknown (no cost on
-- its lines) is not ranked by it
known as (select * from values_long where value is not null),
ranked as (
  select *,
         greatest(value, 0) as value_pos,
         row_number() over w_order as rank,
         count(*) over w as n_customers,
         sum(greatest(value, 0)) over w as total_positive,
         sum(value) over w as total,
         -- running sums in the ranking's own order (rank is its row number): one sort per
         -- partition for every window here, not a second one by rank
         sum(greatest(value, 0)) over w_running as running_positive,
         sum(value) over w_running as running_value
  from known
  window w as (partition by measure, period, slice, region, industry, sales_rep),
         w_order as (partition by measure, period, slice, region, industry, sales_rep order by value desc, customer_id),
         w_running as (w_order rows between unbounded preceding and current row)
),
shared as (
  select * exclude (running_positive, running_value),
         case when total_positive > 0 then cast(value_pos as double) / cast(total_positive as double) end as share,
         case when total_positive > 0 then cast(running_positive as double) / cast(total_positive as double) end as cum_share,
         -- the whale curve keeps the signs: cumulative value / net total
         case when total > 0 then cast(running_value as double) / cast(total as double) end as cum_signed_share
  from ranked
)
select s.*,
       coalesce(s.cum_share - s.share, 0) as cum_share_before,
       s.rank / s.n_customers as cum_customer_share,
       s.rank <= cast(ceil(s.n_customers * p.top_share - 1e-9) as integer) as in_top,
       case
         when s.value <= 0 or s.cum_share is null then 'C'
         when coalesce(s.cum_share - s.share, 0) < p.abc_a - 1e-12 then 'A'
         when coalesce(s.cum_share - s.share, 0) < p.abc_b - 1e-12 then 'B'
         else 'C'
       end as abc_class
from shared s
cross join params p
