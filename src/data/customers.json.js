// One row per customer: name and the public attributes the filters use, as of the latest
// year (marts.customer_year). Never contacts, phones, e-mail or addresses.
import { emit } from "./warehouse.js";

await emit(
  `select customer_id, arg_max(customer_name, year) as customer_name, arg_max(region, year) as region,
          arg_max(industry, year) as industry, arg_max(sales_rep, year) as sales_rep
   from marts.customer_year group by customer_id order by customer_id`,
  "columns",
);
