// Per customer per fiscal year: the compact table the browser filters and aggregates.
import { emit } from "./warehouse.ts";

await emit(`select customer_id, year, revenue, gross_profit, volume, orders from marts.customer_year order by customer_id, year`, "columns");
