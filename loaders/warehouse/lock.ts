// One run at a time per warehouse: a second run could not open the file DuckDB holds, and an
// ingest during a build would publish a site of two states. A run holds `<warehouse>.lock`
// (its pid, what it does, since when) from before it opens the warehouse until its transaction
// is committed (and, for a build, the site of that warehouse swapped in); a
// second run waits for it (KAM_LOCK_WAIT seconds, default 600), then fails with a message
// naming the holder. A lock whose process is gone (a killed run) is taken over.
import fs from "node:fs";
import { isProcessAlive } from "../pid.ts";
import { checkTarget } from "./atomic.ts";

export class WarehouseBusyError extends Error {}

interface Holder {
  pid: number;
  what: string;
  since: string;
}

const lockFile = (warehouse: string) => `${warehouse}.lock`;

function read(file: string): Holder | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Holder;
  } catch {
    return null; // gone, or being written: look again
  }
}

function tryTake(file: string, what: string): Holder | null {
  const me: Holder = { pid: process.pid, what, since: new Date().toISOString() };
  try {
    fs.writeFileSync(file, JSON.stringify(me), { flag: "wx" });
    return null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  const holder = read(file);
  if (holder && isProcessAlive(holder.pid) && holder.pid !== process.pid) return holder;
  if (holder?.pid === process.pid) return null; // already ours (nested: build -> ingest)
  // A dead holder (killed run) or an unreadable lock: take it over, unless another run just did.
  const stale = `${file}.stale-${process.pid}`;
  try {
    fs.renameSync(file, stale);
    fs.rmSync(stale, { force: true });
  } catch {
    /* another run removed it first */
  }
  return tryTake(file, what);
}

export const defaultWaitMs = () => {
  const s = Number(process.env.KAM_LOCK_WAIT ?? 600);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : 600_000;
};

/** Run `work` holding the warehouse's lock; wait for another holder up to `waitMs`. */
export async function withWarehouseLock<T>(
  warehouse: string,
  what: string,
  work: () => Promise<T>,
  opts: { waitMs?: number; log?: (line: string) => void } = {},
): Promise<T> {
  checkTarget(warehouse); // a folder, not DuckDB, not writable: said before anything is written
  const file = lockFile(warehouse);
  const waitMs = opts.waitMs ?? defaultWaitMs();
  const log = opts.log ?? ((l: string) => console.error(l));
  const nested = read(file)?.pid === process.pid;
  const t0 = Date.now();
  let said = false;
  for (;;) {
    const holder = tryTake(file, what);
    if (!holder) break;
    if (Date.now() - t0 >= waitMs)
      throw new WarehouseBusyError(
        `the warehouse ${warehouse} is in use by another run (${holder.what}, pid ${holder.pid}, since ${holder.since}); ` +
          `try again when it has finished${waitMs ? ` (waited ${Math.round(waitMs / 1000)} s; KAM_LOCK_WAIT sets how long)` : ""}`,
      );
    if (!said) log(`waiting for another run to finish with ${warehouse} (${holder.what}, pid ${holder.pid}, since ${holder.since})`);
    said = true;
    await new Promise((r) => setTimeout(r, 250));
  }
  try {
    return await work();
  } finally {
    if (!nested && read(file)?.pid === process.pid) fs.rmSync(file, { force: true });
  }
}
