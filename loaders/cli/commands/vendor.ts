// `kam vendor`: fill Observable Framework's npm cache from node_modules (run before
// `observable preview` by `npm run dev`, and by every site build).
import type { Command } from "../kam.ts";
import { vendorPackages } from "../../site/vendor.ts";

const command: Command = {
  summary: "copy the site's browser libraries from node_modules into Framework's npm cache (no CDN)",
  async run(argv) {
    if (argv.includes("--help")) {
      console.log("usage: kam vendor [--force] [--list]\n\n--force  rebuild even when the cache is up to date\n--list   print every vendored module and its size");
      return 0;
    }
    const unknown = argv.filter((a) => a !== "--force" && a !== "--list");
    if (unknown.length) {
      console.error(`kam vendor: unknown option ${unknown[0]}`);
      return 2;
    }
    const report = await vendorPackages({ force: argv.includes("--force") });
    const bytes = report.modules.reduce((s, m) => s + m.bytes, 0);
    const state = report.upToDate ? "already up to date" : `filled in ${Math.round(report.ms)} ms`;
    console.log(`[vendor] ${report.modules.length} modules, ${(bytes / 1024).toFixed(0)} KiB: ${state}`);
    if (argv.includes("--list")) {
      for (const m of report.modules) console.log(`  ${m.file.padEnd(42)} ${(m.bytes / 1024).toFixed(1).padStart(7)} KiB`);
      console.log(`  not vendored (named by Framework's client; a page using one fails the build until it is added to loaders/site/vendor.ts): ${report.placeholders.join(", ")}`);
    }
    return 0;
  },
};
export default command;
