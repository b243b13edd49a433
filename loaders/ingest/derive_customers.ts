// Without a customer export the customers table is derived from the order lines (id and the
// name on the latest order), so that every analysis can join to it.
import type { Db } from "./duck.ts";

export async function deriveCustomers(db: Db): Promise<void> {
  const [{ n }] = await db.rows<{ n: number }>(`SELECT count(*) AS n FROM ingest_files WHERE table_name = 'customers'`);
  if (n) return;
  await db.exec(`DELETE FROM customers`);
  // The latest order is the largest (order_date, source_row); packed into one BIGINT (days * 2^32
  // + row, 1 <= row < 2^31) it orders the same and compares several times faster than a struct.
  const latest = `((order_date - DATE '1970-01-01') * 4294967296 + source_row)`;
  await db.exec(
    `INSERT INTO customers (customer_id, name, source_file, source_row)
     SELECT customer_id, arg_max(customer_name, ${latest}), arg_max(source_file, ${latest}), arg_max(source_row, ${latest})
     FROM order_lines GROUP BY customer_id ORDER BY customer_id`,
  );
}
