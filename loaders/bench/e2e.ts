// `kam bench e2e [--lines=N] [--json FILE] [--compare OLD.json] [--skip-incremental]`:
// the whole product at scale, raw exports to built site, against the floor of bare DuckDB
// read_csv of the same files into tables, measured in the same run (issue 16).
//
// 1. The sample company at N lines (cached in data/bench/sample-N/; all five exports: GBK
//    order lines, customers XLSX, payments, visits, claims), and a UTF-8 copy of the order
//    lines for the floor (DuckDB's read_csv reads UTF-8 only).
// 2. The floor: a fresh DuckDB file, `CREATE TABLE t AS SELECT * FROM read_csv(file)` for each
//    CSV export. It leaves out what DuckDB cannot do bare (GBK decoding, XLSX): the build's
//    ratio to the floor includes those.
// 3. A real `kam build` in a child process, on a config naming those files (the sample's own
//    source settings), into a fresh warehouse and dist/ under a work folder, with
//    KAM_PROFILE set: each stage's time comes from the spans the build writes
//    (loaders/bench/profile.ts), the page loaders' from Framework's log, the CLV step's from
//    the build's step lines. Peak RSS is of the whole process tree (loaders/bench/rss.ts),
//    overall and per stage. Page data bytes from the built pages.
// 4. Incremental monthly rebuild: the same company with its order lines in one export per
//    month; a warehouse of all months but the last, then one more build with the last
//    month's export added (the others unchanged), against a full build of all months.
// Figures go to a JSON file (default data/bench/e2e-<lines>-<time>.json); --compare prints
// the two runs side by side, as ratios to each run's own floor.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { DEFAULT_MEMORY_LIMIT } from "../config/common.ts";
import { sampleSources } from "../ingest/sources.ts";
import { root } from "../paths.ts";
import { lit, withDuckDb } from "../warehouse/open.ts";
import { CONTAINER_STAGES, compareResults, pageData, stageTable, stepDurations, table, type E2eResult, type Stage, type TimedLine } from "./e2e-report.ts";
import { readProfile } from "./profile.ts";
import { childrenCpuSeconds, TreeSampler } from "./rss.ts";
import { benchDir, benchSample } from "./sample-cache.ts";
import { renderTimes, type PageRender } from "./render.ts";

export interface E2eOptions {
  lines: number;
  json?: string;
  compare?: string;
  skipIncremental?: boolean;
  /** `kam build --skip-site`: ingest + models + CLV + data tests only (the 100M target) */
  skipSite?: boolean;
}

const MB = 1024 * 1024;
const SAMPLE_MS = 100;
const now = () => performance.timeOrigin + performance.now();
const s2 = (x: number) => `${x.toFixed(2)} s`;

