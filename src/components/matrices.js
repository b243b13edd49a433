// The three customer matrices as the pages show them: cells in reading order and what each
// axis measures ("money" drawn on a log scale, "percent" as rates). Used by the segments
// page (charts) and the methodology page (the thresholds in force); the cells themselves are
// decided in loaders/models/marts/matrix_customers.sql.
export const matrices = [
  {key: "capability_credit", cells: ["partners", "reform", "support", "give_up"], x: "money", y: "percent"},
  {key: "margin_cost", cells: ["ideal", "demanding", "lean", "drain"], x: "percent", y: "percent", xDomain: [0, 0.5], yDomain: [-0.2, 0.5]},
  {key: "value_potential", cells: ["invest", "retain", "develop", "unattractive"], x: "money", y: "percent", yDomain: [-1, 2]},
];

/** A formatter for an axis kind, with `digits` for percentages. */
export const axisFormat = (fmt, kind, digits = 0) => (kind === "money" ? (v) => fmt.money(v) : (v) => fmt.percent(v, digits));
