-- A re-rating driver as text: the indicator and its change of points, signed, to one decimal
-- ("revenue +57.5"); NULL when there is no such driver.
create or replace macro staging.driver_label(indicator, points) as
  indicator || ' ' || case when points >= 0 then '+' else '' end || cast(round(points, 1) as varchar)
