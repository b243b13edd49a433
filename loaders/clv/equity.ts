// marts.customer_equity: customer equity (客户资产) = the sum of the customers' CLVs, in
// total and by region and industry (main.customers), by RFM segment (marts.rfm_customers)
// and by ABC class of window revenue (marts.abc_customers) when the core marts exist.
// Customers missing from a grouping's source are counted under "(unknown)" / "(none)", so
// every grouping adds up to the total.
import type { DuckDBConnection } from "@duckdb/node-api";
import { columnExists } from "./warehouse-inputs.ts";

interface Grouping {
  name: string;
  /** Column brought into `joined` (from the join) and the group value computed from it. */
  column?: string;
  value: string;
  join?: string;
}

/** Build the table; returns notes about groupings that were skipped. */
export async function buildCustomerEquity(con: DuckDBConnection): Promise<string[]> {
  const notes: string[] = [];
  const groupings: Grouping[] = [
    { name: "total", value: `'all'` },
    { name: "region", column: "c.region", value: `coalesce(region, '(unknown)')` },
    { name: "industry", column: "c.industry", value: `coalesce(industry, '(unknown)')` },
  ];
  if (await columnExists(con, "marts", "rfm_customers", "segment")) {
    groupings.push({
      name: "rfm_segment",
      column: "rfm.segment",
      value: `coalesce(segment, '(none)')`,
      join: `left join marts.rfm_customers rfm using (customer_id)`,
    });
  } else notes.push("marts.rfm_customers.segment not found: customer equity by RFM segment skipped");
  if (await columnExists(con, "marts", "abc_customers", "abc_class")) {
    groupings.push({
      name: "abc_class",
      column: "abc.abc_class",
      value: `coalesce(abc_class, '(none)')`,
      join: `left join (select customer_id, abc_class from marts.abc_customers
                         where measure = 'revenue' and period = 'window') abc using (customer_id)`,
    });
  } else notes.push("marts.abc_customers.abc_class not found: customer equity by ABC class skipped");

  const columns = groupings.flatMap((g) => (g.column ? [`, ${g.column}`] : [])).join("");
  const joins = groupings.flatMap((g) => (g.join ? [g.join] : [])).join("\n");
  const unions = groupings
    .map((g, i) => `select ${i} as grouping_order, '${g.name}' as grouping, ${g.value} as group_value, clv, expected_purchases, p_alive from joined`)
    .join("\n      union all\n      ");
  await con.run(`
    create or replace table marts.customer_equity as
    with joined as (
      select v.customer_id, v.clv, v.expected_purchases, v.p_alive ${columns}
        from marts.clv_customers v
        left join main.customers c using (customer_id)
        ${joins}
    ),
    grouped as (
      ${unions}
    ),
    total as (select sum(clv) as equity from marts.clv_customers)
    select grouping, group_value,
           count(*)::INTEGER as customers,
           sum(clv) as equity,
           sum(clv) / nullif(any_value(total.equity), 0) as equity_share,
           avg(clv) as mean_clv,
           sum(expected_purchases) as expected_purchases,
           avg(p_alive) as mean_p_alive,
           min(grouping_order) as grouping_order
      from grouped cross join total
     group by grouping, group_value
     order by grouping_order, equity desc, group_value`);
  return notes;
}
