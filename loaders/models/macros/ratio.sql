-- A share or rate: a / b as DOUBLE when the base b is positive, else NULL (unknown, never 0).
-- Both are exact sums (DECIMAL); the division is the one place a DOUBLE appears.
create or replace macro staging.ratio(a, b) as
  case when b > 0 then cast(a as double) / cast(b as double) end
