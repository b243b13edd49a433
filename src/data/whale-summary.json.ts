// Loss-making customers and the whale curve's peak per period (marts.whale_summary).
import { emit } from "./warehouse.ts";

await emit(`select * from marts.whale_summary order by measure, period`);
