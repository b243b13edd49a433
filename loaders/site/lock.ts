// One site build at a time per source folder: every build clears and refills Framework's
// cache in src/.observablehq/cache, so two at once (a zh-CN and an en build, a test and a
// preview) would delete each other's data loader outputs. A directory is the lock (mkdir is
// atomic); a lock whose owner process is gone is taken over.
import fs from "node:fs";
import path from "node:path";
import { isProcessAlive } from "../pid.ts";

export async function withSiteLock<T>(lockDir: string, fn: () => Promise<T>, timeoutMs = 30 * 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, "pid"), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const owner = ownerOf(lockDir);
    if (owner !== undefined && !isProcessAlive(owner)) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another site build (pid ${owner}) has held ${lockDir} for too long`);
    if (!announced) console.log(`[site] waiting for another site build (pid ${owner ?? "?"}) to finish`);
    announced = true;
    await new Promise((r) => setTimeout(r, 250));
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function ownerOf(lockDir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(lockDir, "pid"), "utf8")) || undefined;
  } catch {
    return undefined; // being created or released right now
  }
}
