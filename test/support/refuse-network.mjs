// Preload (`node --import ./test/support/refuse-network.mjs`) that refuses every outbound
// connection except to loopback, before any packet is sent. The site build runs under it in
// the tests, so a page that pulls a package Framework would download from a CDN (or a data
// loader that phones home) fails loudly instead of passing on a machine that happens to be
// online. It is inherited by child processes (Framework's data loaders) via NODE_OPTIONS.
import fs from "node:fs";
import net from "node:net";

// Lets a test prove that every process of a build (data loaders too) ran under this preload.
if (process.env.KAM_REFUSE_NETWORK_MARK) fs.appendFileSync(process.env.KAM_REFUSE_NETWORK_MARK, `${process.pid}\n`);

const hint = "vendor this package in loaders/site/vendor.ts (the build must take everything from node_modules)";

/** True for hosts that stay on this machine. */
export function isLoopback(host) {
  if (host == null || host === "") return true; // net defaults to localhost
  const h = String(host).replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (net.isIPv4(h)) return h.startsWith("127.");
  if (net.isIPv6(h)) return h === "::1" || /^::ffff:127\./.test(h);
  return false;
}

export class NetworkRefusedError extends Error {
  constructor(host, what) {
    super(`network refused: ${what} to ${host} (only 127.0.0.1 is allowed while building); ${hint}`);
    this.name = "NetworkRefusedError";
    this.code = "ERR_NETWORK_REFUSED";
  }
}

function hostOf(args) {
  // Socket#connect(options) | (port, host) | (path) | ([options, cb]) from internals.
  let first = args[0];
  if (Array.isArray(first)) first = first[0];
  if (first && typeof first === "object") return first.path ? null : (first.host ?? first.hostname ?? "localhost");
  if (typeof first === "string" && !/^\d+$/.test(first)) return null; // a unix socket path
  return typeof args[1] === "string" ? args[1] : "localhost";
}

// Every TCP and TLS connection (http, https, tls, net, undici's fetch) goes through here.
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const host = hostOf(args);
  if (host !== null && !isLoopback(host)) throw new NetworkRefusedError(host, "connection");
  return connect.apply(this, args);
};

// fetch would wrap the error above in "TypeError: fetch failed"; refuse it with the message.
const realFetch = globalThis.fetch;
if (realFetch) {
  globalThis.fetch = async function fetch(input, init) {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    if (url.protocol !== "data:" && url.protocol !== "blob:" && !isLoopback(url.hostname)) {
      throw new NetworkRefusedError(url.hostname, `fetch ${url.href}`);
    }
    return realFetch(input, init);
  };
}
