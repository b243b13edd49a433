// Whether a process still runs: used to tell a lock or a working copy left by a killed run
// (safe to take over or remove) from one that is in use.
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 checks existence without sending anything
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}
