// A GBK/GB18030 export decoded in parts on worker threads gives the bytes of decoding it whole
// (WHATWG's decoder on the entire buffer, an independent reference), and the same pasted UTF-8
// lines, numbered in the file; its part files are gone afterwards, also when a part fails.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { isAscii, isUtf8 } from "node:buffer";
import { decodeToUtf8, isUtf8Cjk, partStarts } from "../../loaders/ingest/decode.ts";
import { tempDir } from "./helpers.ts";

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Lines as an export may hold them: GBK Chinese, ASCII, GB18030's four-byte characters, a line
 * pasted from a UTF-8 file, a quoted value with a line break inside, a lead byte cut off at the
 * line end, a byte order mark's GB18030 bytes at a line's start. */
const pieces: Buffer[] = [
  iconv.encode("SO1,1,2024-01-05,C1,甲公司,P1,1,10", "gb18030"),
  Buffer.from("SO2,1,2024-01-06,C2,ACME Ltd,P2,2,20"),
  iconv.encode("SO3,1,2024-01-07,C3,𠀀科技€,P3,1,30", "gb18030"),
  Buffer.from("SO4,1,2024-01-08,C4,上海客户,P1,1,40", "utf8"),
  iconv.encode('SO5,1,2024-01-09,C5,"乙\n商贸",P1,1,50', "gb18030"),
  Buffer.concat([Buffer.from("SO6,1,2024-01-10,C6,"), Buffer.from([0x81])]),
  Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), iconv.encode("丙钢铁,P1,1,60", "gb18030")]),
  Buffer.alloc(0),
];
const HEADER = iconv.encode("单据编号,行号,单据日期,客户编码,客户名称,商品编码,数量,金额", "gb18030");

/** The lines (1-based, the header not counted) that are valid UTF-8 with a character of 3+ bytes. */
function pastedLines(bytes: Buffer, nl: number): number[] {
  const out: number[] = [];
  let line = 1;
  let from = 0;
  for (;;) {
    const at = bytes.indexOf(nl, from);
    const b = bytes.subarray(from, at < 0 ? bytes.length : at);
    const text = b.toString("utf8");
    if (line > 1 && !text.includes("\uFFFD") && /[\u0800-\uFFFF]|[\uD800-\uDBFF]/.test(text)) out.push(line);
    if (at < 0) break;
    from = at + 1;
    line++;
  }
  return out;
}

let n = 0;
async function decodeBoth(bytes: Buffer, newline: "\n" | "\r", partMin: number, threads: number) {
  const src = path.join(dir, `src-${++n}.csv`);
  fs.writeFileSync(src, bytes);
  const whole = path.join(dir, `kam-decode-1-${n}.csv`);
  const parts = path.join(dir, `kam-decode-2-${n}.csv`);
  const one = await decodeToUtf8(src, whole, "gb18030", undefined, { newline }, { threads: 1 });
  let progress = 0;
  const par = await decodeToUtf8(src, parts, "gb18030", (d) => (progress = d), { newline }, { partMin, threads });
  return { one, par, whole: fs.readFileSync(whole), parts: fs.readFileSync(parts), progress };
}

describe("a line pasted from a UTF-8 file", () => {
  // the oracle: Node's own validator (simdutf), and a byte of a 3- or 4-byte character
  const oracle = (b: Buffer) => isUtf8(b) && !isAscii(b) && b.some((x) => x >= 0xe0);
  it("is UTF-8 as Node's isUtf8 says (no overlong form, surrogate or code point past U+10FFFF), with a character of 3+ bytes", () => {
    const edges = [
      [0xe4, 0xb8, 0x8a], [0xed, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xe0, 0x80, 0x80], [0xe0, 0xa0, 0x80], [0xc0, 0x80], [0xc2, 0x80],
      [0xf0, 0x90, 0x80, 0x80], [0xf0, 0x8f, 0xbf, 0xbf], [0xf4, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80],
      [0xe4, 0xb8], [0xf0, 0x90, 0x80], [0xcc, 0xa8], [0x41], [], [0xb9, 0xab, 0xcb, 0xbe],
    ];
    for (const e of edges) for (const pre of [[], [0x41, 0x2c]]) {
      const b = Buffer.from([...pre, ...e]);
      expect(isUtf8Cjk(b), b.toString("hex")).toBe(oracle(b));
    }
    const utf8ish = fc.oneof(
      fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a)),
      fc.string({ unit: "grapheme", maxLength: 20 }).map((t) => Buffer.from(t, "utf8")),
      fc.tuple(fc.string({ unit: "grapheme", maxLength: 20 }), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([t, at, x]) => {
        const b = Buffer.from(t, "utf8");
        if (b.length) b[at % b.length] = x;
        return b;
      }),
    );
    fc.assert(fc.property(utf8ish, (b) => isUtf8Cjk(b) === oracle(b)), { numRuns: 20_000, seed: 16 });
  });
});

