// A file the ingest cannot use at all (as opposed to rows it rejects).
export class UnusableFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly headers: string[] = [],
  ) {
    const found = headers.length ? `\n  headers found: ${headers.map((h) => JSON.stringify(h)).join(", ")}` : "";
    super(`${file}: ${problem}${found}`);
  }

  /** The same problem, with what the reader noticed before it (an encoding setting that contradicts the file, ...). */
  withNotes(notes: string[]): UnusableFileError {
    if (!notes.length) return this;
    return new UnusableFileError(this.file, `${this.problem}${notes.map((n) => `\n  note: ${n}`).join("")}`, this.headers);
  }
}
