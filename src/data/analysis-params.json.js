// The parameters in force (marts.analysis_params), for thresholds and the methodology page.
import { emit } from "./warehouse.js";

await emit(`select * from marts.analysis_params`);
