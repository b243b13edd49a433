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
  return command.run(rest);
}
