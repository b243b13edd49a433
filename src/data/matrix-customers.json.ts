// The three matrices, one row per customer and matrix (marts.matrix_customers).
import { emit } from "./warehouse.ts";

await emit(`select matrix, customer_id, x_value, y_value, cell, revenue, gross_profit from marts.matrix_customers order by matrix, customer_id`, "columns");
