-- Order lines up to the analysis date, with gross profit and volume derived once. Money and
-- quantities are DECIMAL(18,4) (exact sums, the same on every run and thread count).
-- line_type (set by the ingest): a `return` (credit note, cancellation) counts in net revenue
-- with its amount, cost and quantity negative whatever sign the export wrote them with (a
-- credit note by prefix may carry a positive amount), and is never a purchase; a
-- `non_product` line (postage, fees, adjustments) is no revenue and is left out here
-- (marts.data_quality_checks counts it).
with params as (
  select analysis_date, volume_unit from staging.params
),
typed as (
  select l.*,
         case when l.line_type = 'return' then -1 else 1 end as sign
  from main.order_lines l, params p
  where l.order_date <= p.analysis_date and l.line_type <> 'non_product'
),
signed as (
  select t.*,
         cast(case when t.sign = -1 then -abs(t.quantity) else t.quantity end as decimal(18,4)) as s_quantity,
         cast(case when t.sign = -1 then -abs(t.amount) else t.amount end as decimal(18,4)) as s_amount,
         cast(case when t.sign = -1 then -abs(t.cost) else t.cost end as decimal(18,4)) as s_cost
  from typed t
)
select
  l.order_id,
  l.line_no,
  l.order_date,
  l.customer_id,
  l.product_id,
  l.product_category,                                  -- NULL when the export has none
  l.line_type,
  l.s_quantity as quantity,
  l.unit,
  l.s_amount as amount,
  l.s_cost as cost,                                   -- NULL when unknown
  l.s_amount - l.s_cost as gross_profit,              -- NULL when the cost is unknown
  case when l.unit = p.volume_unit then l.s_quantity else 0 end as volume,
  coalesce(cast(l.discount as decimal(18,4)), 0) as discount
from signed l, params p
