// Without a customer export the customers table is derived from the order lines, so that every
// analysis can join to it: the id, the name on the latest order, and the attributes the lines carry
// (region, country, channel/segment, sales rep): per customer the most frequent value over its
// orders, a tie going to the value on the latest order (then the first in sort order). How many
// customers had several values, or a tie, is recorded in derived_attributes for the data quality
// page; the order lines keep their own values, so a region filter can follow the lines instead.
import type { Db } from "./duck.ts";
import { ident, lit } from "./duck.ts";

export const derivedAttributes = ["region", "country", "channel", "sales_rep"] as const;
export const attributeRule = "most frequent value over the customer's orders; a tie goes to the value on the latest order";

export async function deriveCustomers(db: Db): Promise<void> {
  const [{ n }] = await db.rows<{ n: number }>(`SELECT count(*) AS n FROM ingest_files WHERE table_name = 'customers'`);
  await db.exec(`DELETE FROM derived_attributes`);
  if (n) return;
  await db.exec(`DELETE FROM customers`);
  // The latest order is the largest (order_date, source_row); packed into one BIGINT (days * 2^32
  // + row, 1 <= row < 2^31) it orders the same and compares several times faster than a struct.
  const latest = `((order_date - DATE '1970-01-01') * 4294967296 + source_row)`;
  const [present] = await db.rows<Record<string, number>>(
    `SELECT ${derivedAttributes.map((a) => `count(${ident(a)}) AS ${ident(a)}`).join(", ")} FROM order_lines`,
  );
  const carried = derivedAttributes.filter((a) => present[a] > 0);
  for (const a of carried)
    await db.exec(
      `CREATE OR REPLACE TEMP TABLE ${ident(`kam_attr_${a}`)} AS
       WITH v AS (SELECT customer_id, ${ident(a)} AS value, count(DISTINCT order_id) AS orders, max(${latest}) AS last
                  FROM order_lines WHERE ${ident(a)} IS NOT NULL GROUP BY customer_id, ${ident(a)}),
       ranked AS (SELECT *, max(orders) OVER (PARTITION BY customer_id) AS top,
                         row_number() OVER (PARTITION BY customer_id ORDER BY orders DESC, last DESC, value) AS rn FROM v)
       SELECT customer_id, any_value(value) FILTER (rn = 1) AS value, count(*) AS n_values, count(*) FILTER (orders = top) AS n_top
       FROM ranked GROUP BY customer_id`,
    );
  const join = carried.map((a) => `LEFT JOIN ${ident(`kam_attr_${a}`)} ${ident(`a_${a}`)} USING (customer_id)`).join(" ");
  await db.exec(
    `INSERT INTO customers (customer_id, name, ${carried.map(ident).map((c) => `${c}, `).join("")}source_file, source_row)
     SELECT b.customer_id, b.name, ${carried.map((a) => `${ident(`a_${a}`)}.value, `).join("")}b.source_file, b.source_row
     FROM (SELECT customer_id, arg_max(customer_name, ${latest}) AS name, arg_max(source_file, ${latest}) AS source_file,
                  arg_max(source_row, ${latest}) AS source_row
           FROM order_lines GROUP BY customer_id) b ${join}
     ORDER BY b.customer_id`,
  );
  for (const a of carried) {
    await db.exec(
      `INSERT INTO derived_attributes
       SELECT ${lit(a)}, (SELECT count(*) FROM customers), count(*), count(*) FILTER (n_values > 1), count(*) FILTER (n_top > 1), ${lit(attributeRule)}
       FROM ${ident(`kam_attr_${a}`)}`,
    );
    await db.exec(`DROP TABLE ${ident(`kam_attr_${a}`)}`);
  }
}
