-- The Lorenz curve: the Pareto points seen from the smallest customers up
-- (x = 1 - Pareto x, y = 1 - Pareto y), from (0, 0) to (1, 1).
select
  measure, period,
  row_number() over (partition by measure, period order by rank desc) - 1 as point_no,
  1 - cum_customer_share as cum_customer_share,
  greatest(1 - cum_value_share, 0) as cum_value_share
from marts.concentration_pareto
