// `npm run dev` (kam preview) serves the site offline: the preview server runs under the
// network-refusing preload and serves the page and the vendored modules from node_modules.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { findPackage } from "../../loaders/site/npm-packages.ts";
import { refuseNetworkPreload, repoRoot } from "../support/site.ts";

let preview: ChildProcess;
let base: string;
let output = "";

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  preview = spawn(process.execPath, ["loaders/cli/kam.mjs", "preview", "--no-open", "--port", String(port)], {
    cwd: repoRoot,
    detached: true, // its own process group, so that Framework's server stops with it
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_OPTIONS: `--import=${refuseNetworkPreload}`,
    },
  });
  preview.stdout!.on("data", (d) => (output += d));
  preview.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 60_000;
  while (!output.includes(base)) {
    if (preview.exitCode !== null || Date.now() > deadline) throw new Error(`preview did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
});

afterAll(() => {
  if (preview?.pid && preview.exitCode === null) process.kill(-preview.pid, "SIGTERM");
});

it("serves the home page and the vendored libraries with the network refused", async () => {
  const page = await fetch(`${base}/`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain("_observablehq/client.js");
  expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);

  const { version } = findPackage("@observablehq/plot", repoRoot);
  const plot = await fetch(`${base}/_npm/@observablehq/plot@${version}/_esm.js`);
  expect(plot.status).toBe(200);
  expect((await plot.text()).length).toBeGreaterThan(100_000);
  expect(output).not.toContain("network refused");
});
