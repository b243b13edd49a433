// The stage timing log of a build, for `kam bench e2e`: with KAM_PROFILE=FILE set, each
// stage wrapped in `span` appends one JSON line to FILE:
//   {"stage":"ingest.decode","start":1764576000123.4,"ms":812.5,"pid":123,"file":"order_lines.csv"}
// `start` is epoch milliseconds (performance.timeOrigin based), so lines written by the
// build and by its child processes line up on one clock. Without KAM_PROFILE, `span` only
// calls its function: nothing is measured or written, and no behaviour changes.
import fs from "node:fs";
import path from "node:path";

export interface ProfileLine {
  stage: string;
  start: number;
  ms: number;
  pid: number;
  [detail: string]: unknown;
}

const target = () => process.env.KAM_PROFILE;

/** Append one measured stage (when profiling). */
export function record(stage: string, start: number, ms: number, detail: Record<string, unknown> = {}): void {
  const file = target();
  if (!file) return;
  const line: ProfileLine = { stage, start, ms, pid: process.pid, ...detail };
  // one write per line, with O_APPEND: lines of concurrent processes never interleave
  fs.appendFileSync(file, JSON.stringify(line) + "\n");
}

const now = () => performance.timeOrigin + performance.now();

/** Run `f` as the stage `stage` (detail: e.g. the file a stage works on). */
export async function span<T>(stage: string, f: () => Promise<T> | T, detail?: Record<string, unknown>): Promise<T> {
  if (!target()) return f();
  const t0 = now();
  try {
    return await f();
  } finally {
    record(stage, t0, now() - t0, detail);
  }
}

/** Start the stage `stage` now; the returned function ends it (for a stretch of statements). */
export function startSpan(stage: string, detail?: Record<string, unknown>): () => void {
  if (!target()) return () => {};
  const t0 = now();
  return () => record(stage, t0, now() - t0, detail);
}

/** The same for synchronous work. */
export function spanSync<T>(stage: string, f: () => T, detail?: Record<string, unknown>): T {
  if (!target()) return f();
  const t0 = now();
  try {
    return f();
  } finally {
    record(stage, t0, now() - t0, detail);
  }
}

/** Every line of a profile file (a missing file is an empty profile). */
export function readProfile(file: string): ProfileLine[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ProfileLine);
}

/** A file's base name, for the `file` detail (paths differ between machines, names do not). */
export const fileDetail = (file: string) => ({ file: path.basename(file) });
