// A path is a path: DuckDB's readers expand glob patterns (`*`, `?`, `[...]`, `{a,b}`) in the
// file names they are given, so `order_lines[1].csv` would read `order_lines1.csv` and
// `order_lines*.csv` every file that matches. A path with such a character is handed to DuckDB
// as a link with a plain name instead (a symbolic link, else a hard link, else a copy).
import fs from "node:fs";
import path from "node:path";

const GLOB = /[*?[\]{}]/;

export const hasGlobCharacters = (file: string) => GLOB.test(file);

let seq = 0;

/** The file under a name DuckDB reads literally, and how to remove that name again. */
export function literalPath(file: string, tempDir: string): { path: string; cleanup(): void } {
  if (!hasGlobCharacters(file)) return { path: file, cleanup() {} };
  fs.mkdirSync(tempDir, { recursive: true });
  const link = path.join(tempDir, `kam-link-${process.pid}-${++seq}${path.extname(file).replace(GLOB, "")}`);
  fs.rmSync(link, { force: true });
  try {
    fs.symlinkSync(path.resolve(file), link);
  } catch {
    try {
      fs.linkSync(file, link);
    } catch {
      fs.copyFileSync(file, link);
    }
  }
  return { path: link, cleanup: () => fs.rmSync(link, { force: true }) };
}
