-- The slices of the customer base the report pages filter by, one row per customer and slice
-- it belongs to: all customers; its region; its industry; its sales rep (all of the rep's
-- customers: picking a region narrows the list of reps, it does not split a rep). The key
-- columns not sliced on are NULL; a missing attribute is '(unknown)'. Every *_slices mart
-- groups by (slice, region, industry, sales_rep) of this model. Slices are bounded by the
-- number of regions, industries and reps, never by the number of customers.
with attributes as (
  select customer_id,
         coalesce(any_value(region), '(unknown)') as region,
         coalesce(any_value(industry), '(unknown)') as industry,
         coalesce(any_value(sales_rep), '(unknown)') as sales_rep
  from staging.customers group by customer_id
),
slice_kinds as (
  select * from (values ('all'), ('region'), ('industry'), ('sales_rep')) s(slice)
)
select a.customer_id, k.slice,
       case when k.slice = 'region' then a.region end as region,
       case when k.slice = 'industry' then a.industry end as industry,
       case when k.slice = 'sales_rep' then a.sales_rep end as sales_rep
from attributes a cross join slice_kinds k
