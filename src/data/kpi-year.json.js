// Headline figures per fiscal year (marts.kpi_year); the year as a number for the filters.
import { emit } from "./warehouse.js";

await emit(`select * replace (cast(year as integer) as year) from marts.kpi_year order by year`);
