-- Collection behaviour per customer on the invoices that are due (the credit window).
-- Invoices are orders; a payment counts for the invoice it names, or by its date shifted
-- back by the lag when it names none we know. Without a payments export nothing is known
-- about collection: the rate is then null (unknown), never 0, so nobody is judged a bad payer.
with w as (
  select credit_start, credit_end, credit_lag_days from staging.windows
),
payments_known as (
  select count(*) > 0 as known from staging.payments
),
invoices as (
  select o.customer_id, sum(o.revenue) as invoiced
  from intermediate.orders o, w
  where o.order_date between w.credit_start and w.credit_end
  group by o.customer_id
),
attributed as (
  select pm.customer_id, pm.amount, pm.payment_date, pm.due_date,
         o.order_date as invoice_date,
         coalesce(o.order_date, cast(pm.payment_date - to_days(w.credit_lag_days) as date)) as attributed_date
  from staging.payments pm
  cross join w
  left join intermediate.orders o on o.order_id = pm.invoice_ref and o.customer_id = pm.customer_id
),
collected as (
  select a.customer_id,
         sum(a.amount) as collected,
         sum(a.amount * (a.payment_date - a.invoice_date)) filter (where a.invoice_date is not null)
           / nullif(sum(a.amount) filter (where a.invoice_date is not null), 0) as days_to_pay,
         coalesce(sum(a.amount) filter (where a.payment_date <= a.due_date), 0)
           / nullif(sum(a.amount) filter (where a.due_date is not null), 0) as on_time_share
  from attributed a, w
  where a.attributed_date between w.credit_start and w.credit_end
  group by a.customer_id
)
select
  coalesce(i.customer_id, c.customer_id) as customer_id,
  coalesce(i.invoiced, 0) as invoiced,
  coalesce(c.collected, 0) as collected,
  case when i.invoiced > 0 and k.known then coalesce(c.collected, 0) / i.invoiced end as collection_rate,
  c.days_to_pay,
  c.on_time_share
from invoices i
full join collected c using (customer_id)
cross join payments_known k
