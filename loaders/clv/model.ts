// The CLV model as a node of the model graph: the runner (loaders/models/run.ts) builds it
// in the marts layer after the tables it declares it reads, and the SQL models that read its
// marts (marts.customer_equity) after it. Its marts are covered by their declarations'
// data tests (loaders/models/marts/clv_*.yml) like every other mart.
import { fileURLToPath } from "node:url";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Config } from "../config/index.ts";
import { CLV_INPUTS } from "./warehouse-inputs.ts";
import { span } from "../bench/profile.ts";

export const clvModel = {
  layer: "marts" as const,
  name: "clv_customers",
  /** Every table it makes (the first is `layer.name`). */
  makes: ["marts.clv_customers", "marts.clv_model", "marts.clv_holdout"],
  file: fileURLToPath(new URL("./marts.ts", import.meta.url)),
  dependsOn: CLV_INPUTS,
  async build(con: DuckDBConnection, config: Config): Promise<void> {
    const { buildClvMartsOn } = await import("./marts.ts");
    // A "clv" span of its own, so the build's profile (kam bench e2e) still shows the CLV time.
    await span("clv", () => buildClvMartsOn(con, config));
  },
};
