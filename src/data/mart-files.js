// The page data files made from the marts: one entry per file `data/marts/<file>.json`, each
// ONE query on ONE mart (the file name starts with the mart's name, so a page's
// FileAttachment("data/marts/<mart>….json") names the mart a figure comes from). Written by
// the archive loader marts.tar.js in one DuckDB session. Every column must be declared in
// the mart's contract (loaders/models/marts/<mart>.yml): its unit decides the rounding
// (money to the cent) and travels with the data to the tables, CSV downloads and charts.
//
// Add a file: an entry here ({file, sql}) and FileAttachment("data/marts/<file>.json") in the page.
const measures = ["revenue", "gross_profit", "volume"];
const sliceOrder = "period, slice, region nulls first, industry nulls first, sales_rep nulls first";

export const martFiles = [
  { file: "analysis_params", sql: "select * from marts.analysis_params" },
  { file: "slice_options", sql: "select * from marts.slice_options order by dimension, value, region nulls first" },
  // the summary and concentration pages: every slice of one measure (bounded by the number of
  // regions, industries and reps, not by customers)
  ...measures.flatMap((m) => [
    {
      file: `concentration_slices.${m}`,
      sql: `select * exclude (measure, period_start, period_end, curve_x, pareto_y, lorenz_x, lorenz_y, whale_y)
            from marts.concentration_slices where measure = '${m}' order by ${sliceOrder}`,
    },
    {
      file: `concentration_slices.${m}.curves`,
      sql: `select period, slice, region, industry, sales_rep, curve_x, pareto_y, lorenz_x, lorenz_y${m === "volume" ? "" : ", whale_y"}
            from marts.concentration_slices where measure = '${m}' order by ${sliceOrder}`,
    },
    {
      file: `concentration_slice_top.${m}`,
      sql: `select period, slice, region, industry, sales_rep, rank, customer_id, customer_name, value, share, cum_share, abc_class
            from marts.concentration_slice_top where measure = '${m}' order by ${sliceOrder}, rank`,
    },
  ]),
  // the matrices are per period; the pages show the window's
  { file: "matrix_cells", sql: "select * from marts.matrix_cells where period = 'window' order by matrix, cell" },
  { file: "matrix_cell_slices", sql: `select * from marts.matrix_cell_slices
          order by matrix, slice, region nulls first, industry nulls first, sales_rep nulls first, cell` },
  // the quadrant charts: the largest customers of each matrix (a bounded number of dots)
  { file: "matrix_customers", sql: `select matrix, customer_id, customer_name, x_value, y_value, cell, revenue
          from (select *, row_number() over (partition by matrix order by revenue desc, customer_id) as k from marts.matrix_customers where period = 'window')
          where k <= 600 order by matrix, customer_id` },
  { file: "rfm_segments", sql: "select * from marts.rfm_segments order by sort_order" },
  { file: "cohort_retention", sql: `select cohort, cohort_kind, period_offset, period, cohort_size, active_customers, logo_retention, revenue, base_revenue, nrr, grr, nrr_vs_previous, is_partial
          from marts.cohort_retention order by cohort, period_offset` },
  { file: "cohort_retention_avg", sql: "select * from marts.cohort_retention_avg order by period_offset" },
  // the data quality page: what the data supports, the business checks, the data tests' results
  { file: "data_availability", sql: "select * from marts.data_availability order by sort_order" },
  { file: "data_quality_checks", sql: "select * from marts.data_quality_checks order by sort_order" },
  { file: "data_test_results", sql: "select * from marts.data_test_results order by test_no" },
];
