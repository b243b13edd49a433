// The dossier pages' routes (/accounts/<slug>, one per row of marts.dossier_customers), written
// by the build into a file beside the warehouse before Framework runs, and read by
// observablehq.config.ts as `dynamicPaths` (the config stays a plain file read: no DuckDB in
// Framework's process, and it works while another process holds the warehouse). The same file
// gives each dossier its <title> after the build (html-lang.ts).
import fs from "node:fs";
import path from "node:path";
import { warehouseFile } from "../paths.ts";

export interface DossierRoute {
  path: string;
  customer_id: string;
  customer_name: string;
}

/** The routes file of a warehouse: <warehouse folder>/dossier-routes.json. */
export const dossierRoutesFile = (db = warehouseFile()) => path.join(path.dirname(db), "dossier-routes.json");

/** The dossier route of a slug (the slug is URL- and file-safe by construction, see dossier_customers.sql). */
export const dossierPath = (slug: string) => `/accounts/${slug}`;

/** Query the warehouse's dossier customers and write the routes file; returns the routes. */
export async function writeDossierRoutes(db = warehouseFile()): Promise<DossierRoute[]> {
  const { withDuckDb } = await import("../warehouse/open.ts");
  const routes = await withDuckDb(db, { readOnly: true }, async (con) => {
    const rows = (await con.runAndReadAll("select customer_id, customer_name, slug from marts.dossier_customers order by customer_id")).getRowObjectsJS();
    return rows.map((r) => ({ path: dossierPath(String(r.slug)), customer_id: String(r.customer_id), customer_name: String(r.customer_name) }));
  });
  const file = dossierRoutesFile(db);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(routes));
  fs.renameSync(`${file}.tmp`, file);
  return routes;
}

/** The routes the last build wrote ([] before any: the dossiers are then not built). */
export function readDossierRoutes(db = warehouseFile()): DossierRoute[] {
  try {
    return JSON.parse(fs.readFileSync(dossierRoutesFile(db), "utf8")) as DossierRoute[];
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}
