// Ingest output for people and for CI: a progress bar on a terminal for files over a few MB,
// plain summary lines otherwise; with --json everything human goes to stderr.
import type { IngestEvent } from "./index.ts";
import { formatSummary } from "./summary.ts";

const BAR_MIN_BYTES = 4 << 20;

export function progressLog(opts: { json: boolean }) {
  const out = opts.json ? process.stderr : process.stdout;
  const tty = Boolean(out.isTTY) && !process.env.CI;
  let big = false;
  let drawn = false;
  return (e: IngestEvent) => {
    if (e.kind === "start") big = tty && e.bytes >= BAR_MIN_BYTES;
    else if (e.kind === "progress" && big) {
      const share = e.total ? Math.min(1, e.done / e.total) : 0;
      const width = 30;
      const fill = Math.round(share * width);
      out.write(`\r  ${e.phase.padEnd(9)} [${"#".repeat(fill)}${" ".repeat(width - fill)}] ${(share * 100).toFixed(0).padStart(3)}%`);
      drawn = true;
    } else if (e.kind === "file" || e.kind === "message") {
      if (drawn) out.write("\r\x1b[K");
      drawn = false;
      out.write(`${e.kind === "file" ? formatSummary(e.summary) : e.text}\n`);
    }
  };
}
