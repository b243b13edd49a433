// `kam <command> [args]`: one command per file in ./commands, loaded on demand so that
// `kam clv` does not pay for DuckDB and `kam ingest` does not pay for the optimizer.
// Exit codes: 0 success, 1 a run that failed on its data, 2 a usage error.

export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

const commands: Record<string, () => Promise<{ default: Command }>> = {
  sample: () => import("./commands/sample.ts"),
  ingest: () => import("./commands/ingest.ts"),
  transform: () => import("./commands/transform.ts"),
  clv: () => import("./commands/clv.ts"),
  vendor: () => import("./commands/vendor.ts"),
  preview: () => import("./commands/preview.ts"),
  build: () => import("./commands/build.ts"),
  bench: () => import("./commands/bench.ts"),
  pdf: () => import("./commands/pdf.ts"),
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    const lines = await Promise.all(
      Object.entries(commands).map(async ([n, load]) => {
        const summary = await load().then((m) => m.default.summary, () => "(not available)");
        return `  kam ${n.padEnd(10)} ${summary}`;
      }),
    );
    console.log(["usage: kam <command> [options]", "", ...lines].join("\n"));
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    console.error(`kam: unknown command '${name}'. Commands: ${Object.keys(commands).join(", ")}`);
    return 2;
  }
  const command = (await load()).default;
  try {
    return await command.run(rest);
  } catch (e) {
    const { message, code } = explain(e);
    console.error(`kam ${name}: ${message}`);
    if (process.env.KAM_DEBUG && e instanceof Error && e.stack) console.error(e.stack);
    return code;
  }
}

/** What went wrong, for people: a clear line instead of a stack trace (KAM_DEBUG=1 adds it), and
 * the exit code: 2 for what the user must change (config, paths, settings), 1 for the rest. */
export function explain(e: unknown): { message: string; code: number } {
  const err = e as NodeJS.ErrnoException & { name?: string };
  const msg = String(err?.message ?? e);
  if (err?.name === "ConfigError" || err?.constructor?.name === "ConfigError") return { message: msg, code: 2 };
  if (["WarehouseBusyError", "WarehouseWrittenError", "UsageError"].includes(err?.constructor?.name ?? "")) return { message: msg, code: err.constructor.name === "UsageError" ? 2 : 1 };
  // The project's own failures are written for people, over several lines where they list what
  // failed (each data test with an example row): say them whole.
  if (["DataTestError", "ModelError", "SiteBuildError", "SummaryFileError", "UnusableFileError"].includes(err?.constructor?.name ?? ""))
    return { message: msg.length > 8000 ? `${msg.slice(0, 8000)} …` : msg, code: 1 };
  const where = err?.path ? ` ${err.path}` : "";
  switch (err?.code) {
    case "EACCES":
    case "EPERM":
      return { message: `no permission to write or read${where}: choose a folder you can write (KAM_DB, --db) or fix its permissions`, code: 2 };
    case "EROFS":
      return { message: `${where.trim() || "the folder"} is on a read-only file system: choose a writable place for the warehouse (KAM_DB, --db)`, code: 2 };
    case "ENOSPC":
      return { message: `the disk is full${where ? ` (writing${where})` : ""}: free some space (a failed run leaves the last good warehouse and site)`, code: 1 };
    case "EISDIR":
      return { message: `${where.trim()} is a folder where a file was expected`, code: 2 };
    case "ENOTDIR":
      return { message: `a part of${where} is a file where a folder was expected`, code: 2 };
    case "ENOENT":
      return { message: `no such file or folder:${where}`, code: 2 };
  }
  // DuckDB's messages can run over several lines (and quote data): keep the first.
  const first = msg.split("\n")[0].slice(0, 500);
  return { message: `${first}${process.env.KAM_DEBUG ? "" : " (KAM_DEBUG=1 shows where it happened)"}`, code: 1 };
}
