// Concentration per measure and period (marts.concentration_summary), checks the browser's figures.
import { emit } from "./warehouse.ts";

await emit(`select * from marts.concentration_summary order by measure, period`);
