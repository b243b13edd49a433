-- Per period, matrix and cell: share of customers, revenue and profit, with the thresholds used,
-- the reference shares of the tobacco retailers' classification (domain.md) where there is one,
-- and how the key accounts (the scorecard tier) fall in the cell: the matrices are lenses on the
-- customer base, the scorecard tier is the key account.
with cells as (
  select * from (values
    ('capability_credit', 'partners', true, true, 0.20, 'strong capability and high credit: partners (合作伙伴)'),
    ('capability_credit', 'reform', true, false, 0.05, 'strong capability, low credit: reform (改造) terms and collection'),
    ('capability_credit', 'support', false, true, 0.70, 'weak capability, high credit: support (扶持) their growth'),
    ('capability_credit', 'give_up', false, false, 0.05, 'weak capability, low credit: give up (放弃) or serve cash only'),
    ('margin_cost', 'ideal', false, true, null, 'high margin at low cost to serve: the ideal account, protect it'),
    ('margin_cost', 'demanding', true, true, null, 'high margin but costly to serve: trim the service, keep the margin'),
    ('margin_cost', 'lean', false, false, null, 'low margin, low cost to serve: serve efficiently, review prices'),
    ('margin_cost', 'drain', true, false, null, 'low margin, high cost to serve: reprice or cut the cost to serve'),
    ('value_potential', 'invest', true, true, null, 'high value, still growing and buying steadily: invest'),
    ('value_potential', 'retain', true, false, null, 'high value, not growing or irregular: retain efficiently'),
    ('value_potential', 'develop', false, true, null, 'small but growing steadily: develop'),
    ('value_potential', 'unattractive', false, false, null, 'small and not growing: serve at low cost, re-judge before dropping')
  ) t(matrix, cell, x_high, y_high, reference_customer_share, rule)
),
metrics as (
  select * from (values
    ('capability_credit', 'revenue, top share', 'collection rate'),
    ('margin_cost', 'cost to serve / revenue', 'gross margin'),
    ('value_potential', 'revenue, top share', 'growth vs the compared range')
  ) t(matrix, x_metric, y_metric)
),
periods as (select period from staging.rating_periods),
totals as (
  select period, matrix, count(*) as n, sum(revenue) as revenue, sum(gross_profit) as gross_profit,
         count(*) filter (where tier = 'key') as n_key,
         any_value(x_threshold) as x_threshold, any_value(y_threshold) as y_threshold
  from marts.matrix_customers group by period, matrix
),
per_cell as (
  select period, matrix, cell, count(*) as n_customers, sum(revenue) as revenue, sum(gross_profit) as gross_profit,
         count(*) filter (where tier = 'key') as n_key_accounts,
         sum(revenue) filter (where tier = 'key') as key_revenue
  from marts.matrix_customers group by period, matrix, cell
)
select
  pe.period, c.matrix, c.cell, c.x_high, c.y_high,
  coalesce(pc.n_customers, 0) as n_customers,
  staging.ratio(coalesce(pc.n_customers, 0), t.n) as customer_share,
  coalesce(pc.revenue, 0) as revenue,
  staging.ratio(coalesce(pc.revenue, 0), t.revenue) as revenue_share,
  case when t.gross_profit is not null then coalesce(pc.gross_profit, 0) end as gross_profit,
  staging.ratio(coalesce(pc.gross_profit, 0), t.gross_profit) as profit_share,
  coalesce(pc.n_key_accounts, 0) as n_key_accounts,
  staging.ratio(coalesce(pc.n_key_accounts, 0), pc.n_customers) as key_share_of_cell,
  staging.ratio(coalesce(pc.n_key_accounts, 0), t.n_key) as key_accounts_share,
  coalesce(pc.key_revenue, 0) as key_revenue,
  c.reference_customer_share,
  m.x_metric, m.y_metric, t.x_threshold, t.y_threshold, c.rule
from periods pe
cross join cells c
join metrics m using (matrix)
left join totals t on t.period = pe.period and t.matrix = c.matrix
left join per_cell pc on pc.period = pe.period and pc.matrix = c.matrix and pc.cell = c.cell
