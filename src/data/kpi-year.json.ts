// Headline figures per fiscal year (marts.kpi_year).
import { emit } from "./warehouse.ts";

await emit(`select * from marts.kpi_year order by year`);