describe("decoding a GBK export in parts", () => {
  it("gives the whole file's bytes and lines, whatever the parts", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: pieces.length - 1 }), { minLength: 0, maxLength: 60 }),
        fc.constantFrom<"\n" | "\r">("\n", "\r"),
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 2, max: 3 }),
        fc.boolean(),
        async (picks, newline, parts, threads, bom) => {
          const nl = Buffer.from(newline);
          const lines = [HEADER, ...picks.map((i) => pieces[i])];
          const bytes = Buffer.concat([bom ? Buffer.from([0x84, 0x31, 0x95, 0x33]) : Buffer.alloc(0), ...lines.flatMap((l) => [l, nl])]);
          const r = await decodeBoth(bytes, newline, Math.max(1, Math.floor(bytes.length / parts)), threads);
          const reference = Buffer.from(new TextDecoder("gb18030").decode(bytes), "utf8");
          expect(r.parts.equals(reference)).toBe(true);
          expect(r.whole.equals(reference)).toBe(true);
          const pasted = pastedLines(bytes, nl[0]);
          expect(r.par.utf8Lines).toEqual(pasted);
          expect(r.one.utf8Lines).toEqual(pasted);
          expect([...r.par.utf8Texts.keys()]).toEqual(pasted);
          for (const l of pasted) expect(r.par.utf8Texts.get(l)).toBe("SO4,1,2024-01-08,C4,上海客户,P1,1,40");
          expect(r.progress).toBe(bytes.length);
        },
      ),
      { numRuns: 40, seed: 16 },
    );
    // each part file was appended and removed
    expect(fs.readdirSync(dir).filter((f) => /^kam-decode-\d+-\d+-\d+/.test(f))).toEqual([]);
  });

  it("cuts only just after a newline, and not at all within a line longer than the search", () => {
    const file = path.join(dir, "cuts.csv");
    fs.writeFileSync(file, Buffer.from("aaaa\nbbbbbbbb\ncc\ndddddddddddd\n"));
    const starts = partStarts(file, fs.statSync(file).size, 0x0a, 4);
    const text = fs.readFileSync(file);
    expect(starts[0]).toBe(0);
    for (const s of starts.slice(1)) expect(text[s - 1]).toBe(0x0a);
    expect(starts).toEqual([...new Set(starts)].sort((a, b) => a - b));
    expect(starts.length).toBeGreaterThan(1);
    const long = path.join(dir, "long.csv");
    fs.writeFileSync(long, Buffer.concat([Buffer.alloc(40 << 20, 0x61), Buffer.from("\n")]));
    expect(partStarts(long, fs.statSync(long).size, 0x0a, 2)).toEqual([0]);
  });

  it("leaves no part file when a part cannot be written, and says which", async () => {
    const src = path.join(dir, "fail.csv");
    fs.writeFileSync(src, iconv.encode(Array.from({ length: 200 }, (_, i) => `SO${i},甲公司`).join("\n") + "\n", "gb18030"));
    const dst = path.join(dir, "kam-decode-3-1.csv");
    fs.mkdirSync(path.join(dir, "kam-decode-3-1-2.csv")); // part 2's file cannot be written
    const size = fs.statSync(src).size;
    await expect(decodeToUtf8(src, dst, "gb18030", undefined, { newline: "\n" }, { partMin: Math.floor(size / 4), threads: 2 })).rejects.toThrow(/kam-decode-3-1-2\.csv/);
    fs.rmdirSync(path.join(dir, "kam-decode-3-1-2.csv"));
    // the other parts' files are gone (part 0's is the caller's to remove)
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("kam-decode-3-"))).toEqual(["kam-decode-3-1.csv"]);
  });
});
