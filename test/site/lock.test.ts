// Site builds sharing one Framework cache run one after the other; a lock left by a process
// that died is taken over.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { withSiteLock } from "../../loaders/site/lock.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kam-lock-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it("runs holders one after the other and releases the lock", async () => {
  const lock = path.join(tmp, "a.lock");
  const events: string[] = [];
  const holder = (name: string) =>
    withSiteLock(lock, async () => {
      events.push(`${name} in`);
      await sleep(300);
      events.push(`${name} out`);
    });
  await Promise.all([holder("first"), sleep(50).then(() => holder("second"))]);
  expect(events).toEqual(["first in", "first out", "second in", "second out"]);
  expect(fs.existsSync(lock)).toBe(false);
});

it("releases the lock when the holder fails", async () => {
  const lock = path.join(tmp, "b.lock");
  await expect(withSiteLock(lock, async () => Promise.reject(new Error("build failed")))).rejects.toThrow("build failed");
  expect(fs.existsSync(lock)).toBe(false);
});

it("takes over a lock whose owner is gone", async () => {
  const lock = path.join(tmp, "c.lock");
  const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
  fs.mkdirSync(lock);
  fs.writeFileSync(path.join(lock, "pid"), String(dead));
  const t0 = Date.now();
  expect(await withSiteLock(lock, async () => "ran")).toBe("ran");
  expect(Date.now() - t0).toBeLessThan(2000);
});
