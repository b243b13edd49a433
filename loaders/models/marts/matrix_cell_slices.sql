-- Per matrix, slice of the customer base (intermediate.customer_slices) and cell: customers,
-- revenue and gross profit and their shares within the slice, for the segments page's
-- filters. Every cell of a slice that has customers is present (zeros when empty); slice
-- 'all' equals marts.matrix_cells (a data test checks).
-- exact sums (DECIMAL): the same bytes whatever order DuckDB's threads add in
with members as (
  select mc.matrix, mc.cell, cast(mc.revenue as decimal(38, 4)) as revenue, cast(mc.gross_profit as decimal(38, 4)) as gross_profit,
         s.slice, s.region, s.industry, s.sales_rep
  from marts.matrix_customers mc
  join intermediate.customer_slices s using (customer_id)
  where mc.period = 'window' -- the matrices are per period; the segments page shows the window's
),
slices as (
  select distinct matrix, slice, region, industry, sales_rep from members
),
totals as (
  select matrix, slice, region, industry, sales_rep,
         count(*) as n, sum(revenue) as revenue, sum(gross_profit) as gross_profit
  from members group by matrix, slice, region, industry, sales_rep
),
per_cell as (
  select matrix, slice, region, industry, sales_rep, cell,
         count(*) as n_customers, sum(revenue) as revenue, sum(gross_profit) as gross_profit
  from members group by matrix, slice, region, industry, sales_rep, cell
)
select s.matrix, s.slice, s.region, s.industry, s.sales_rep, c.cell,
       coalesce(pc.n_customers, 0) as n_customers,
       coalesce(pc.n_customers, 0) / t.n as customer_share,
       coalesce(pc.revenue, 0) as revenue,
       cast(coalesce(pc.revenue, 0) as double) / cast(nullif(t.revenue, 0) as double) as revenue_share,
       coalesce(pc.gross_profit, 0) as gross_profit,
       cast(coalesce(pc.gross_profit, 0) as double) / cast(nullif(t.gross_profit, 0) as double) as profit_share
from slices s
join marts.matrix_cells c on c.matrix = s.matrix and c.period = 'window'
join totals t on t.matrix = s.matrix and t.slice = s.slice and t.region is not distinct from s.region
  and t.industry is not distinct from s.industry and t.sales_rep is not distinct from s.sales_rep
left join per_cell pc on pc.matrix = s.matrix and pc.slice = s.slice and pc.region is not distinct from s.region
  and pc.industry is not distinct from s.industry and pc.sales_rep is not distinct from s.sales_rep and pc.cell = c.cell
