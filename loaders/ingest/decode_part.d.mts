// Types of decode_part.mjs (plain JS so that a worker thread runs it without the TypeScript loader).
export interface PartResult {
  /** newline bytes in the part (its lines, when it ends in one) */
  newlines: number;
  /** lines of the part that are UTF-8 CJK text, by index in the part (0 = its first line) */
  found: number[];
  /** the first TEXTS_MAX of them with their text */
  texts: [number, string][];
}
export interface PartJob {
  src: string;
  dst: string;
  /** byte range [start, end) of src; start is a line's start */
  start: number;
  end: number;
  encoding: string;
  /** the range is the file's start (iconv-lite drops a byte order mark there) */
  first: boolean;
  /** the newline byte: count lines and look for UTF-8 ones; undefined = only decode */
  newline?: number;
  onBytes?: (n: number) => void;
}
export const TEXTS_MAX: number;
export function isUtf8Cjk(line: Buffer): boolean;
export function nativeDecoder(encoding: string): TextDecoder | null;
export function decodePart(job: PartJob): Promise<PartResult>;
