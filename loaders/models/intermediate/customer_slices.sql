-- The slices of the customer base the report pages filter by, one row per customer and slice
-- it belongs to: all customers; its region; its industry; its sales rep (all of the rep's
-- customers, in every region); and two combinations: its region AND industry
-- ('region_industry') and its region AND sales rep ('region_sales_rep': the rep's customers in
-- that region, what a user who picked a region and then one of its reps expects). The key
-- columns not sliced on are NULL; a missing attribute is '(unknown)'. Every *_slices mart
-- groups by (slice, region, industry, sales_rep) of this model. Slices are bounded by the
-- regions, industries, reps and the region × industry / region × rep pairs that exist (each
-- customer is in exactly one pair of each), never by the number of customers. A combination's
-- additive figures add up to its region's (data tests of the marts).
with attributes as (
  select customer_id,
         coalesce(any_value(region), '(unknown)') as region,
         coalesce(any_value(industry), '(unknown)') as industry,
         coalesce(any_value(sales_rep), '(unknown)') as sales_rep
  from staging.customers group by customer_id
),
slice_kinds as (
  select * from (values ('all'), ('region'), ('industry'), ('sales_rep'), ('region_industry'), ('region_sales_rep')) s(slice)
)
select a.customer_id, k.slice,
       case when k.slice in ('region', 'region_industry', 'region_sales_rep') then a.region end as region,
       case when k.slice in ('industry', 'region_industry') then a.industry end as industry,
       case when k.slice in ('sales_rep', 'region_sales_rep') then a.sales_rep end as sales_rep
from attributes a cross join slice_kinds k
