// Cohort retention by first-purchase period (marts.cohort_retention).
import { emit } from "./warehouse.js";

await emit(`select cohort, period_offset, period, cohort_size, active_customers, logo_retention, revenue, nrr, grr, is_partial from marts.cohort_retention order by cohort, period_offset`);
