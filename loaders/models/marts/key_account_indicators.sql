-- The key account scorecard (评价标准) in long form: per period, rated customer (a purchase in
-- the period) and indicator, the raw value from marts.customer_metrics, its 0-100 score within
-- the period and its weight. An indicator without a value for the customer is absent: its weight
-- goes to the customer's other indicators (effective_weight = weight / the weights present).
-- Exact where it matters for byte-identical rebuilds: weights are DECIMAL, a score is rounded
-- to 6 decimals before it is weighted, so the sums that make a total score are exact.
with cfg as (
  select sort_order, indicator, cast(weight as decimal(10,9)) as weight, direction, scaling, range_low, range_high
  from staging.scorecard_indicators
),
rated as (select * from marts.customer_metrics where is_rated),
wide as (
  select period, customer_id,
         cast(volume as double) as contract_volume,
         price_index as unit_price,
         cast(revenue as double) as revenue,
         collection_rate,
         cast(gross_profit as double) as profit,
         claims_share as quality_losses,
         cast(industry_influence as double) as industry_influence,
         cast(case credit_rating when 'A' then 4 when 'B' then 3 when 'C' then 2 when 'D' then 1 end as double) as credit,
         growth,
         regularity as sustained_purchasing
  from rated
),
long as (
  select period, customer_id, indicator, value
  from wide unpivot include nulls (value for indicator in (
    contract_volume, unit_price, revenue, collection_rate, profit, quality_losses, industry_influence, credit, growth, sustained_purchasing))
),
-- the percentile of a value is (customers below + half of those tied) / customers with a value:
-- one window over the period's and indicator's values in their order, the customers without a
-- value last (rank = those below + 1, a row's peers = those tied; count, min and max skip NULL)
ranked as (
  select *,
         cast(rank() over w - 1 as hugeint) as n_below,
         count(*) over (w range between current row and current row) as n_tied,
         count(value) over (partition by period, indicator) as n_valued,
         min(value) over (partition by period, indicator) as min_value,
         max(value) over (partition by period, indicator) as max_value
  from long
  window w as (partition by period, indicator order by value asc nulls last)
),
scaled as (
  select l.period, l.customer_id, l.indicator, l.value, c.sort_order, c.weight, c.direction, c.scaling,
         l.n_valued,
         case when l.value is null then null
              when c.scaling = 'percentile' then 100.0 * (l.n_below + 0.5 * l.n_tied) / cast(l.n_valued as hugeint)
              when c.scaling = 'minmax' then case when l.max_value = l.min_value then 50.0 else 100.0 * (l.value - l.min_value) / (l.max_value - l.min_value) end
              else 100.0 * least(1.0, greatest(0.0, (l.value - c.range_low) / (c.range_high - c.range_low)))
         end as higher_score
  from ranked l
  join cfg c using (indicator)
),
weighted as (
  select *,
         cast(case when direction = 'lower' then 100 - higher_score else higher_score end as decimal(9,6)) as score
  from scaled
),
present_weights as (
  select period, customer_id, sum(case when score is not null then weight else 0 end) as present_weight
  from weighted group by period, customer_id
),
present as (
  select w.*, pw.present_weight from weighted w join present_weights pw using (period, customer_id)
)
select
  period, customer_id, indicator, sort_order, value, score, direction, scaling,
  weight,
  score is null as is_absent,
  case when score is not null and present_weight > 0 then cast(weight as double) / cast(present_weight as double) end as effective_weight,
  case when score is not null then weight * score end as weighted_score,
  present_weight,
  case when score is not null and present_weight > 0 then cast(weight * score as double) / cast(present_weight as double) end as contribution,
  n_valued
from present
