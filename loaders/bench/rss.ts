// Peak memory of a whole process tree (a build starts Framework, which starts one process
// per data loader): every `everyMs` the resident set sizes of the root process and all its
// descendants are read from /proc and summed. getrusage's maxRSS of the children is the
// peak of the single largest child, not of the tree, so it would under-report.
// Shared pages (node's code, mapped twice) count once per process: a slight over-estimate.
// Linux only; elsewhere `supported` is false and the peak stays 0.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

export interface RssSample {
  /** epoch ms */
  at: number;
  /** bytes, summed over the tree */
  rss: number;
  processes: number;
}

const PAGE = 4096;

function readStat(pid: number): { ppid: number; rss: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name (field 2) is in parentheses and may hold spaces: split after it
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), rss: Number(fields[21]) * PAGE };
  } catch {
    return null; // gone between listing and reading
  }
}

/** Bytes resident in `root` and its descendants right now, and how many processes that is. */
export function treeRss(root: number): { rss: number; processes: number } {
  const stats = new Map<number, { ppid: number; rss: number }>();
  for (const name of fs.readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = readStat(pid);
    if (s) stats.set(pid, s);
  }
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  let rss = 0;
  let processes = 0;
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    const s = stats.get(pid);
    if (!s) continue;
    rss += s.rss;
    processes++;
    todo.push(...(children.get(pid) ?? []));
  }
  return { rss, processes };
}

export class TreeSampler {
  readonly samples: RssSample[] = [];
  readonly supported = fs.existsSync("/proc/self/stat");
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private root: number,
    private everyMs = 100,
  ) {}

  start(): this {
    if (!this.supported) return this;
    const take = () => {
      const { rss, processes } = treeRss(this.root);
      if (processes) this.samples.push({ at: performance.timeOrigin + performance.now(), rss, processes });
    };
    take();
    this.timer = setInterval(take, this.everyMs);
    return this;
  }

  stop(): this {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this;
  }

  /** Peak bytes over all samples, or within [from, to] (epoch ms). */
  peak(from = -Infinity, to = Infinity): number {
    let max = 0;
    for (const s of this.samples) if (s.at >= from && s.at <= to && s.rss > max) max = s.rss;
    return max;
  }
}

let ticks: number | null = null;
/** CPU seconds (user + system) of this process's children that have been waited for, with their own waited-for descendants. */
export function childrenCpuSeconds(): number | null {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields 16 and 17 of stat (cutime, cstime), counted from the state field (3)
    ticks ??= Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
    return (Number(f[13]) + Number(f[14])) / ticks;
  } catch {
    return null;
  }
}
