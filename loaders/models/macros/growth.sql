-- Growth of a value against the value it is compared with: cur / prev - 1 when the earlier
-- value is positive, else NULL (a customer with nothing before has no growth rate).
create or replace macro staging.growth(cur, prev) as
  case when prev > 0 then cast(cur as double) / cast(prev as double) - 1 end
