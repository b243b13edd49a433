// Observable Framework configuration for the report site. Everything the site needs comes
// from node_modules (see loaders/site/vendor.ts): no CDN, no web fonts, no DuckDB
// extensions from DuckDB's server. Build with `npm run build`, preview with `npm run dev`.
import { stagingDir } from "./loaders/site/output.ts";
import { loadConfig } from "./loaders/config/index.ts";
import { siteLocale } from "./loaders/config/site.ts";
import { reportStamp } from "./loaders/site/stamp.ts";
import { readDossierRoutes } from "./loaders/site/dossiers.ts";
import { renderedDossierRoutes } from "./loaders/site/dossier-pages.ts";
// @ts-ignore plain JS shared with the pages: title, footer, sidebar and <meta kam-locale> per locale
import { localeOptions } from "./src/components/site.js";

// en or zh-CN: KAM_LOCALE, else site.locale in the config (see loaders/config/site.ts).
const config = loadConfig();
const site = config.site;
// every page's footer says when the data ends and when the report was built
const stamp = await reportStamp({ timeZone: config.ingest.time_zone });
const locale = localeOptions(siteLocale(site), { ...site, stamp });

export default {
  root: "src",
  // `buildSite` (loaders/site/build.ts) swaps this folder in as dist/ after a good build.
  output: stagingDir(),
  title: locale.title,
  pages: locale.pages,
  // The report's stylesheet (Framework's default + light theme, report styles, print layout).
  style: "style.css",
  // Framework's default stylesheet list is a Google Fonts URL: use the system fonts instead.
  globalStylesheets: [],
  head: '<link rel="icon" href="favicon.svg" type="image/svg+xml">' + locale.head,
  footer: locale.footer,
  // One page per customer with a dossier (src/accounts/[id].md), from the routes file the build
  // writes beside the warehouse (loaders/site/dossiers.ts). Framework renders two of them; the build
  // writes the others from the first one's page (loaders/site/dossier-pages.ts).
  dynamicPaths: renderedDossierRoutes(readDossierRoutes()).map((r) => r.path),
  // Links to "page.html", not "page": dist/ then works on any static server (python's
  // http.server, an intranet share, nginx without rewrite rules), not only on Framework's.
  cleanUrls: false,
  // Pages do not use DuckDB-WASM; should one ever, it must not fetch extensions.
  duckdb: { extensions: { json: null, parquet: null } },
};
