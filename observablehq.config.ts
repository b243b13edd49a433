// Observable Framework configuration for the report site. Everything the site needs comes
// from node_modules (see loaders/site/vendor.ts): no CDN, no web fonts, no DuckDB
// extensions from DuckDB's server. Build with `npm run build`, preview with `npm run dev`.
import { stagingDir } from "./loaders/site/output.ts";

export default {
  root: "src",
  // `buildSite` (loaders/site/build.ts) swaps this folder in as dist/ after a good build.
  output: stagingDir(),
  title: "Key account analytics",
  // Framework's default stylesheet list is a Google Fonts URL: use the system fonts instead.
  globalStylesheets: [],
  head: '<link rel="icon" href="favicon.svg" type="image/svg+xml">',
  footer: "Key account analytics · built from the configured sales exports",
  // Pages do not use DuckDB-WASM; should one ever, it must not fetch extensions.
  duckdb: { extensions: { json: null, parquet: null } },
};
