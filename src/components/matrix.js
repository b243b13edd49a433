// The matrices' per-cell shares for a filtered set of customers (the marts give them for
// all customers; the browser recomputes them when a region, industry or rep is picked).

/**
 * rows: matrix_customers rows of ONE matrix {customer_id, cell, revenue, gross_profit};
 * cells: the cell names in display order. Shares of customers, revenue and gross profit
 * per cell; revenue and profit shares are of the net totals (as in marts.matrix_cells).
 */
export function cellShares(rows, cells) {
  const total = { n: rows.length, revenue: 0, profit: 0 };
  const by = new Map(cells.map((c) => [c, { cell: c, n_customers: 0, revenue: 0, gross_profit: 0 }]));
  for (const r of rows) {
    const acc = by.get(r.cell);
    if (!acc) throw new Error(`customer ${r.customer_id} is in an unknown cell ${r.cell}`);
    acc.n_customers += 1;
    acc.revenue += r.revenue ?? 0;
    acc.gross_profit += r.gross_profit ?? 0;
    total.revenue += r.revenue ?? 0;
    total.profit += r.gross_profit ?? 0;
  }
  return [...by.values()].map((c) => ({
    ...c,
    customer_share: total.n ? c.n_customers / total.n : null,
    revenue_share: total.revenue ? c.revenue / total.revenue : null,
    profit_share: total.profit ? c.gross_profit / total.profit : null,
  }));
}

