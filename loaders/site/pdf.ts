// The annual review as one PDF (`npm run pdf`): the report's own pages (summary, concentration,
// key accounts and re-rating, risks, value), rendered by headless Chromium from a built site for
// one period and set of filters (the URL state the pages read), printed with the site's print
// stylesheet (no sidebar or controls; the filters in force as a sentence), then put one after the
// other into ONE document that Chromium prints: a cover on the first page followed directly by the
// summary (no blank first page), each further section from a new page, tables in full (every row,
// header repeated when a table continues), and on every page's foot the report's stamp (when the
// data ends, when it was built) and the page number.
import fs from "node:fs";
import path from "node:path";
import { serveStatic } from "./static-server.ts";
// @ts-ignore plain JS shared with the pages
import { makeT } from "../../src/components/i18n.js";
// @ts-ignore
import { makeFormat } from "../../src/components/format.js";
// @ts-ignore
import { reportPages } from "../../src/components/site.js";
// @ts-ignore
import { reviewCover, reviewFooter, reviewHeader, reviewStyle } from "../../src/components/review.js";

/** The annual review's sections, in order: routes of the report (those a build has). */
export const reviewRoutes = ["/", "/concentration", "/key-accounts", "/risks", "/value"];

export interface ReviewOptions {
  /** The built site (dist/) of the review's locale. */
  dist: string;
  /** The period every page shows (?period=…), e.g. "2025". */
  period: string;
  /** Further filters (?region=…&industry=…&rep=…). */
  filters?: { region?: string | null; industry?: string | null; rep?: string | null };
  out: string;
  /** Chromium's executable (default /usr/bin/chromium or CHROMIUM_PATH). */
  executablePath?: string;
  log?: (line: string) => void;
}

export interface ReviewResult {
  out: string;
  locale: string;
  sections: { route: string; title: string }[];
  missing: string[];
  pages: number;
}

/** The locale a built site was made for (its <html lang>). */
export function siteLocaleOf(dist: string): string {
  const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
  return /<html[^>]*\slang="([^"]+)"/i.exec(html)?.[1] ?? "en";
}

const routeFile = (route: string) => (route === "/" ? "index.html" : `${route.slice(1)}.html`);

