// The sample company at benchmark sizes, generated once into data/bench/sample-<lines>/ and
// reused (ensureSample's stamp: regenerated only when the generator, seed or size changes),
// with a UTF-8 copy of the GBK order lines for the bare-DuckDB floor (read_csv reads UTF-8).
import fs from "node:fs";
import path from "node:path";
import { decodeToUtf8 } from "../ingest/decode.ts";
import { root } from "../paths.ts";
import { ensureSample } from "../sample/index.ts";

export interface BenchSample {
  dir: string;
  /** the UTF-8 copy of order_lines.csv (same rows, same bytes apart from the encoding) */
  orderLinesUtf8: string;
}

export const benchDir = () => path.join(root, "data/bench");

/** The sample at `lines`; with `byMonth`, its order lines as one export per month (data/bench/sample-N-by-month/, no UTF-8 copy). */
export async function benchSample(lines: number, log: (m: string) => void = console.log, { byMonth = false } = {}): Promise<BenchSample> {
  const dir = path.join(benchDir(), `sample-${lines}${byMonth ? "-by-month" : ""}`);
  await ensureSample(undefined, { dir, lines, log, byMonth });
  const orderLinesUtf8 = path.join(dir, "order_lines.utf8.csv");
  const source = path.join(dir, "order_lines.csv");
  if (fs.existsSync(source) && (!fs.existsSync(orderLinesUtf8) || fs.statSync(orderLinesUtf8).mtimeMs < fs.statSync(source).mtimeMs)) {
    await decodeToUtf8(source, `${orderLinesUtf8}.tmp`, "gb18030");
    fs.renameSync(`${orderLinesUtf8}.tmp`, orderLinesUtf8);
  }
  return { dir, orderLinesUtf8 };
}
