-- The sub-periods purchase regularity counts, per rated period: those the data covers (at
-- least one of their days is in the data and up to the covered end).
select period, sub_no, min(day) as sub_start, max(day) as sub_end
from intermediate.rating_days
where in_period and in_data
group by period, sub_no