export async function renderAnnualReview(opts: ReviewOptions): Promise<ReviewResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const locale = siteLocaleOf(opts.dist);
  const t = makeT(locale);
  const known = new Map<string, string>(reportPages.map((p: { path: string; nav: string }) => [p.path, p.nav]));
  const sections = reviewRoutes
    .filter((r) => known.has(r) && fs.existsSync(path.join(opts.dist, routeFile(r))))
    .map((route) => ({ route, title: t(known.get(route)!) }));
  const missing = reviewRoutes.filter((r) => !sections.some((s) => s.route === r));
  if (!sections.length) throw new Error(`${opts.dist} has none of the review's pages (${reviewRoutes.join(", ")}): build the site first (npm run build)`);
  for (const m of missing) log(`[pdf] ${m}: not in this build of the report, left out of the review`);

  const executablePath = opts.executablePath ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium is not installed at ${executablePath}; the PDF needs it. Install it with \`sudo apt-get install -y chromium fonts-noto-cjk\` (Debian/Ubuntu), or set CHROMIUM_PATH.`);
  }
  let chromium: typeof import("playwright-core").chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    throw new Error("the PDF needs playwright-core (a devDependency): run `npm ci` without --omit=dev");
  }

  const server = await serveStatic(opts.dist);
  const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  try {
    // A4 less the margins, in CSS pixels: the charts are drawn at the width they are printed at
    const page = await browser.newPage({ viewport: { width: 700, height: 1000 }, locale: locale === "zh-CN" ? "zh-CN" : "en-US", timezoneId: "UTC" });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    // nothing but the local site
    await page.route("**/*", (r) => (new URL(r.request().url()).hostname === "127.0.0.1" ? r.continue() : r.abort("blockedbyclient")));
    await page.emulateMedia({ media: "print" });
    const search = new URLSearchParams({ period: opts.period });
    for (const [k, v] of Object.entries(opts.filters ?? {})) if (v) search.set(k, v);

    const parts: { route: string; title: string; html: string }[] = [];
    let styles: string[] = [];
    let stamp = "";
    // a partial period (the select says "2026 (partial)"): the review's title says so too
    let partial = false;
    for (const s of sections) {
      const url = `${server.url}/${routeFile(s.route)}?${search}`;
      await page.goto(url, { waitUntil: "load" });
      await page.waitForFunction(() => !document.querySelector("observablehq-loading"), null, { timeout: 60_000 });
      await page.waitForLoadState("networkidle");
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(300); // charts drawn by resize() observers
      if (errors.length) throw new Error(`${s.route}: ${errors.join("; ")}`);
      const shown = await page.$eval("select[name=period]", (e) => (e as HTMLSelectElement).value).catch(() => null);
      if (shown != null && shown !== opts.period) throw new Error(`${s.route} has no period ${opts.period} (it shows ${shown})`);
      if (shown != null && s === sections[0]) {
        partial = await page.$eval("select[name=period]", (e) => (e as HTMLSelectElement).selectedOptions[0]?.textContent?.trim() !== (e as HTMLSelectElement).value);
      }
      await showAllRows(page);
      const got = await page.evaluate(() => {
        // a control (radio, select, checkbox) becomes what it is set to: "Measure: Revenue"
        for (const form of document.querySelectorAll<HTMLFormElement>("#observablehq-main form:not(.kam-filters)")) {
          if (form.querySelector("table")) continue;
          const label = form.querySelector(":scope > label")?.textContent?.trim();
          const chosen = [
            ...[...form.querySelectorAll<HTMLInputElement>("input:checked")].map((i) => i.closest("label")?.textContent?.trim() ?? i.value),
            ...[...form.querySelectorAll<HTMLSelectElement>("select")].map((sel) => sel.selectedOptions[0]?.textContent?.trim() ?? ""),
          ].filter(Boolean);
          if (!chosen.length) continue;
          const p = document.createElement("p");
          p.className = "kam-review-control";
          p.textContent = `${label ? label + ": " : ""}${chosen.join(", ")}`;
          form.dataset.kamReviewText = p.textContent;
        }
        const main = document.querySelector("#observablehq-main")!.cloneNode(true) as HTMLElement;
        for (const form of main.querySelectorAll<HTMLFormElement>("form[data-kam-review-text]")) {
          const p = document.createElement("p");
          p.className = "kam-review-control";
          p.textContent = form.dataset.kamReviewText!;
          form.replaceWith(p);
        }
        // the screen's controls have no place on paper (the filters in force are printed as a sentence)
        for (const e of main.querySelectorAll(".kam-csv, .kam-filters > label, input, select, button, observablehq-loading")) e.remove();
        for (const e of main.querySelectorAll("[id]")) e.removeAttribute("id");
        const sheets = [...document.querySelectorAll('link[rel="stylesheet"], style')].map((e) => e.outerHTML);
        return { html: main.innerHTML, sheets, stamp: document.querySelector(".kam-stamp")?.textContent ?? "" };
      });
      if (!styles.length) styles = got.sheets;
      stamp ||= got.stamp;
      parts.push({ ...s, html: got.html });
      log(`[pdf] ${s.route}: rendered`);
    }

    const fmt = makeFormat(locale);
    const doc = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><base href="${server.url}/">${styles.join("\n")}<style>${reviewStyle}</style></head><body class="kam-review">
      ${reviewCover({ period: opts.period, partial, sections: parts, stamp }, { t, fmt })}
      ${parts.map((p, i) => `<section class="kam-review-section${i ? " kam-review-break" : ""}" data-route="${p.route}">${p.html}</section>`).join("\n")}
    </body></html>`;
    const review = await browser.newPage({ locale: locale === "zh-CN" ? "zh-CN" : "en-US" });
    await review.route("**/*", (r) => (new URL(r.request().url()).hostname === "127.0.0.1" ? r.continue() : r.abort("blockedbyclient")));
    await review.emulateMedia({ media: "print" });
    await review.setContent(doc, { waitUntil: "networkidle" });
    await review.evaluate(() => document.fonts.ready);
    // a table that fits on a page stays whole; a longer one continues (reviewStyle)
    await review.evaluate(() => {
      for (const b of document.querySelectorAll<HTMLElement>(".kam-table-block")) if (b.offsetHeight < 850) b.classList.add("kam-review-keep");
    });
    fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
    const pdf = await review.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: reviewHeader({ period: opts.period, partial }, { t, fmt }),
      footerTemplate: reviewFooter({ stamp }, { t, fmt }),
      margin: { top: "16mm", bottom: "16mm", left: "12mm", right: "12mm" },
    });
    fs.writeFileSync(opts.out, pdf);
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    return { out: opts.out, locale, sections: parts.map(({ route, title }) => ({ route, title })), missing, pages };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Inputs.table draws its first rows and the rest as one scrolls: scroll each table to its end so that every row is in the page. */
async function showAllRows(page: import("playwright-core").Page) {
  await page.evaluate(async () => {
    const roots = [...document.querySelectorAll("#observablehq-main form")].filter((f) => f.querySelector("table"));
    for (const root of roots as HTMLElement[]) {
      root.style.setProperty("max-height", "200px", "important");
      root.style.setProperty("overflow", "auto", "important");
      let before = -1;
      for (let i = 0; i < 10_000; i++) {
        const n = root.querySelectorAll("tbody tr").length;
        if (n === before) break;
        before = n;
        root.scrollTop = root.scrollHeight;
        root.dispatchEvent(new Event("scroll"));
        await new Promise((r) => requestAnimationFrame(() => r(null)));
      }
      root.style.removeProperty("max-height");
      root.style.removeProperty("overflow");
      root.scrollTop = 0;
    }
  });
}