/** Bare DuckDB read_csv of each CSV export into a table of a fresh database. */
async function floor(work: string, files: string[]): Promise<{ seconds: number; cpu_seconds: number; files: Record<string, number> }> {
  const db = path.join(work, "floor.duckdb");
  fs.rmSync(db, { force: true });
  const per: Record<string, number> = {};
  const t0 = now();
  const c0 = process.cpuUsage();
  await withDuckDb(db, { memoryLimit: DEFAULT_MEMORY_LIMIT }, async (con) => {
    for (const [i, file] of files.entries()) {
      const t = now();
      // ignore_errors: the sample keeps its planted bad rows (a 2021-02-30, a 十二, ...)
      await con.run(`CREATE TABLE t${i} AS SELECT * FROM read_csv(${lit(file)}, ignore_errors = true)`);
      per[path.basename(file)] = (now() - t) / 1000;
    }
  });
  const seconds = (now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  fs.rmSync(db, { force: true });
  return { seconds, cpu_seconds: (c.user + c.system) / 1e6, files: per };
}

interface BuildRun {
  seconds: number;
  /** user + system CPU of the whole process tree (null where /proc is missing) */
  cpu_seconds: number | null;
  code: number;
  lines: TimedLine[];
  stages: Stage[];
  peak_rss_mb: number;
  start: number;
  /** [second since start, peak MB in it] */
  timeline: [number, number][];
}

/** `kam build` in a child process with KAM_PROFILE; stdout/stderr lines kept with their arrival time. */
async function build(label: string, env: NodeJS.ProcessEnv, work: string, echo: (l: string) => void, args: string[] = ["build"]): Promise<BuildRun> {
  const profile = path.join(work, `profile-${label}.jsonl`);
  fs.rmSync(profile, { force: true });
  const start = now();
  const cpu0 = childrenCpuSeconds();
  const child = spawn(process.execPath, [path.join(root, "loaders/cli/kam.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, ...env, KAM_PROFILE: profile, CI: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child.pid!);
  const sampler = new TreeSampler(child.pid!, SAMPLE_MS).start();
  const lines: TimedLine[] = [];
  const collect = (stream: NodeJS.ReadableStream, err: boolean) =>
    new Promise<void>((resolve) => {
      const rl = readline.createInterface({ input: stream });
      rl.on("line", (text) => {
        lines.push({ at: now(), text });
        if (err || !text.includes("→")) echo(text);
      });
      rl.on("close", () => resolve());
    });
  const done = Promise.all([collect(child.stdout!, false), collect(child.stderr!, true)]);
  const code = await new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (c, signal) => resolve(c ?? (signal ? 128 : 1)));
  });
  await done;
  running.delete(child.pid!);
  sampler.stop();
  const cpu1 = childrenCpuSeconds();
  const end = now();
  const spans = readProfile(profile);
  const stages = stageTable(spans, lines);
  // a stage shorter than the sampling interval gets the samples just around it
  const peak = (from: number, to: number) => Math.round(sampler.peak(from - SAMPLE_MS, to + SAMPLE_MS) / MB);
  for (const s of stages) {
    s.peak_rss_mb = peak(s.window[0], s.window[1]);
    // where memory goes: the peak while each model / file of the stage ran
    const parts = spans.filter((p) => p.stage === s.stage && (p.model ?? p.file) !== undefined);
    if (parts.length) {
      const peaks: Record<string, number> = {};
      for (const p of parts) {
        const k = String(p.model ?? p.file);
        peaks[k] = Math.max(peaks[k] ?? 0, peak(p.start, p.start + p.ms));
      }
      (s as Stage & { part_peak_rss_mb?: Record<string, number> }).part_peak_rss_mb = Object.fromEntries(Object.entries(peaks).sort((a, b) => b[1] - a[1]).slice(0, 8));
    }
  }
  // the tree's RSS over the build, one point a second (the largest sample in it), for plots
  const timeline: [number, number][] = [];
  for (const x of sampler.samples) {
    const sec = Math.floor((x.at - start) / 1000);
    const mb = Math.round(x.rss / MB);
    if (timeline.length && timeline[timeline.length - 1][0] === sec) timeline[timeline.length - 1][1] = Math.max(timeline[timeline.length - 1][1], mb);
    else timeline.push([sec, mb]);
  }
  return { seconds: (end - start) / 1000, cpu_seconds: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, code, lines, stages, peak_rss_mb: Math.round(sampler.peak() / MB), start, timeline };
}

function writeConfig(file: string, sources: unknown[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ingest: { sample: false, sources } }, null, 1));
}

function envFor(work: string, config: string): NodeJS.ProcessEnv {
  // the ingest's decoded copies and other temporary files go into the work folder, removed at the end
  const tmp = path.join(work, "tmp");
  fs.mkdirSync(tmp, { recursive: true });
  return {
    TMPDIR: tmp,
    KAM_CONFIG: config,
    KAM_DB: path.join(work, "warehouse", "kam.duckdb"),
    KAM_DIST: path.join(work, "dist"),
    KAM_REJECTS_DIR: path.join(work, "warehouse", "rejects"),
  };
}

function machine() {
  const cpus = os.cpus();
  return { cpus: cpus.length, model: cpus[0]?.model ?? "", memory_gb: Math.round(os.totalmem() / 1024 ** 3), node: process.version, platform: `${os.platform()} ${os.release()}` };
}

