// The e2e benchmark's arithmetic: stage sums from profile spans, Framework's loader lines,
// the CLV step from the build's step lines, page data from built HTML, the comparison.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildSteps, compareResults, loaderLines, pageData, stageTable, stepDurations, type E2eResult } from "../../loaders/bench/e2e-report.ts";
import { readProfile, record, span, startSpan } from "../../loaders/bench/profile.ts";
import { treeRss } from "../../loaders/bench/rss.ts";

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "kam-bench-test-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const line = (stage: string, start: number, ms: number, detail: Record<string, unknown> = {}) => ({ stage, start, ms, pid: 1, ...detail });

describe("profile", () => {
  it("writes nothing without KAM_PROFILE and one line per span with it", async () => {
    const file = path.join(tmp(), "p.jsonl");
    const before = process.env.KAM_PROFILE;
    delete process.env.KAM_PROFILE;
    expect(await span("a", async () => 7)).toBe(7);
    startSpan("b")();
    expect(fs.existsSync(file)).toBe(false);
    process.env.KAM_PROFILE = file;
    try {
      expect(await span("a", async () => 8, { file: "x.csv" })).toBe(8);
      await expect(span("failing", async () => { throw new Error("no"); })).rejects.toThrow("no");
      record("c", 1000, 250);
    } finally {
      if (before === undefined) delete process.env.KAM_PROFILE;
      else process.env.KAM_PROFILE = before;
    }
    const lines = readProfile(file);
    expect(lines.map((l) => l.stage)).toEqual(["a", "failing", "c"]);
    expect(lines[0]).toMatchObject({ file: "x.csv", pid: process.pid });
    expect(lines[2]).toMatchObject({ start: 1000, ms: 250 });
  });
});

describe("stage table", () => {
  const framework = [
    { at: 10_000, text: "\x1b[36mload\x1b[39m /data/customers.json \x1b[90m→\x1b[39m \x1b[90m[missing] \x1b[39m\x1b[32msuccess\x1b[39m \x1b[36m4.2 MB\x1b[39m \x1b[90min 1500ms\x1b[39m" },
    { at: 10_600, text: "load /data/kpi-year.json → [missing] success 2 kB in 500ms" },
    { at: 10_700, text: "load /index in 257ms" },
    { at: 5_000, text: "[build] models (CLV included) and data tests (5.0 s)" },
    { at: 7_500, text: "[build] report site (7.5 s)" },
  ];
  it("reads Framework's loader lines (colours or not) and the build's steps", () => {
    expect(loaderLines(framework)).toEqual([
      { file: "data/customers.json", ms: 1500, at: 10_000 },
      { file: "data/kpi-year.json", ms: 500, at: 10_600 },
    ]);
    expect(buildSteps(framework).map((s) => s.step)).toEqual(["models (CLV included) and data tests", "report site"]);
    expect(stepDurations(framework, 11_000)).toEqual({ "models (CLV included) and data tests": 2.5, "report site": 3.5 });
  });

  it("sums spans per stage with their parts, keeps read exclusive of decode and marts of CLV, derives loaders and render", () => {
    const profile = [
      line("ingest.read", 100, 900, { file: "o.csv" }),
      line("ingest.decode", 150, 800, { file: "o.csv" }),
      line("ingest.read", 1000, 300, { file: "c.xlsx" }),
      line("models.marts", 2000, 400, { model: "marts.a" }),
      line("models.marts", 2400, 100, { model: "marts.b" }),
      line("models.marts", 2500, 700, { model: "marts.clv_customers" }),
      line("clv", 2510, 690),
      line("site.framework", 8000, 3000),
    ];
    const stages = stageTable(profile, framework);
    const by = Object.fromEntries(stages.map((s) => [s.stage, s]));
    expect(stages.map((s) => s.stage)).toEqual(["ingest.decode", "ingest.read", "models.marts", "clv", "site.framework", "site.pages", "site.loaders", "site.render"]);
    // the CLV model's own span, not also inside models.marts
    expect(by["ingest.read"].seconds).toBeCloseTo(0.4, 9); // 0.9 + 0.3 - 0.8 of decoding
    expect(by["ingest.read"].parts).toEqual({ "c.xlsx": 0.3, "o.csv": expect.closeTo(0.1, 9) });
    expect(by["models.marts"]).toMatchObject({ seconds: 0.5, count: 2, parts: { "marts.a": 0.4, "marts.b": 0.1 } });
    expect(by.clv.seconds).toBe(0.69);
    expect(by["site.loaders"]).toMatchObject({ seconds: 2, count: 2 });
    expect(by["site.pages"]).toMatchObject({ seconds: 0.257, parts: { "/index": 0.257 } });
    expect(by["site.render"].seconds).toBeCloseTo(3 - 2 - 0.257, 9);
  });
});

describe("page data", () => {
  it("sums the data files each built page registers, by their size on disk", () => {
    const dist = tmp();
    fs.mkdirSync(path.join(dist, "_file/data"), { recursive: true });
    fs.mkdirSync(path.join(dist, "accounts"));
    fs.writeFileSync(path.join(dist, "_file/data/a.1234.json"), "x".repeat(1000));
    fs.writeFileSync(path.join(dist, "_file/data/b.5678.json"), "y".repeat(24));
    const reg = (name: string, p: string) => `registerFile(${JSON.stringify(name)}, ${JSON.stringify({ name, mimeType: "application/json", path: p, size: 1 })});`;
    fs.writeFileSync(path.join(dist, "index.html"), `<script type="module">${reg("./data/a.json", "./_file/data/a.1234.json")}\n${reg("./data/b.json", "./_file/data/b.5678.json")}</script>`);
    fs.writeFileSync(path.join(dist, "accounts/x.html"), `<script>${reg("../data/b.json", "../_file/data/b.5678.json")}</script>`);
    fs.writeFileSync(path.join(dist, "plain.html"), "<p>no data</p>");
    expect(pageData(dist)).toEqual({
      "accounts/x": { data_bytes: 24, files: { "../data/b.json": 24 } },
      index: { data_bytes: 1024, files: { "./data/a.json": 1000, "./data/b.json": 24 } },
      plain: { data_bytes: 0, files: {} },
    });
  });
});

describe("compare", () => {
  it("compares stages as ratios to each run's own floor", () => {
    const run = (floor: number, build: number, marts: number): E2eResult => ({
      suite: "e2e",
      when: "",
      lines: 1000,
      floor: { seconds: floor },
      build: { seconds: build, peak_rss_mb: 100, ratio_to_floor: build / floor },
      stages: [{ stage: "models.marts", seconds: marts }],
      pages: { index: { data_bytes: 2048 } },
    });
    // the second machine is twice as slow: same ratios, no change; marts got 50% slower relative to the floor
    const text = compareResults(run(10, 30, 2), run(20, 60, 6));
    const row = (label: string) => text.split("\n").find((l) => l.trimStart().startsWith(label))!.trim().split(/\s{2,}/);
    expect(row("build, raw files")).toEqual(["build, raw files -> site", "30.00", "60.00", "3.00", "3.00", "+0%"]);
    expect(row("models.marts")).toEqual(["models.marts", "2.00", "6.00", "0.20", "0.30", "+50%"]);
    expect(row("page data index")).toEqual(["page data index (KB)", "2.00", "2.00", "+0%"]);
  });
});

describe("process tree RSS", () => {
  it("counts this process", () => {
    const { rss, processes } = treeRss(process.pid);
    expect(processes).toBeGreaterThanOrEqual(1);
    expect(rss).toBeGreaterThanOrEqual(process.memoryUsage().rss * 0.5);
  });
});
