// The site builds with every non-loopback connection refused (so nothing is downloaded from a
// CDN, the npm registry or DuckDB's extension server), and the built site refers to no
// external host. A page that imports a library that is not vendored fails the build loudly.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { notVendoredVersion } from "../../loaders/site/vendor.ts";
import { buildScratchSite } from "../support/scratch-site.ts";
import { builtSite, refuseNetworkPreload, type BuiltSite } from "../support/site.ts";

const vendorMessage = "vendor this package in loaders/site/vendor.ts";

function nodeWithPreload(script: string) {
  return spawnSync(process.execPath, ["--import", refuseNetworkPreload, "--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 20_000,
  });
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

describe("the network-refusing preload", () => {
  it("refuses fetch to a non-loopback address before sending anything, naming the host and the fix", () => {
    // 192.0.2.1 is TEST-NET-1: a packet sent there would hang until a timeout, not fail at once.
    const r = nodeWithPreload(`
      const t0 = Date.now();
      try { await fetch("http://192.0.2.1/npm/d3/+esm"); console.log("FETCHED"); }
      catch (e) { console.log(JSON.stringify({ message: e.message, ms: Date.now() - t0 })); }`);
    expect(r.stdout).not.toContain("FETCHED");
    const { message, ms } = JSON.parse(r.stdout);
    expect(message).toContain("192.0.2.1");
    expect(message).toContain(vendorMessage);
    expect(ms).toBeLessThan(1000);
  });

  it("refuses raw sockets and TLS to other hosts synchronously", () => {
    const r = nodeWithPreload(`
      import net from "node:net"; import tls from "node:tls";
      for (const open of [() => net.connect(443, "192.0.2.1"), () => tls.connect({ host: "cdn.jsdelivr.net", port: 443 })]) {
        try { open(); console.log("CONNECTING"); } catch (e) { console.log(e.message); }
      }`);
    expect(r.stdout).not.toContain("CONNECTING");
    expect(r.stdout).toContain("connection to 192.0.2.1");
    expect(r.stdout).toContain("connection to cdn.jsdelivr.net");
  });

  it("lets loopback connections through", () => {
    const r = nodeWithPreload(`
      import http from "node:http";
      const server = http.createServer((q, s) => s.end("local ok")).listen(0, "127.0.0.1", async () => {
        console.log(await (await fetch("http://127.0.0.1:" + server.address().port + "/")).text());
        server.close();
      });`);
    expect(r.stdout.trim()).toBe("local ok");
  });
});

describe("the hermetic site build", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await builtSite();
  });

  it("ran the build and its data loaders under the preload", () => {
    const pids = new Set(fs.readFileSync(site.markFile, "utf8").trim().split("\n"));
    // the build process, Framework's CLI and at least one data loader
    expect(pids.size).toBeGreaterThanOrEqual(3);
    console.log(`[hermetic] kam build in ${site.seconds.toFixed(1)} s, ${pids.size} processes under the preload; site in ${site.dist}, log ${site.log}`);
  });

  it("produced index.html and the vendored libraries", () => {
    expect(fs.existsSync(path.join(site.dist, "index.html"))).toBe(true);
    expect(fs.existsSync(`${site.dist}.staging`)).toBe(false); // swapped in, not left beside
    const npm = filesUnder(path.join(site.dist, "_npm"));
    for (const name of ["@observablehq/plot@", "d3@", "d3-array@", "htl@", "isoformat@"]) {
      expect(npm.some((f) => f.startsWith(name) && f.endsWith(".js")), name).toBe(true);
    }
    // Inputs comes with Framework's stdlib, bundled from node_modules by Framework itself
    expect(filesUnder(path.join(site.dist, "_observablehq")).some((f) => /^stdlib\/inputs\.[0-9a-f]+\.js$/.test(f))).toBe(true);
    // one copy of each package (e.g. apache-arrow): never two versions of one name
    const versions = new Map<string, Set<string>>();
    for (const f of npm) {
      const dir = f.split("/").slice(0, f.startsWith("@") ? 2 : 1).join("/");
      const name = dir.slice(0, dir.indexOf("@", 1));
      versions.set(name, (versions.get(name) ?? new Set()).add(dir));
    }
    for (const [name, dirs] of versions) expect([...dirs], name).toHaveLength(1);
  });

  it("refers to no external host in its html, js and css", () => {
    const offenders: string[] = [];
    for (const file of filesUnder(site.dist).filter((f) => /\.(html|js|css)$/.test(f))) {
      const text = fs.readFileSync(path.join(site.dist, file), "utf8");
      for (const [url] of text.matchAll(/\b(?:https?:)?\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s"'`)]*/gi)) {
        // XML namespaces (http://www.w3.org/2000/svg …) are names, not requests.
        if (!/^http:\/\/www\.w3\.org\//.test(url)) offenders.push(`${file}: ${url}`);
      }
    }
    expect(offenders).toEqual([]);
    const all = filesUnder(site.dist).map((f) => fs.readFileSync(path.join(site.dist, f), "latin1")).join("\n");
    for (const host of ["cdn.jsdelivr.net", "fonts.googleapis.com", "extensions.duckdb.org", "registry.npmjs.org", "events.observablehq.com"]) {
      expect(all.includes(host), host).toBe(false);
    }
  });

  it("publishes the favicon and no Google Fonts stylesheet", () => {
    const html = fs.readFileSync(path.join(site.dist, "index.html"), "utf8");
    const icon = /<link rel="icon" href="\.\/(_file\/favicon\.[0-9a-f]+\.svg)"/.exec(html);
    expect(icon).not.toBeNull();
    expect(fs.existsSync(path.join(site.dist, icon![1]))).toBe(true);
    expect(html).not.toContain("fonts.g");
  });
});

describe("a page importing a library that is not vendored", () => {
  it("fails the build with a message saying to vendor it", async () => {
    const site = await buildScratchSite({ "index.md": '```js\nimport _ from "npm:lodash";\ndisplay(_.chunk([1, 2, 3], 2));\n```\n' });
    site.remove();
    expect(site.code).not.toBe(0);
    expect(site.output).toContain(`lodash@${notVendoredVersion}`);
    expect(site.output).toContain(vendorMessage);
  });
});
