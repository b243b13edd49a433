// The report's stamp: when the data ends (the analysis date of the warehouse the site is built
// from) and when the report was built, shown in the footer of every page (and of every PDF page).
// The build date is a day in the business time zone (ingest.time_zone), or the day of
// SOURCE_DATE_EPOCH when set (the reproducible-builds convention), so that two builds of the
// same inputs on the same day, in any TZ, write the same bytes.
import fs from "node:fs";
import { todayIn } from "../ingest/dates.ts";
import { warehouseFile } from "../paths.ts";
import { withDuckDb } from "../warehouse/open.ts";

export interface ReportStamp {
  /** Last day the data covers (YYYY-MM-DD): marts.analysis_params.analysis_date; null without a warehouse. */
  dataEnd: string | null;
  /** The build date (YYYY-MM-DD). */
  built: string;
}

/** The build date: SOURCE_DATE_EPOCH's day, else today, in `timeZone`. */
export function buildDate(timeZone: string, env: NodeJS.ProcessEnv = process.env, now = new Date()): string {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  const when = env.SOURCE_DATE_EPOCH != null && Number.isInteger(epoch) && epoch >= 0 ? new Date(epoch * 1000) : now;
  return todayIn(timeZone, when);
}

/** The analysis date of a warehouse, or null when it has none yet (e.g. `npm run dev` before the first build). */
export async function dataEnd(file = warehouseFile()): Promise<string | null> {
  if (!fs.existsSync(file)) return null;
  try {
    return await withDuckDb(file, { readOnly: true }, async (con) => {
      const rows = (await con.runAndReadAll("select strftime(analysis_date, '%Y-%m-%d') as d from marts.analysis_params")).getRows();
      return (rows[0]?.[0] as string | undefined) ?? null;
    });
  } catch {
    return null;
  }
}

export async function reportStamp({ timeZone, file, env, now }: { timeZone: string; file?: string; env?: NodeJS.ProcessEnv; now?: Date }): Promise<ReportStamp> {
  return { dataEnd: await dataEnd(file), built: buildDate(timeZone, env, now) };
}