function gitCommit(): string | null {
  try {
    const head = fs.readFileSync(path.join(root, ".git"), "utf8").trim();
    const gitDir = head.startsWith("gitdir:") ? path.resolve(root, head.slice(7).trim()) : path.join(root, ".git");
    const ref = fs.readFileSync(path.join(gitDir, "HEAD"), "utf8").trim();
    if (!ref.startsWith("ref:")) return ref;
    const name = ref.slice(4).trim();
    const common = fs.existsSync(path.join(gitDir, "commondir")) ? path.resolve(gitDir, fs.readFileSync(path.join(gitDir, "commondir"), "utf8").trim()) : gitDir;
    for (const dir of [gitDir, common]) {
      const f = path.join(dir, name);
      if (fs.existsSync(f)) return fs.readFileSync(f, "utf8").trim();
    }
    const packed = path.join(common, "packed-refs");
    const line = fs.existsSync(packed) ? fs.readFileSync(packed, "utf8").split("\n").find((l) => l.endsWith(` ${name}`)) : undefined;
    return line?.split(" ")[0] ?? null;
  } catch {
    return null;
  }
}

/** Builds in progress: on Ctrl-C or a kill the bench stops them and removes its work folder. */
const running = new Set<number>();
function onSignal(work: string) {
  const stop = (signal: NodeJS.Signals) => {
    for (const pid of running) {
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    fs.rmSync(work, { recursive: true, force: true });
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return () => {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  };
}

const bytesOf = (dir: string, names: string[]) => Object.fromEntries(names.map((n) => [n, fs.statSync(path.join(dir, n)).size]));

export async function bench(opts: E2eOptions): Promise<void> {
  const { lines } = opts;
  const echo = (l: string) => console.log(`  | ${l}`);
  const sample = await benchSample(lines, (m) => console.log(`[bench e2e] ${m}`));
  const csvs = [sample.orderLinesUtf8, ...["payments.csv", "visits.csv", "quality_claims.csv"].map((f) => path.join(sample.dir, f))];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "kam-bench-e2e-"));
  const load0 = os.loadavg();
  const unhook = onSignal(work);
  try {
    console.log(`[bench e2e] floor: bare DuckDB read_csv of ${csvs.length} CSV exports into tables`);
    const before = await floor(work, csvs);
    console.log(`[bench e2e] floor ${s2(before.seconds)}; kam build from the raw exports (${lines} lines)`);

    const config = path.join(work, "kam.config.json");
    writeConfig(config, sampleSources(sample.dir));
    const run = await build("full", envFor(work, config), work, echo, opts.skipSite ? ["build", "--skip-site"] : ["build"]);
    if (run.code !== 0) throw new Error(`bench e2e: kam build exited with ${run.code}; its output is above`);
    const pages = opts.skipSite ? {} : pageData(path.join(work, "dist"));
    // the executive pages as a reader gets them: fully rendered, and everything transferred (code too)
    const render = opts.skipSite ? null : await renderTimes(path.join(work, "dist"), (l) => console.log(`[bench e2e] ${l}`));
    const [{ n: orderLines }] = await withDuckDb(path.join(work, "warehouse", "kam.duckdb"), { readOnly: true }, async (con) =>
      (await con.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM order_lines`)).getRowObjectsJS() as { n: number }[],
    );
    fs.rmSync(path.join(work, "warehouse"), { recursive: true, force: true });
    fs.rmSync(path.join(work, "dist"), { recursive: true, force: true });
    // The floor again after the build: the machine is shared, so its load moves during a run;
    // ratios use the mean of both, and their spread says how much to trust them.
    const after = await floor(work, csvs);
    const fl = { seconds: (before.seconds + after.seconds) / 2, cpu_seconds: (before.cpu_seconds + after.cpu_seconds) / 2, before: before.seconds, after: after.seconds, files: before.files };
    console.log(`[bench e2e] floor after the build ${s2(after.seconds)}`);

    const result: E2eResult = {
      suite: "e2e",
      version: 1,
      when: new Date().toISOString(),
      git_commit: gitCommit(),
      machine: { ...machine(), load_average_before: load0.map((x) => +x.toFixed(2)), load_average_after: os.loadavg().map((x) => +x.toFixed(2)) },
      lines,
      site_built: !opts.skipSite,
      order_lines_loaded: orderLines,
      sample: { dir: path.relative(root, sample.dir), bytes: bytesOf(sample.dir, fs.readdirSync(sample.dir).filter((f) => !f.startsWith(".") && f !== "order_lines.utf8.csv").sort()) },
      floor: { ...fl, what: "CREATE TABLE AS SELECT * FROM read_csv(file, ignore_errors) per CSV export (order lines as UTF-8), one fresh DuckDB file" },
      build: {
        seconds: run.seconds,
        cpu_seconds: run.cpu_seconds,
        peak_rss_mb: run.peak_rss_mb,
        ratio_to_floor: run.seconds / fl.seconds,
        cpu_ratio_to_floor: run.cpu_seconds === null ? null : run.cpu_seconds / fl.cpu_seconds,
        steps: stepDurations(run.lines, run.start + run.seconds * 1000),
        rss_timeline_mb: run.timeline,
      },
      stages: run.stages.map(({ window: _w, ...s }) => ({ ...s, ratio_to_floor: s.seconds / fl.seconds })),
      unaccounted_seconds: run.seconds - run.stages.filter((s) => !CONTAINER_STAGES.has(s.stage)).reduce((a, s) => a + s.seconds, 0),
      pages,
      render,
      incremental: null,
    };
    result.targets = targets(result);

    const out = opts.json ?? path.join(benchDir(), `e2e-${lines}-${result.when.replace(/[:.]/g, "").slice(0, 15)}.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    // The full build's figures are written first: the incremental part takes three more builds,
    // and a run stopped during them keeps what it measured.
    fs.writeFileSync(out, JSON.stringify(result, null, 1) + "\n");
    if (!opts.skipIncremental) {
      console.log(`[bench e2e] full build's figures written to ${path.relative(process.cwd(), out) || out}; now the incremental part`);
      result.incremental = await incrementalRun(lines, work, echo);
      (result.machine as Record<string, unknown>).load_average_after = os.loadavg().map((x) => +x.toFixed(2));
      fs.writeFileSync(out, JSON.stringify(result, null, 1) + "\n");
    }
    // the build's own output beside the figures, for reading what a stage did
    fs.writeFileSync(out.replace(/\.json$/, "") + ".log", run.lines.map((l) => `${((l.at - run.start) / 1000).toFixed(2).padStart(7)}  ${l.text}`).join("\n") + "\n");
    console.log(report(result));
    console.log(`\n[bench e2e] figures written to ${path.relative(process.cwd(), out) || out}`);
    if (opts.compare) {
      const old = JSON.parse(fs.readFileSync(opts.compare, "utf8")) as E2eResult;
      console.log(`\n== compared with ${opts.compare} ==\n${compareResults(old, result)}`);
    }
  } finally {
    unhook();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Adding one month to a warehouse: the sample with its order lines as 69 monthly exports in
 * one folder source; a warehouse built from all but the last month (not timed), then a build
 * with the last month dropped into the folder (the 68 others and the other exports unchanged),
 * then a full build of all of them into a fresh warehouse. Both builds run the whole pipeline
 * to the site.
 */
async function incrementalRun(lines: number, work: string, echo: (l: string) => void): Promise<NonNullable<E2eResult["incremental"]>> {
  const sample = await benchSample(lines, (m) => console.log(`[bench e2e] ${m}`), { byMonth: true });
  const months = fs.readdirSync(sample.dir).filter((f) => /^order_lines-\d{4}-\d{2}\.csv$/.test(f)).sort();
  const dir = path.join(work, "incremental");
  // As a user configures monthly exports: one folder source that the ERP's export job drops a
  // file into each month (hard links to the sample's files, so nothing is copied).
  const folder = path.join(dir, "order_lines");
  const fill = (upTo: number) => {
    fs.mkdirSync(folder, { recursive: true });
    for (const f of months.slice(0, upTo)) {
      const to = path.join(folder, f);
      if (fs.existsSync(to)) continue;
      try {
        fs.linkSync(path.join(sample.dir, f), to);
      } catch {
        fs.copyFileSync(path.join(sample.dir, f), to);
      }
    }
  };
  const sources = (upTo: number) => {
    fill(upTo);
    return sampleSources(sample.dir).map((s) => (s.table === "order_lines" ? { ...s, path: folder } : s));
  };
  const config = path.join(dir, "kam.config.json");
  const env = envFor(dir, config);
  const quiet = (l: string) => {
    if (!/^\//.test(l)) echo(l); // the per-file ingest lines would be 73 lines a build
  };
  const must = (r: BuildRun, what: string) => {
    if (r.code !== 0) throw new Error(`bench e2e: the ${what} build exited with ${r.code}; its output is above`);
    return r;
  };
  console.log(`[bench e2e] incremental: warehouse of ${months.length - 1} monthly exports (not timed)`);
  writeConfig(config, sources(months.length - 1));
  const base = must(await build("base", env, dir, quiet), "base");
  console.log(`[bench e2e] incremental: + ${months.at(-1)}`);
  writeConfig(config, sources(months.length));
  const inc = must(await build("incremental", env, dir, quiet), "incremental");
  console.log(`[bench e2e] incremental: full build of all ${months.length} monthly exports into a fresh warehouse`);
  fs.rmSync(path.join(dir, "warehouse"), { recursive: true, force: true });
  const full = must(await build("full", env, dir, quiet), "full");
  fs.rmSync(dir, { recursive: true, force: true });
  const brief = (r: BuildRun) => r.stages.map((s) => ({ stage: s.stage, seconds: +s.seconds.toFixed(3), count: s.count }));
  return {
    months: months.length,
    added: months.at(-1)!,
    base_seconds: base.seconds,
    full_seconds: full.seconds,
    incremental_seconds: inc.seconds,
    ratio: inc.seconds / full.seconds,
    files_parsed: { incremental: inc.stages.find((s) => s.stage === "ingest.parse")?.count ?? 0, full: full.stages.find((s) => s.stage === "ingest.parse")?.count ?? 0 },
    peak_rss_mb: { incremental: inc.peak_rss_mb, full: full.peak_rss_mb },
    stages: { incremental: brief(inc), full: brief(full) },
  };
}

interface Target {
  what: string;
  value: number;
  target: number;
  unit: string;
  met: boolean;
}

/** The targets (16) for this size: 10M lines raw -> site within 30 s, ~2.5x the floor, < 1.5 GB; pages <= 1.5 MB. */
function targets(r: E2eResult): Target[] {
  const t = (what: string, value: number, target: number, unit: string): Target => ({ what, value: +value.toFixed(3), target, unit, met: value <= target });
  // without the site (--skip-site), the 100M target: ingest + models + CLV in 10 minutes and 2 GB
  if (r.site_built === false) {
    const large = r.lines >= 100_000_000;
    const list = [t("ingest + models + CLV, x floor", r.build.ratio_to_floor, 2.5, "x"), t("peak RSS of the build's process tree", r.build.peak_rss_mb, large ? 2048 : 1536, "MB")];
    if (large) list.unshift(t(`ingest + models + CLV at ${r.lines / 1e6}M lines`, r.build.seconds, 600, "s"));
    return list;
  }
  const list = [
    t("build raw files -> site, x floor", r.build.ratio_to_floor, 2.5, "x"),
    t("peak RSS of the build's process tree", r.build.peak_rss_mb, 1536, "MB"),
  ];
  if (r.lines === 10_000_000) list.unshift(t("build raw files -> site at 10M lines", r.build.seconds, 30, "s"));
  // the executive pages within 1.5 MB each; a dossier's own data under 50 KB (issue 11)
  const dossiers = Object.entries(r.pages).filter(([page]) => page.startsWith("accounts/"));
  // page data counts every file a page registers (/concentration: each measure and slice kind, of
  // which one view fetches a few); what a reader's view transfers is the budget, when measured
  if (!r.render)
    for (const [page, p] of Object.entries(r.pages)) if (!page.startsWith("accounts/")) list.push(t(`page data of /${page}`, p.data_bytes / MB, 1.5, "MB"));
  // its own file (accounts/<id>.json); the search list and the availability notes are shared by all
  const own = (p: { files?: Record<string, number> }) => Object.entries(p.files ?? {}).filter(([f]) => f.includes("/accounts/")).reduce((a, [, n]) => a + n, 0);
  if (dossiers.length) list.push(t(`largest dossier's own data (of ${dossiers.length})`, Math.max(...dossiers.map(([, p]) => own(p))) / 1024, 50, "KB"));
  for (const [route, p] of Object.entries((r.render ?? {}) as Record<string, PageRender>)) {
    list.push(t(`${route} rendered (faster of two loads)`, p.ms / 1000, 1.5, "s"));
    list.push(t(`${route} transferred (code and data)`, p.transferred_bytes / MB, 1.5, "MB"));
  }
  return list;
}

function report(r: E2eResult): string {
  const fl = r.floor as { seconds: number; cpu_seconds: number; before: number; after: number };
  const b = r.build;
  const rows = [["stage", "s", "x floor", "share", "peak MB", "largest parts (s)"]];
  for (const s of r.stages as (Stage & { ratio_to_floor: number })[]) {
    const parts = s.parts ? Object.entries(s.parts).slice(0, 3).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(", ") : "";
    const nested = CONTAINER_STAGES.has(s.stage) ? " (contains others)" : "";
    rows.push([s.stage + nested, s.seconds.toFixed(2), s.ratio_to_floor.toFixed(2), `${((100 * s.seconds) / r.build.seconds).toFixed(0)}%`, String(s.peak_rss_mb ?? ""), parts]);
  }
  rows.push(["(process start, module loading, between stages)", (r.unaccounted_seconds as number).toFixed(2), "", "", "", ""]);
  const memory = [["stage", "peak MB", "largest peaks while a part ran (MB)"]];
  for (const s of r.stages as (Stage & { part_peak_rss_mb?: Record<string, number> })[])
    if (s.part_peak_rss_mb) memory.push([s.stage, String(s.peak_rss_mb), Object.entries(s.part_peak_rss_mb).slice(0, 4).map(([k, v]) => `${k} ${v}`).join(", ")]);
  const pages = [["page", "data KB", "largest files"]];
  for (const [p, d] of Object.entries(r.pages as Record<string, { data_bytes: number; files: Record<string, number> }>))
    pages.push([p, (d.data_bytes / 1024).toFixed(0), Object.entries(d.files).slice(0, 3).map(([k, v]) => `${k} ${(v / 1024).toFixed(0)} KB`).join(", ")]);
  const tg = [["target", "value", "target", "met"], ...(r.targets as Target[]).map((t) => [t.what, `${t.value} ${t.unit}`, `${t.target} ${t.unit}`, t.met ? "met" : "MISSED"])];
  const m = r.machine as ReturnType<typeof machine> & { load_average_before: number[] };
  const lines = [
    `\n== bench e2e: ${r.lines} lines (${r.order_lines_loaded} order lines loaded), ${m.cpus} cores ${m.model}, load ${m.load_average_before.join(" ")} ==`,
    `floor  bare DuckDB read_csv of the CSV exports  ${s2(r.floor.seconds)} (mean of ${s2(fl.before)} before and ${s2(fl.after)} after the build), ${s2(fl.cpu_seconds)} CPU`,
    `build  kam build, raw exports -> site           ${s2(r.build.seconds)}  ${r.build.ratio_to_floor.toFixed(2)}x floor, peak RSS ${r.build.peak_rss_mb} MB (process tree)` +
      (b.cpu_seconds == null ? "" : `; ${s2(b.cpu_seconds)} CPU = ${b.cpu_ratio_to_floor!.toFixed(2)}x the floor's CPU`),
    "",
    table(rows),
    "",
    table(memory),
    "",
    table(pages),
  ];
  if (r.incremental) {
    const inc = r.incremental as NonNullable<E2eResult["incremental"]> & { stages: Record<"full" | "incremental", { stage: string; seconds: number; count: number }[]>; files_parsed: Record<string, number>; months: number; added: string };
    lines.push(
      "",
      `incremental (${inc.months} monthly order-lines exports): full build ${s2(inc.full_seconds)}, + ${inc.added} on the warehouse of the others ${s2(inc.incremental_seconds)} = ${inc.ratio.toFixed(2)} of the full build; files parsed ${inc.files_parsed.incremental} vs ${inc.files_parsed.full}`,
    );
    const names = [...new Set([...inc.stages.full, ...inc.stages.incremental].map((s) => s.stage))];
    const get = (list: { stage: string; seconds: number }[], n: string) => list.find((s) => s.stage === n)?.seconds;
    const rows2 = [["stage", "full s", "+1 month s"], ...names.map((n) => [n, get(inc.stages.full, n)?.toFixed(2) ?? "", get(inc.stages.incremental, n)?.toFixed(2) ?? ""])];
    lines.push(table(rows2));
  }
  lines.push("", table(tg));
  return lines.join("\n");
}
