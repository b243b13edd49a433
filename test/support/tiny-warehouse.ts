// A five-line warehouse (order_lines only, per the warehouse contract) for testing the site
// machinery without running the whole pipeline. Figures by hand: revenue 2024 = 1000 + 500
// = 1500; 2025 = 2000 + 300 - 100 = 2200; C001 = 3000 of 3700.
import fs from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

export async function createTinyWarehouse(file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  const instance = await DuckDBInstance.create(file);
  const c = await instance.connect();
  await c.run(`CREATE TABLE order_lines(order_id VARCHAR, line_no INTEGER, order_date DATE, customer_id VARCHAR,
    customer_name VARCHAR, product_id VARCHAR, product_category VARCHAR, quantity DOUBLE, unit VARCHAR,
    unit_price DOUBLE, amount DOUBLE, cost DOUBLE, discount DOUBLE, source_file VARCHAR, source_row INTEGER)`);
  await c.run(`INSERT INTO order_lines VALUES
    ('SO1', 1, '2024-03-01', 'C001', '华东机械', 'P1', '轧辊', 10, 't', 100, 1000, 800, NULL, 'tiny.csv', 2),
    ('SO2', 1, '2024-05-01', 'C002', '北方钢铁', 'P1', '轧辊', 5, 't', 100, 500, 400, NULL, 'tiny.csv', 3),
    ('SO3', 1, '2025-01-10', 'C001', '华东机械', 'P2', '辊环', 20, 't', 100, 2000, 1500, NULL, 'tiny.csv', 4),
    ('SO4', 1, '2025-02-10', 'C003', '<script>alert(1)</script>', 'P2', '辊环', 3, 't', 100, 300, 200, NULL, 'tiny.csv', 5),
    ('SO5', 1, '2025-06-10', 'C002', '北方钢铁', 'P2', '辊环', -1, 't', 100, -100, -80, NULL, 'tiny.csv', 6)`);
  c.closeSync();
  instance.closeSync();
}
