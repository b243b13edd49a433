// Per-cell counts, shares, reference shares and thresholds (marts.matrix_cells).
import { emit } from "./warehouse.js";

await emit(`select * from marts.matrix_cells order by matrix, cell`);
