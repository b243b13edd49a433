// A child process that opens a DuckDB file (for writing, or read-only), runs `sql` there, holds
// the file for `ms`, then closes it: another program using the warehouse while a run wants it.
import { spawn } from "node:child_process";
import { root } from "../../loaders/paths.ts";

export function holdDuckDb(file: string, { ms, readOnly = false, sql = [] }: { ms: number; readOnly?: boolean; sql?: string[] }): Promise<{ done: Promise<void> }> {
  const script = `
    import { DuckDBInstance } from "@duckdb/node-api";
    const i = await DuckDBInstance.create(${JSON.stringify(file)}${readOnly ? `, { access_mode: "READ_ONLY" }` : ""});
    const c = await i.connect();
    for (const s of ${JSON.stringify(sql)}) await c.run(s);
    console.log("holding");
    setTimeout(() => { c.closeSync(); i.closeSync(); }, ${ms});`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  const done = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return new Promise((resolve) => child.stdout.on("data", (b) => String(b).includes("holding") && resolve({ done })));
}
