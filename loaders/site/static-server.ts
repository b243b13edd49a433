// A static file server for a built site on 127.0.0.1 (random port), for the PDF renderer, the
// render-time benchmark and the browser tests. It also answers `/page` with `page.html`, so
// callers may name routes; the site itself links to `page.html` (cleanUrls off, checked in
// test/site/links.test.ts).
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(dir: string): Promise<StaticServer> {
  const rootDir = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const file = resolveFile(rootDir, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function resolveFile(rootDir: string, pathname: string): string | undefined {
  const base = path.resolve(rootDir, `.${pathname}`);
  if (base !== rootDir && !base.startsWith(rootDir + path.sep)) return undefined;
  for (const candidate of [base, `${base}.html`, path.join(base, "index.html")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}
