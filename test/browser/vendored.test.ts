// The vendored libraries work in the browser, not only at build time: a scratch page using
// the implicit Plot, Inputs, d3, html and FileAttachment's csv/arrow/json, built offline.
import { tableFromArrays, tableToIPC } from "apache-arrow";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium, type Chromium } from "../support/chromium.ts";
import { openChecked } from "../support/page-check.ts";
import { buildScratchSite, type ScratchSite } from "../support/scratch-site.ts";
import { serveStatic, type StaticServer } from "../../loaders/site/static-server.ts";

const page = `# Vendored libraries

\`\`\`js
const rows = FileAttachment("data/sales.csv").csv({ typed: true });
const table = FileAttachment("data/sales.arrow").arrow();
const meta = FileAttachment("data/meta.json").json();
\`\`\`

\`\`\`js
display(Plot.barY(rows, { x: "year", y: "revenue" }).plot());
display(Inputs.table(rows));
display(html\`<p id="csv">\${d3.sum(rows, (d) => d.revenue)}</p>\`);
display(html\`<p id="arrow">\${table.numRows} \${d3.sum(table.getChild("revenue").toArray())}</p>\`);
display(html\`<p id="json">\${meta.unit}</p>\`);
\`\`\`
`;

let site: ScratchSite;
let server: StaticServer;
let browser: Chromium;

beforeAll(async () => {
  const arrow = tableToIPC(tableFromArrays({ year: Int32Array.from([2024, 2025]), revenue: Float64Array.from([1500, 2200]) }), "file");
  site = await buildScratchSite({
    "index.md": page,
    "data/sales.csv": "year,revenue\n2024,1500\n2025,2200\n",
    "data/sales.arrow": arrow,
    "data/meta.json": JSON.stringify({ unit: "元" }),
  });
  if (site.code !== 0) throw new Error(`scratch site build failed:\n${site.output.split("\n").slice(-30).join("\n")}`);
  server = await serveStatic(site.dist);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  site?.remove();
});

it("renders Plot, Inputs, d3, html and reads CSV, Arrow and JSON offline", async () => {
  const checked = await openChecked(browser.context, `${server.url}/`);
  expect(await checked.problems()).toEqual([]);
  expect(await checked.chartCount()).toBe(1);
  expect(await checked.page.textContent("#csv")).toBe("3700");
  expect(await checked.page.textContent("#arrow")).toBe("2 3700");
  expect(await checked.page.textContent("#json")).toBe("元");
  expect(await checked.page.locator("form table tbody tr, table tbody tr").count()).toBe(2);
  await checked.page.close();
});
