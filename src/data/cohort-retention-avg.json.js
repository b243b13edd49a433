// The average retention curve (marts.cohort_retention_avg).
import { emit } from "./warehouse.js";

await emit(`select * from marts.cohort_retention_avg order by period_offset`);
