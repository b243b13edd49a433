-- Order lines up to the analysis date, with gross profit and volume derived once.
with params as (
  select analysis_date, volume_unit from staging.params
)
select
  l.order_id,
  l.line_no,
  l.order_date,
  l.customer_id,
  l.quantity,
  l.unit,
  l.amount,
  l.amount - l.cost as gross_profit,            -- NULL when the cost is unknown
  case when l.unit = p.volume_unit then l.quantity else 0 end as volume,
  coalesce(l.discount, 0) as discount
from main.order_lines l, params p
where l.order_date <= p.analysis_date
