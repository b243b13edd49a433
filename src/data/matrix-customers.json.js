// The three matrices, one row per matrix with one list per column (marts.matrix_customers):
// customers' positions, cell, revenue and profit. Amounts to the yuan, rates to 4 decimals.
import { emit } from "./warehouse.js";

await emit(`
  select matrix,
         list(customer_id order by customer_id) as customer_id,
         list(round(x_value, case when abs(x_value) >= 100 then 0 else 4 end) order by customer_id) as x_value,
         list(round(y_value, case when abs(y_value) >= 100 then 0 else 4 end) order by customer_id) as y_value,
         list(cell order by customer_id) as cell,
         list(round(revenue) order by customer_id) as revenue,
         list(round(gross_profit) order by customer_id) as gross_profit
  from marts.matrix_customers
  group by matrix
  order by matrix`);
