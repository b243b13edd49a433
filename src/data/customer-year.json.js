// Per customer per fiscal year: the compact table the browser filters and aggregates
// (marts.customer_year; amounts to the cent, columnar JSON to keep the file small).
import { emit } from "./warehouse.js";

await emit(
  `select customer_id, cast(year as integer) as year, round(revenue, 2) as revenue,
          round(gross_profit, 2) as gross_profit, round(volume, 3) as volume, orders
   from marts.customer_year order by customer_id, year`,
  "columns",
);
