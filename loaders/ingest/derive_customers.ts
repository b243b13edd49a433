// Without a customer export the customers table is derived from the order lines (id and the
// name on the latest order), so that every analysis can join to it.
import type { Db } from "./duck.ts";

export async function deriveCustomers(db: Db): Promise<void> {
  const [{ n }] = await db.rows<{ n: number }>(`SELECT count(*) AS n FROM ingest_files WHERE table_name = 'customers'`);
  if (n) return;
  await db.exec(`DELETE FROM customers`);
  await db.exec(
    `INSERT INTO customers (customer_id, name, source_file, source_row)
     SELECT customer_id, arg_max(customer_name, (order_date, source_row)), arg_max(source_file, (order_date, source_row)), arg_max(source_row, (order_date, source_row))
     FROM order_lines GROUP BY customer_id ORDER BY customer_id`,
  );
}
