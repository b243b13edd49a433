-- Calendar of the rated periods (staging.rating_periods): one row per period and day from the
-- earliest day any of its measures looks at to its covered end, saying which measures count
-- that day. Models join facts to it on the date (a hash join) instead of joining date ranges:
-- - in_period: the day is in the period (up to the covered end); sub_no is its sub-period
--   for purchase regularity (quarters of a year or of the window, months when the window is
--   not whole quarters; months of a quarter; days 1-7, 8-14, 15-21, 22-end of a month);
-- - in_compare: the day is in the range the period is compared with;
-- - is_due: an invoice of that day is due (dated up to due_end); compare_due / compare_asof:
--   the same one period earlier, for the compared range's collection rate;
-- - in_gap_range: the day is in the at_risk.gap_months before the covered end (usual gap);
-- - in_recent / in_recent_before: the day is in the at_risk.frequency_months up to the covered
--   end / in the as many months before them (is the customer buying less often lately?).
with p as (select at_risk_gap_months, at_risk_frequency_months from staging.params),
rp as (
  select rp.*,
         cast(rp.covered_end - to_months(p.at_risk_gap_months) + interval 1 day as date) as gap_start,
         cast(rp.covered_end - to_months(p.at_risk_frequency_months) + interval 1 day as date) as recent_start,
         cast(rp.covered_end - to_months(2 * p.at_risk_frequency_months) + interval 1 day as date) as recent_before_start
  from staging.rating_periods rp, p
),
days as (
  select rp.*, cast(unnest(generate_series(least(compare_start, gap_start, recent_before_start), covered_end, interval 1 day)) as date) as day
  from rp
)
select
  period, day,
  day >= period_start as in_period,
  case when day < period_start then null
       when period_kind = 'month' then least(3, (day(day) - 1) // 7)
       when period_kind = 'quarter' or months % 3 <> 0 then
         (year(day) * 12 + month(day)) - (year(period_start) * 12 + month(period_start)) - (case when day(day) < day(period_start) then 1 else 0 end)
       else ((year(day) * 12 + month(day)) - (year(period_start) * 12 + month(period_start)) - (case when day(day) < day(period_start) then 1 else 0 end)) // 3
  end as sub_no,
  coalesce(day between compare_start and compare_end, false) as in_compare,
  day <= due_end as is_due,
  -- the compared range's invoices judged as they stood one period earlier: due by then, and
  -- paid by then (compare_asof), so that its collection rate compares like with like
  coalesce(day between compare_start and compare_end, false) and day <= cast(due_end - to_months(months) as date) as compare_due,
  cast(covered_end - to_months(months) as date) as compare_asof,
  day >= gap_start as in_gap_range,
  day >= recent_start as in_recent,
  day >= recent_before_start and day < recent_start as in_recent_before,
  day >= data_start as in_data
from days
