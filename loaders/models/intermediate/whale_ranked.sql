-- Customers sorted by profit (descending, ties by id) per period, with cumulative profit as a
-- share of the total: gross profit over active customers, contribution (after cost to serve)
-- over every customer that sold or cost something in the period. Customers whose profit is
-- unknown (no cost on their lines) are left out; without any cost there is no whale curve.
with periods as (select period from staging.report_periods),
profits as (
  select 'gross_profit' as measure, period, customer_id, gross_profit as profit
  from intermediate.customer_periods join periods using (period)
  where is_active and gross_profit is not null
  union all
  select 'contribution', period, customer_id, contribution
  from intermediate.customer_periods join periods using (period)
  where contribution is not null
),
ranked as (
  select *,
         row_number() over (partition by measure, period order by profit desc, customer_id) as rank,
         count(*) over (partition by measure, period) as n_customers,
         sum(profit) over (partition by measure, period) as total_profit,
         sum(profit) over (partition by measure, period order by profit desc, customer_id
                           rows between unbounded preceding and current row) as cum_profit
  from profits
)
select *,
       rank / n_customers as cum_customer_share,
       case when total_profit > 0 then cum_profit / total_profit end as cum_profit_share
from ranked
