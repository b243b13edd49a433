// Data loader (temporary first page): revenue per year and the ten largest customers, read
// from the warehouse's order_lines. Framework runs it at build time and publishes its JSON.
import fs from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { warehouseFile } from "../../loaders/paths.ts";

const db = warehouseFile();
if (!fs.existsSync(db)) {
  console.error(`hello.json: no warehouse at ${db}; run \`npm run build\` (or set KAM_DB)`);
  process.exit(1);
}

const instance = await DuckDBInstance.create(db, { access_mode: "READ_ONLY" });
const connection = await instance.connect();
const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS();

const byYear = await rows(`
  SELECT year(order_date)::INTEGER AS year,
         sum(amount)::DOUBLE AS revenue,
         count(DISTINCT customer_id)::INTEGER AS customers
  FROM order_lines
  GROUP BY ALL
  ORDER BY year`);

const topCustomers = await rows(`
  WITH per_customer AS (
    SELECT customer_id, min(customer_name) AS customer_name, sum(amount) AS revenue
    FROM order_lines
    GROUP BY customer_id
  )
  SELECT customer_id, customer_name, revenue::DOUBLE AS revenue,
         (revenue / sum(revenue) OVER ())::DOUBLE AS share
  FROM per_customer
  ORDER BY revenue DESC, customer_id
  LIMIT 10`);

connection.closeSync();
instance.closeSync();
process.stdout.write(JSON.stringify({ byYear, topCustomers }));
