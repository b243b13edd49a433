-- Order lines up to the analysis date, with gross profit and volume derived once. Money and
-- quantities are DECIMAL(18,4) from here on (whatever the warehouse column type), so that
-- every sum is exact and the same on every run and thread count.
with params as (
  select analysis_date, volume_unit from staging.params
)
select
  l.order_id,
  l.line_no,
  l.order_date,
  l.customer_id,
  l.product_id,
  cast(l.quantity as decimal(18,4)) as quantity,
  l.unit,
  cast(l.amount as decimal(18,4)) as amount,
  cast(l.cost as decimal(18,4)) as cost,                               -- NULL when unknown
  cast(l.amount as decimal(18,4)) - cast(l.cost as decimal(18,4)) as gross_profit, -- NULL when the cost is unknown
  case when l.unit = p.volume_unit then cast(l.quantity as decimal(18,4)) else 0 end as volume,
  coalesce(cast(l.discount as decimal(18,4)), 0) as discount
from main.order_lines l, params p
where l.order_date <= p.analysis_date
