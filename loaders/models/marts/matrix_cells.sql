-- Per matrix cell: share of customers, revenue and profit, with the thresholds used and the
-- reference shares of the tobacco retailers' classification (domain.md) where there is one.
with cells as (
  select * from (values
    ('capability_credit', 'partners', true, true, 0.20, 'strong capability and high credit: key accounts, partners (合作伙伴)'),
    ('capability_credit', 'reform', true, false, 0.05, 'strong capability, low credit: reform (改造) terms and collection'),
    ('capability_credit', 'support', false, true, 0.70, 'weak capability, high credit: support (扶持) their growth'),
    ('capability_credit', 'give_up', false, false, 0.05, 'weak capability, low credit: give up (放弃) or serve cash only'),
    ('margin_cost', 'ideal', false, true, null, 'high margin at low cost to serve: the ideal account, protect it'),
    ('margin_cost', 'demanding', true, true, null, 'high margin but costly to serve: trim the service, keep the margin'),
    ('margin_cost', 'lean', false, false, null, 'low margin, low cost to serve: serve efficiently, review prices'),
    ('margin_cost', 'drain', true, false, null, 'low margin, high cost to serve: reprice or cut the cost to serve'),
    ('value_potential', 'key', true, true, null, 'high value, still growing and buying steadily: key account (关键客户)'),
    ('value_potential', 'regular', true, false, null, 'high value, not growing or irregular: regular (普通客户), keep efficiently'),
    ('value_potential', 'potential', false, true, null, 'small but growing steadily: potential (潜力客户), develop'),
    ('value_potential', 'unattractive', false, false, null, 'small and not growing: unattractive now, re-judge before dropping')
  ) t(matrix, cell, x_high, y_high, reference_customer_share, rule)
),
metrics as (
  select * from (values
    ('capability_credit', 'revenue (window), top share', 'collection rate'),
    ('margin_cost', 'cost to serve / revenue', 'gross margin'),
    ('value_potential', 'revenue (window), top share', 'growth vs the window before')
  ) t(matrix, x_metric, y_metric)
),
totals as (
  select matrix, count(*) as n, sum(revenue) as revenue, sum(gross_profit) as gross_profit,
         any_value(x_threshold) as x_threshold, any_value(y_threshold) as y_threshold
  from marts.matrix_customers group by matrix
),
per_cell as (
  select matrix, cell, count(*) as n_customers, sum(revenue) as revenue, sum(gross_profit) as gross_profit
  from marts.matrix_customers group by matrix, cell
)
select
  c.matrix, c.cell, c.x_high, c.y_high,
  coalesce(pc.n_customers, 0) as n_customers,
  coalesce(pc.n_customers, 0) / nullif(t.n, 0) as customer_share,
  coalesce(pc.revenue, 0) as revenue,
  coalesce(pc.revenue, 0) / nullif(t.revenue, 0) as revenue_share,
  -- gross profit unknown (no cost in the data) stays NULL
  case when t.gross_profit is not null then coalesce(pc.gross_profit, 0) end as gross_profit,
  coalesce(pc.gross_profit, 0) / nullif(t.gross_profit, 0) as profit_share,
  c.reference_customer_share,
  m.x_metric, m.y_metric, t.x_threshold, t.y_threshold, c.rule
from cells c
join metrics m using (matrix)
left join totals t using (matrix)
left join per_cell pc using (matrix, cell)
