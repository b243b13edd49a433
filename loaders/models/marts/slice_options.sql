-- The choices of the pages' filters: every region, industry and sales rep with its number
-- of customers, and for a rep each region it serves (a region narrows the list of reps).
with a as (
  select customer_id,
         coalesce(any_value(region), '(unknown)') as region,
         coalesce(any_value(industry), '(unknown)') as industry,
         coalesce(any_value(sales_rep), '(unknown)') as sales_rep
  from staging.customers group by customer_id
)
select 'region' as dimension, region as value, null as region, count(*) as n_customers from a group by region
union all
select 'industry', industry, null, count(*) from a group by industry
union all
select 'sales_rep', sales_rep, region, count(*) from a group by sales_rep, region
