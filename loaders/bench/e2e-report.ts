// The pure half of `kam bench e2e`: from what a build wrote (its stdout lines with their
// arrival times, the KAM_PROFILE lines, the built dist/) to the stage table, the page data
// sizes and the comparison of two result files. No clock, no processes: unit-tested.
import fs from "node:fs";
import path from "node:path";
import type { ProfileLine } from "./profile.ts";

/** One line the build printed, with the epoch ms it arrived at. */
export interface TimedLine {
  at: number;
  text: string;
}

export interface Stage {
  /** e.g. "ingest.decode", "models.marts", "site.loader" */
  stage: string;
  seconds: number;
  /** how many spans were summed (files, models, loaders) */
  count: number;
  /** where a stage sums several spans: seconds per file / model / loader, largest first */
  parts?: Record<string, number>;
  /** peak RSS of the process tree while the stage ran, MB (filled by the caller) */
  peak_rss_mb?: number;
  /** [first start, last end] epoch ms, for the RSS attribution */
  window: [number, number];
}

const ANSI = /\x1b\[[0-9;]*m/g;
export const plain = (text: string) => text.replace(ANSI, "");

/** Framework's `load /data/x.json → [missing] success 4.2 MB in 1234ms` lines: loader and ms. */
export function loaderLines(lines: TimedLine[]): { file: string; ms: number; at: number }[] {
  const out: { file: string; ms: number; at: number }[] = [];
  for (const { at, text } of lines) {
    const m = /load (\S+) → .*?\b(?:success|error)\b.*? in (\d+)ms/.exec(plain(text));
    if (m) out.push({ file: m[1].replace(/^\//, ""), ms: Number(m[2]), at });
  }
  return out;
}

/** Framework's `load /index in 257ms` lines: each page's Markdown parsed and its imports resolved. */
export function pageLines(lines: TimedLine[]): { page: string; ms: number; at: number }[] {
  const out: { page: string; ms: number; at: number }[] = [];
  for (const { at, text } of lines) {
    const m = /^load (\/[^\s.]*) in (\d+)ms$/.exec(plain(text).trim());
    if (m) out.push({ page: m[1], ms: Number(m[2]), at });
  }
  return out;
}

/** `[build] ingest (3.2 s)` lines: each step of `kam build` and when it started. */
export function buildSteps(lines: TimedLine[]): { step: string; at: number }[] {
  const out: { step: string; at: number }[] = [];
  for (const { at, text } of lines) {
    const m = /^\[build\] (.+?) \(\d+(?:\.\d+)? s\)$/.exec(plain(text).trim());
    if (m) out.push({ step: m[1], at });
  }
  return out;
}

/** The build's coarse steps (`[build] …` lines) and how long each took, up to the last line. */
export function stepDurations(lines: TimedLine[], end: number): Record<string, number> {
  const steps = buildSteps(lines);
  return Object.fromEntries(steps.map((s, i) => [s.step, +(((steps[i + 1]?.at ?? end) - s.at) / 1000).toFixed(3)]));
}

/** Profile spans summed per stage, in order of first appearance; the detail key names the parts. */
export function stagesFromProfile(profile: ProfileLine[]): Stage[] {
  const stages = new Map<string, Stage>();
  for (const p of profile) {
    const s = stages.get(p.stage) ?? { stage: p.stage, seconds: 0, count: 0, window: [p.start, p.start + p.ms] as [number, number] };
    s.seconds += p.ms / 1000;
    s.count++;
    s.window = [Math.min(s.window[0], p.start), Math.max(s.window[1], p.start + p.ms)];
    const part = (p.file ?? p.model ?? p.layer) as string | undefined;
    if (part !== undefined) {
      s.parts ??= {};
      s.parts[part] = (s.parts[part] ?? 0) + p.ms / 1000;
    }
    stages.set(p.stage, s);
  }
  for (const s of stages.values()) if (s.parts) s.parts = sortedParts(s.parts);
  return [...stages.values()];
}

const sortedParts = (parts: Record<string, number>) => Object.fromEntries(Object.entries(parts).sort((a, b) => b[1] - a[1]));

/**
 * The stage table of one build: the profiled stages (CLV included: a span of the model
 * runner), the pages and data loaders (from Framework's log), and the Framework render (the
 * framework span less those).
 */
export function stageTable(profile: ProfileLine[], lines: TimedLine[]): Stage[] {
  const stages = stagesFromProfile(profile);
  // "ingest.read" spans contain the "ingest.decode" of the same file: keep read exclusive
  const read = stages.find((s) => s.stage === "ingest.read");
  const decode = stages.find((s) => s.stage === "ingest.decode");
  if (read && decode) {
    read.seconds = Math.max(0, read.seconds - decode.seconds);
    for (const [file, sec] of Object.entries(decode.parts ?? {})) if (read.parts?.[file] !== undefined) read.parts[file] = Math.max(0, read.parts[file] - sec);
    if (read.parts) read.parts = sortedParts(read.parts);
  }
  const loaders = loaderLines(lines);
  // The CLV model runs inside the model runner (a TS model of the marts layer, with its own
  // "clv" span): keep models.marts exclusive of it.
  const clv = stages.find((s) => s.stage === "clv");
  const marts = stages.find((s) => s.stage === "models.marts" && s.parts?.[CLV_MODEL] !== undefined);
  if (clv && marts) {
    marts.seconds = Math.max(0, marts.seconds - marts.parts![CLV_MODEL]);
    delete marts.parts![CLV_MODEL];
    marts.count--;
  }
  // Framework's own work: its pages (parsed one by one), its loaders (run one by one), the rest (bundling, writing)
  const fromLog = (stage: string, items: { name: string; ms: number; at: number }[]) => {
    if (!items.length) return 0;
    const parts = sortedParts(Object.fromEntries(items.map((l) => [l.name, l.ms / 1000])));
    const seconds = items.reduce((a, l) => a + l.ms, 0) / 1000;
    stages.push({ stage, seconds, count: items.length, parts, window: [Math.min(...items.map((l) => l.at - l.ms)), Math.max(...items.map((l) => l.at))] });
    return seconds;
  };
  const logged =
    fromLog("site.pages", pageLines(lines).map((p) => ({ name: p.page, ms: p.ms, at: p.at }))) +
    fromLog("site.loaders", loaders.map((l) => ({ name: l.file, ms: l.ms, at: l.at })));
  const framework = stages.find((s) => s.stage === "site.framework");
  if (framework && logged) stages.push({ stage: "site.render", seconds: Math.max(0, framework.seconds - logged), count: 1, window: framework.window });
  const order = STAGE_ORDER;
  const rank = (s: Stage) => {
    const i = order.findIndex((o) => s.stage === o || s.stage.startsWith(`${o}.`));
    return i < 0 ? order.length : i;
  };
  return stages.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map(({ s }) => s);
}

/** The model-runner name of the CLV model (loaders/clv/model.ts). */
const CLV_MODEL = "marts.clv_customers";

/** The order a build runs its stages in (stages not listed go last, in order of appearance). */
export const STAGE_ORDER = [
  "sample",
  "warehouse.carry",
  "ingest.hash",
  "ingest.decode",
  "ingest.read",
  "ingest.parse",
  "ingest.rownum",
  "ingest.merge",
  "ingest.rejects",
  "ingest.commit",
  "models.params",
  "models.staging",
  "models.intermediate",
  "models.marts",
  "models.tests",
  "clv",
  "warehouse.checkpoint",
  "warehouse.swap",
  "site.vendor",
  "site.framework",
  "site.pages",
  "site.loaders",
  "site.render",
  "site.dossiers",
  "site.swap",
];

/** Stages that overlap others and must not be added to a sum of stage times. */
export const CONTAINER_STAGES = new Set(["site.framework"]);

/** Data bytes each built page loads: the files it registers (FileAttachment) and their sizes on disk. */
export function pageData(dist: string): Record<string, { data_bytes: number; files: Record<string, number> }> {
  const out: Record<string, { data_bytes: number; files: Record<string, number> }> = {};
  const pages = listHtml(dist);
  for (const page of pages) {
    const html = fs.readFileSync(path.join(dist, page), "utf8");
    const files: Record<string, number> = {};
    for (const m of html.matchAll(/registerFile\((".*?"), (\{.*?\})\);?/g)) {
      const name = JSON.parse(m[1]) as string;
      const info = JSON.parse(m[2]) as { path?: string; size?: number };
      const onDisk = info.path ? path.join(dist, path.dirname(page), info.path) : null;
      files[name] = onDisk && fs.existsSync(onDisk) ? fs.statSync(onDisk).size : (info.size ?? 0);
    }
    out[page.replace(/\.html$/, "")] = { data_bytes: Object.values(files).reduce((a, b) => a + b, 0), files: sortedParts(files) };
  }
  return out;
}

function listHtml(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory() && !e.name.startsWith("_")) out.push(...listHtml(dir, r));
    else if (e.isFile() && e.name.endsWith(".html")) out.push(r);
  }
  return out.sort();
}

/** The parts of a result file that two runs are compared on. */
export interface E2eResult {
  suite: "e2e";
  lines: number;
  floor: { seconds: number; cpu_seconds?: number; before?: number; after?: number; files?: Record<string, number>; what?: string };
  build: { seconds: number; peak_rss_mb: number; ratio_to_floor: number; cpu_seconds?: number | null; cpu_ratio_to_floor?: number | null; steps?: Record<string, number>; rss_timeline_mb?: [number, number][] };
  stages: Pick<Stage, "stage" | "seconds" | "peak_rss_mb">[];
  pages: Record<string, { data_bytes: number; files?: Record<string, number> }>;
  incremental?: { full_seconds: number; incremental_seconds: number; ratio: number; [more: string]: unknown } | null;
  when: string;
  [more: string]: unknown;
}

const f2 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(2));
const change = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || !a ? "" : `${b >= a ? "+" : ""}${(((b - a) / a) * 100).toFixed(0)}%`;

/**
 * Two runs side by side. Seconds are compared as ratios to each run's own floor (the
 * machine's load differs between runs; the ratio is what should hold), with the seconds shown.
 */
export function compareResults(old: E2eResult, now: E2eResult): string {
  const rows: string[][] = [["", "old s", "new s", "old x floor", "new x floor", "change"]];
  const ratio = (r: E2eResult, s: number | undefined) => (s === undefined ? undefined : s / r.floor.seconds);
  const add = (label: string, a: number | undefined, b: number | undefined) =>
    rows.push([label, f2(a), f2(b), f2(ratio(old, a)), f2(ratio(now, b)), change(ratio(old, a), ratio(now, b))]);
  add("floor (bare DuckDB read_csv)", old.floor.seconds, now.floor.seconds);
  add("build, raw files -> site", old.build.seconds, now.build.seconds);
  const names = [...new Set([...old.stages.map((s) => s.stage), ...now.stages.map((s) => s.stage)])];
  for (const n of names) add(`  ${n}`, old.stages.find((s) => s.stage === n)?.seconds, now.stages.find((s) => s.stage === n)?.seconds);
  if (old.incremental || now.incremental) {
    add("incremental: full", old.incremental?.full_seconds, now.incremental?.full_seconds);
    add("incremental: one month added", old.incremental?.incremental_seconds, now.incremental?.incremental_seconds);
  }
  const mem = [["", "old", "new", "change"], ["peak RSS of the build (MB)", f2(old.build.peak_rss_mb), f2(now.build.peak_rss_mb), change(old.build.peak_rss_mb, now.build.peak_rss_mb)]];
  for (const p of [...new Set([...Object.keys(old.pages), ...Object.keys(now.pages)])]) {
    const a = old.pages[p]?.data_bytes;
    const b = now.pages[p]?.data_bytes;
    mem.push([`page data ${p} (KB)`, f2(a === undefined ? undefined : a / 1024), f2(b === undefined ? undefined : b / 1024), change(a, b)]);
  }
  const head = old.lines === now.lines ? `${now.lines} lines` : `old ${old.lines} lines, new ${now.lines} lines (sizes differ: compare with care)`;
  return [head, table(rows), "", table(mem)].join("\n");
}

/** Left-aligned first column, right-aligned numbers. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ")).join("\n");
}
