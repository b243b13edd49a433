// A file the ingest cannot use at all (as opposed to rows it rejects).

/** The headers a message may show: only those of what looks like an export's header row (two
 * fields or more, none of them long), so that a path pointing at some other file (a key, a
 * password file) never puts its content into a message; and never more than the header row. */
export function foundHeaders(headers: string[]): string {
  if (!headers.length) return "";
  const plausible = headers.length >= 2 && headers.every((h) => h.length <= 64) && headers.length <= 500;
  if (!plausible) return `\n  its first line is not a header row of an export (${headers.length} field${headers.length === 1 ? "" : "s"}${headers.some((h) => h.length > 64) ? ", some very long" : ""}); is it the right file?`;
  const shown = headers.slice(0, 60).map((h) => JSON.stringify(h)).join(", ");
  return `\n  headers found: ${shown}${headers.length > 60 ? `, … (${headers.length} in all)` : ""}`;
}
export class UnusableFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly headers: string[] = [],
  ) {
    super(`${file}: ${problem}${foundHeaders(headers)}`);
  }

  /** The same problem, with what the reader noticed before it (an encoding setting that contradicts the file, ...). */
  withNotes(notes: string[]): UnusableFileError {
    if (!notes.length) return this;
    return new UnusableFileError(this.file, `${this.problem}${notes.map((n) => `\n  note: ${n}`).join("")}`, this.headers);
  }
}
