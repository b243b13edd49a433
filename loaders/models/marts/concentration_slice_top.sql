-- The largest customers of each measure, period and slice (the top 10 of
-- intermediate.concentration_slice_ranked), for the concentration page's customer table:
-- a bounded list however many customers there are.
select r.measure, r.period, r.slice, r.region, r.industry, r.sales_rep, r.rank, r.customer_id,
       c.customer_name, c.region as customer_region, c.industry as customer_industry, c.sales_rep as customer_sales_rep,
       r.value, r.share, r.cum_share, r.abc_class
from intermediate.concentration_slice_ranked r
left join (select customer_id, any_value(customer_name) as customer_name, any_value(region) as region,
                  any_value(industry) as industry, any_value(sales_rep) as sales_rep
           from staging.customers group by customer_id) c using (customer_id)
where r.rank <= 10
