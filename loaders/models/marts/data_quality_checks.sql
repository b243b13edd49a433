-- Business checks of the data (the data quality page): what share of the lines and of the
-- sales each issue touches. n of of_n items (lines or customers) are concerned, carrying
-- `amount` (money) = amount_share of gross sales (sum of positive line amounts) or, for
-- customers, of net revenue. status: ok (nothing found) | warn (figures are affected, or a
-- likely entry error) | info (worth knowing). rule: how the check decides, in English.
-- staging.order_lines is read four times, each a stream (not materialized: a copy of its 10M
-- lines held 1.5 GB at 10M): the line checks, the 99th percentile of line amounts, each product's
-- median price, the outliers. Both order statistics are found by sorting (a top-n, a window),
-- within DuckDB's memory limit: median() and quantile_disc() keep every value in memory outside
-- it (at 100M lines the build's memory 1.7 -> 3.1 GB).
with lines as not materialized (select * from staging.order_lines),
cv as (select * from staging.coverage),
line_checks as (
  select
    count(*) as lines,
    coalesce(sum(amount) filter (where amount > 0), 0) as gross_sales,
    coalesce(sum(amount), 0) as net_revenue,
    count(*) filter (where cost is null) as no_cost,
    coalesce(sum(amount) filter (where cost is null and amount > 0), 0) as no_cost_sales,
    count(*) filter (where line_type = 'return') as returns,
    coalesce(-sum(amount) filter (where line_type = 'return'), 0) as returned,
    count(*) filter (where amount = 0) as zero_lines,
    -- a return's negative cost is the cost coming back: only sale lines are checked
    count(*) filter (where line_type = 'sale' and cost < 0) as negative_cost,
    coalesce(sum(amount) filter (where line_type = 'sale' and cost < 0), 0) as negative_cost_sales,
    count(*) filter (where line_type = 'sale' and amount > 0 and cost > amount) as below_cost,
    coalesce(sum(cost - amount) filter (where line_type = 'sale' and amount > 0 and cost > amount), 0) as below_cost_loss,
    count(*) filter (where line_type = 'sale' and amount > 0 and quantity > 0 and product_id is not null) as priced_lines,
    count(*) filter (where line_type = 'sale' and amount > 0) as sale_lines
  from lines
),
-- line amounts far above the usual: more than 10x the 99th percentile of sale line amounts, the
-- ceil(0.99 n)-th smallest (quantile_disc's rule), found as the (n - that + 1)-th largest; widened
-- first: DECIMAL(18,4) x 10 overflows from a percentile of 10^13
amount_p99 as (
  select cast(amount as decimal(38,4)) * 10 as amount_cut
  from lines
  where line_type = 'sale' and amount > 0
  order by amount desc
  limit 1 offset (select sale_lines - cast(ceil(sale_lines * 0.99) as bigint) from line_checks)
),
-- one row (NULL without sale lines)
amount_cut as (select any_value(amount_cut) as amount_cut from amount_p99),
totals as (select lines, gross_sales, net_revenue from line_checks),
-- unit prices far from the product's usual price: more than 10x or less than a tenth of the
-- median price of the product's sale lines (products with at least 5 of them)
priced as not materialized (
  select product_id, amount,
         case when line_type = 'sale' and amount > 0 and quantity > 0 and product_id is not null then amount / quantity end as unit_price
  from lines
),
-- the median as median() computes it (the mean of the two middle values when n is even: lo + (hi -
-- lo) × 0.5, its own formula), from each product's prices in order
priced_order as (
  select product_id, unit_price,
         row_number() over (partition by product_id order by unit_price) as pos,
         count(*) over (partition by product_id) as n
  from priced where unit_price is not null
),
medians as (
  select product_id,
         any_value(unit_price) filter (where pos = (n + 1) // 2) as lo,
         any_value(unit_price) filter (where pos = n // 2 + 1) as hi,
         lo + (hi - lo) * 0.5 as median_price
  from priced_order
  where pos in ((n + 1) // 2, n // 2 + 1) and n >= 5
  group by product_id
),
outliers as (
  select
    count(*) filter (where m.median_price > 0 and (p.unit_price > 10 * m.median_price or p.unit_price < m.median_price / 10)) as price_n,
    coalesce(sum(p.amount) filter (where m.median_price > 0 and (p.unit_price > 10 * m.median_price or p.unit_price < m.median_price / 10)), 0) as price_amount,
    count(*) filter (where p.amount > lc.amount_cut) as amount_n,
    coalesce(sum(p.amount) filter (where p.amount > lc.amount_cut), 0) as amount_amount
  from priced p
  cross join amount_cut lc
  left join (select product_id, median_price from medians) m using (product_id)
),
price_outliers as (
  select o.price_n as n, o.price_amount as amount, lc.priced_lines as of_n from outliers o, line_checks lc
),
amount_outliers as (
  -- the cut is named only when some line is above it (as before: "(-)" otherwise)
  select o.amount_n as n, o.amount_amount as amount, case when o.amount_n > 0 then lc.amount_cut end as cut
  from outliers o, amount_cut lc
),
buyers as (
  select a.customer_id, a.revenue_total, a.first_purchase_date, c.region, c.industry, c.sales_rep
  from intermediate.customer_activity a
  left join staging.customers c using (customer_id)
),
customer_checks as (
  select count(*) as customers,
         count(*) filter (where region is null) as no_region,
         coalesce(sum(revenue_total) filter (where region is null), 0) as no_region_revenue,
         count(*) filter (where industry is null) as no_industry,
         coalesce(sum(revenue_total) filter (where industry is null), 0) as no_industry_revenue,
         count(*) filter (where sales_rep is null) as no_rep,
         coalesce(sum(revenue_total) filter (where sales_rep is null), 0) as no_rep_revenue,
         count(*) filter (where first_purchase_date is null) as returns_only,
         coalesce(sum(revenue_total) filter (where first_purchase_date is null), 0) as returns_only_revenue
  from buyers
),
after_date as (
  select count(*) as n, coalesce(sum(cast(amount as decimal(18,4))) filter (where amount > 0), 0) as amount
  from main.order_lines where order_date > (select analysis_date from staging.params)
),
-- postage, fees, adjustments: in the export, no revenue (staging.order_lines leaves them out)
non_product as (
  select count(*) as n, coalesce(sum(cast(amount as decimal(18,4))), 0) as amount
  from main.order_lines where line_type = 'non_product' and order_date <= (select analysis_date from staging.params)
),
checks as (
  select 'cost_coverage' as check_name, 1 as sort_order, lc.no_cost as n, t.lines as of_n, lc.no_cost_sales as amount, 'sales' as amount_of,
         case when lc.no_cost = 0 then 'ok' else 'warn' end as status,
         'order lines without a cost: gross profit and margin leave them out' as rule
  from line_checks lc, totals t
  union all
  select 'returns', 2, lc.returns, t.lines, lc.returned, 'sales', 'info',
         'return lines (credit notes, cancellations: line_type return): counted in net revenue, never as purchases or orders'
  from line_checks lc, totals t
  union all
  select 'zero_amount_lines', 3, lc.zero_lines, t.lines, 0, 'sales', case when lc.zero_lines = 0 then 'ok' else 'info' end,
         'lines with an amount of 0 (free goods, samples, or a missing amount)'
  from line_checks lc, totals t
  union all
  select 'negative_cost', 4, lc.negative_cost, t.lines, lc.negative_cost_sales, 'sales', case when lc.negative_cost = 0 then 'ok' else 'warn' end,
         'sale lines with a cost below 0: likely an entry error'
  from line_checks lc, totals t
  union all
  select 'sold_below_cost', 5, lc.below_cost, t.lines, lc.below_cost_loss, 'sales', case when lc.below_cost = 0 then 'ok' else 'info' end,
         'sale lines whose cost exceeds their amount; amount = the loss on them'
  from line_checks lc, totals t
  union all
  select 'price_outliers', 6, po.n, po.of_n, po.amount, 'sales', case when po.n = 0 then 'ok' else 'warn' end,
         'sale lines whose unit price (amount / quantity) is more than 10x or under a tenth of the median price of the same product (products with 5 or more sale lines)'
  from price_outliers po
  union all
  select 'amount_outliers', 7, ao.n, t.lines, ao.amount, 'sales', case when ao.n = 0 then 'ok' else 'info' end,
         'lines whose amount is more than 10x the 99th percentile of sale line amounts (' || coalesce(cast(round(ao.cut, 2) as varchar), '-') || ')'
  from amount_outliers ao, totals t
  union all
  select 'customers_without_region', 8, cc.no_region, cc.customers, cc.no_region_revenue, 'revenue', case when cc.no_region = 0 then 'ok' else 'warn' end,
         'customers with order lines but no region: the region filter leaves them out'
  from customer_checks cc
  union all
  select 'customers_without_industry', 9, cc.no_industry, cc.customers, cc.no_industry_revenue, 'revenue', case when cc.no_industry = 0 then 'ok' else 'warn' end,
         'customers with order lines but no industry: the industry filter leaves them out'
  from customer_checks cc
  union all
  select 'customers_without_sales_rep', 10, cc.no_rep, cc.customers, cc.no_rep_revenue, 'revenue', case when cc.no_rep = 0 then 'ok' else 'warn' end,
         'customers with order lines but no sales rep: no owner to act on them'
  from customer_checks cc
  union all
  select 'customers_returns_only', 11, cc.returns_only, cc.customers, cc.returns_only_revenue, 'revenue', case when cc.returns_only = 0 then 'ok' else 'info' end,
         'customers with order lines but no purchase up to the analysis date (returns only)'
  from customer_checks cc
  union all
  select 'non_product_lines', 12, np.n, t.lines + np.n, np.amount, 'sales', case when np.n = 0 then 'ok' else 'info' end,
         'lines of no product (the sources'' non_product product ids: postage, fees, adjustments): no revenue, left out of every figure'
  from non_product np, totals t
  union all
  select 'lines_after_analysis_date', 13, ad.n, t.lines + ad.n, ad.amount, 'sales', case when ad.n = 0 then 'ok' else 'info' end,
         'order lines dated after the analysis date: left out of every figure'
  from after_date ad, totals t
)
select
  c.check_name, c.sort_order, c.status, c.n, c.of_n,
  c.n / nullif(c.of_n, 0) as share,
  c.amount,
  case when c.amount_of = 'sales' then c.amount / nullif(t.gross_sales, 0) else c.amount / nullif(t.net_revenue, 0) end as amount_share,
  c.amount_of, c.rule
from checks c, totals t
