// Build the site from the tiny warehouse (KAM_DB) instead of the full pipeline: used by the
// test build only while the pipeline's stages are not all in the repository yet.
import { buildSite } from "../../loaders/site/build.ts";
import { warehouseFile } from "../../loaders/paths.ts";
import { createTinyWarehouse } from "./tiny-warehouse.ts";

await createTinyWarehouse(warehouseFile());
await buildSite();
