// RFM segments (marts.rfm_segments).
import { emit } from "./warehouse.js";

await emit(`select * from marts.rfm_segments order by sort_order`);
