// Rows and date range per canonical table: data freshness, and which optional exports are missing.
import { emit } from "./warehouse.js";

await emit(`
  select 'order_lines' as table_name, count(*) as rows, min(order_date) as first_date, max(order_date) as last_date from main.order_lines
  union all select 'customers', count(*), null, null from main.customers
  union all select 'payments', count(*), min(payment_date), max(payment_date) from main.payments
  union all select 'quality_claims', count(*), min(claim_date), max(claim_date) from main.quality_claims
  union all select 'visits', count(*), min(visit_date), max(visit_date) from main.visits`);
