// staging.customers: the registered customers with their attributes, plus every customer that
// appears only in the order lines, named from its lines and with no attributes.
import { expect, it } from "vitest";
import { modelled } from "./warehouse.ts";

it("adds the customers only the order lines know, once each, and keeps the registered ones' own names", async () => {
  const m = await modelled({
    lines: [["O1", "2024-03-01", "C1", 10], ["O2", "2024-03-02", "C2", 20], ["O3", "2024-04-02", "C2", 5], ["O4", "2024-04-03", "C3", 7]],
    customers: [{ id: "C1", name: "Registered One", region: "East" }, { id: "C9", name: "Never bought" }],
  });
  const rows = await m.rows(`select customer_id, customer_name, region from staging.customers order by customer_id`);
  m.close();
  expect(rows.map((r) => [r.customer_id, r.customer_name, r.region])).toEqual([
    ["C1", "Registered One", "East"],
    ["C2", "name C2", null],
    ["C3", "name C3", null],
    ["C9", "Never bought", null],
  ]);
});
