// The generator's building blocks: arithmetic-only ln/exp, the seeded PRNG, the calendar,
// integer-based number formatting, and workbooks that do not change with the clock.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { civilFromDays, daysFromCivil, isoDate, weekday } from "../../loaders/sample/calendar.ts";
import { csvField, formatCents, formatMilli } from "../../loaders/sample/format.ts";
import { exp, ln } from "../../loaders/sample/math.ts";
import { Random } from "../../loaders/sample/random.ts";
import { writeXlsx } from "../../loaders/sample/writers/xlsx.ts";

describe("ln and exp from + - * / only", () => {
  it("agree with Math.log and Math.exp to 1e-14 relative", () => {
    const rng = new Random(1);
    for (let i = 0; i < 2000; i++) {
      const x = exp(rng.uniform(-30, 30)) ;
      expect(Math.abs(ln(x) - Math.log(x))).toBeLessThan(1e-13 * Math.max(1, Math.abs(Math.log(x))));
      const y = rng.uniform(-50, 50);
      expect(Math.abs(exp(y) / Math.exp(y) - 1)).toBeLessThan(1e-14);
    }
    expect(ln(1)).toBe(0);
    expect(exp(0)).toBe(1);
    expect(() => ln(0)).toThrow(RangeError);
  });
});

describe("Random", () => {
  it("repeats a seed's sequence and differs between seeds", () => {
    const a = new Random(42), b = new Random(42), c = new Random(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });

  it("mulberry32's first output for seed 0 is the reference value", () => {
    // mulberry32(0) first output: 0x6d2b79f5 scrambled = 1144304738 / 2^32
    expect(new Random(0).next() * 4294967296).toBe(1144304738);
  });

  it("draws normal, Poisson and uniform values with the right moments", () => {
    const rng = new Random(7);
    const n = 40_000;
    let s = 0, s2 = 0, p = 0, u = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z; s2 += z * z;
      p += rng.poisson(3.5);
      u += rng.int(1, 6);
    }
    expect(Math.abs(s / n)).toBeLessThan(0.02);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.03);
    expect(Math.abs(p / n - 3.5)).toBeLessThan(0.04);
    expect(Math.abs(u / n - 3.5)).toBeLessThan(0.03);
  });
});

describe("calendar", () => {
  it("converts civil dates both ways across leap years, without Date", () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2021, 1, 1)).toBe(18628);
    expect(isoDate(daysFromCivil(2024, 2, 29))).toBe("2024-02-29");
    expect(isoDate(daysFromCivil(2024, 2, 29) + 1)).toBe("2024-03-01");
    for (let d = 18000; d < 21000; d += 17) {
      const { y, m, d: dd } = civilFromDays(d);
      expect(daysFromCivil(y, m, dd)).toBe(d);
      expect(isoDate(d)).toBe(new Date(d * 86_400_000).toISOString().slice(0, 10));
    }
    expect(weekday(daysFromCivil(2026, 9, 30))).toBe(3); // a Wednesday
  });
});

describe("formatting", () => {
  it("formats cents and thousandths from integers", () => {
    expect(formatCents(123456789, true)).toBe("1,234,567.89");
    expect(formatCents(-100, true)).toBe("-1.00");
    expect(formatCents(5)).toBe("0.05");
    expect(formatMilli(12500)).toBe("12.5");
    expect(formatMilli(-3000)).toBe("-3");
    expect(formatMilli(1)).toBe("0.001");
    expect(() => formatCents(1.5)).toThrow(RangeError);
    expect(csvField("1,234.00")).toBe('"1,234.00"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });
});

describe("writeXlsx", () => {
  afterEach(() => vi.useRealTimers());

  it("writes the same bytes whatever the clock says", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-xlsx-"));
    const files = [path.join(dir, "a.xlsx"), path.join(dir, "b.xlsx")];
    const rows = [["C000001", "唐山恒泰钢铁有限公司", 3]];
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-05-06T07:08:09Z"));
    await writeXlsx(files[0], "客户档案", ["客户编码", "客户名称", "行业影响力"], rows);
    vi.setSystemTime(new Date("2011-12-13T14:15:16Z"));
    await writeXlsx(files[1], "客户档案", ["客户编码", "客户名称", "行业影响力"], rows);
    expect(fs.readFileSync(files[0]).equals(fs.readFileSync(files[1]))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
