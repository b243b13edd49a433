// A GBK export's decoded UTF-8 copy is removed as soon as the stage is written, before the merge
// (at 100M lines it is 13 GB of disk), and the rejects still carry each refused row's own text.
import fs from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { readProfile } from "../../loaders/bench/profile.ts";
import { ingest, query, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.KAM_PROFILE;
});

describe("the decoded copy of a GBK export", () => {
  it("is gone before the merge; ragged and unterminated rows are rejected with their text", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const text = [
      "order_id,line_no,order_date,customer_id,customer_name,product_id,quantity,amount",
      "SO1,1,2024-01-05,C1,甲公司,P1,1,5",
      "SO2,1,2024-01-06,C2,乙公司,P1,1,6,多余",
      'SO3,1,2024-01-07,C3,"丙公司,P1,1,7',
      "SO4,1,2024-01-08,C4,丁公司,P1,1,8",
    ].join("\n") + "\n";
    const file = path.join(dir, "orders.csv");
    fs.writeFileSync(file, iconv.encode(text, "gbk"));
    const profile = path.join(dir, "profile.jsonl");
    process.env.KAM_PROFILE = profile;
    const removed: { file: string; at: number }[] = [];
    const rm = fs.rmSync;
    vi.spyOn(fs, "rmSync").mockImplementation((p, o) => {
      if (/kam-decode-/.test(String(p)) && fs.existsSync(p)) removed.push({ file: String(p), at: performance.timeOrigin + performance.now() });
      return rm(p, o);
    });
    const r = await ingest(dir, [{ path: file, table: "order_lines" }], { thresholds: { min_rows: 10 } });
    expect(r.files[0]).toMatchObject({ error: null, encoding: "gb18030", read: 4, loaded: 2, rejected: 2 });
    const merge = readProfile(profile).find((l) => l.stage === "ingest.merge")!;
    // the decoded copy, then the copy with the unterminated row blanked: both before the merge
    expect(removed.length).toBe(2);
    for (const x of removed) expect(x.at).toBeLessThan(merge.start);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("kam-decode-"))).toEqual([]);
    const rejects = await query<{ row_number: number; raw_value: string; reason_class: string }>(dir, `SELECT row_number, raw_value, reason_class FROM ingest_rejects ORDER BY 1`);
    expect(rejects.map((x) => [x.row_number, x.raw_value, x.reason_class])).toEqual([
      [3, "SO2,1,2024-01-06,C2,乙公司,P1,1,6,多余", "structure"],
      [4, 'SO3,1,2024-01-07,C3,"丙公司,P1,1,7', "structure"],
    ]);
  });
});
