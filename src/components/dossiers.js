// Customer names that link to their dossier (/accounts/<slug>), everywhere a name is shown:
// tables, lists, findings, chart tooltips; and the search box that finds a dossier by name or
// code. Both read ONE index, data/marts/dossier_customers.json (marts.dossier_customers: only
// the customers that have a dossier, so it stays small however many customers there are).
//
// In a page:
//   import {dossierIndex, customerName, nameFormat} from "./components/dossiers.js";
//   const dossiers = dossierIndex(await FileAttachment("data/marts/dossier_customers.json").json(),
//                                 FileAttachment("data/marts/dossier_customers.json").href);
//   customerName(row.customer_id, row.customer_name, dossiers)   // <a> when it has a dossier, else text
//   reportTable(rows, {…, labels: {customer_name: nameFormat(dossiers)}, csv: {customer_name: (v) => v}})
//   linkedText("… 某某公司 …", rows, dossiers)                    // a finding with its names linked
//   linkChart(plot, dossiers, (d) => d.customer_id)               // click a dot: open its dossier
//   customerSearch(dossiers, {t})                                 // the search box
// Names are set with textContent only: text from exports is never parsed as HTML.
import { martRows } from "./marts.js";

/**
 * The index: `file` is the JSON of data/marts/dossier_customers.json, `href` that file's URL
 * (FileAttachment(…).href), from which the site's root — and so the dossiers' URLs — follow on
 * any server and under any folder.
 */
export function dossierIndex(file, href) {
  const rows = file?.columns ? martRows(file).rows : (file ?? []);
  const byId = new Map(rows.map((r) => [String(r.customer_id), r]));
  const root = siteRoot(href);
  return {
    rows,
    root,
    has: (id) => id != null && byId.has(String(id)),
    get: (id) => byId.get(String(id)),
    /** The dossier's URL, or null when the customer has none. */
    href: (id) => {
      const r = id == null ? null : byId.get(String(id));
      return r ? `${root}accounts/${encodeURIComponent(r.slug)}.html` : null;
    },
  };
}

/** The site's root URL from the URL of one of its files (…/_file/…, …/_observablehq/…), with a trailing slash. */
export function siteRoot(href, base = globalThis.location?.href) {
  if (!href) return "/";
  const url = new URL(href, base ?? "http://localhost/").href;
  const i = url.search(/\/_(file|observablehq|import|npm)\//);
  return i >= 0 ? url.slice(0, i + 1) : new URL("./", url).href;
}

/** A customer's name: a link to its dossier when it has one, else plain text (missing name: its code). */
export function customerName(id, name, dossiers) {
  const text = name == null || name === "" ? String(id ?? "–") : String(name);
  const href = dossiers?.href(id);
  if (!href) {
    const span = document.createElement("span");
    span.textContent = text;
    return span;
  }
  const a = document.createElement("a");
  a.className = "kam-customer";
  a.href = href;
  a.textContent = text;
  return a;
}

/**
 * An Inputs.table / reportTable format for a name column: the name linked by the row's id
 * (column `idKey`). Pass the CSV the plain name: `csv: {customer_name: (v) => v}`.
 */
export const nameFormat = (dossiers, idKey = "customer_id") => (v, i, rows) => customerName(rows[i]?.[idKey], v, dossiers);

/**
 * A sentence (a finding) with every name of `customers` ([{customer_id, customer_name}]) in it
 * linked to its dossier; the rest stays text. Longer names first, so one name inside another
 * does not split it.
 */
export function linkedText(text, customers, dossiers) {
  const frag = document.createDocumentFragment();
  const names = [...new Map(customers.filter((c) => c.customer_name && dossiers?.has(c.customer_id)).map((c) => [c.customer_name, c])).values()]
    .sort((a, b) => b.customer_name.length - a.customer_name.length);
  for (const part of splitByNames(String(text), names.map((c) => c.customer_name))) {
    if (part.name == null) frag.append(document.createTextNode(part.text));
    else {
      const c = names.find((n) => n.customer_name === part.name);
      frag.append(customerName(c.customer_id, c.customer_name, dossiers));
    }
  }
  return frag;
}

/** Pure: `text` cut at each occurrence of one of `names` -> [{text} | {text, name}]. */
export function splitByNames(text, names) {
  const out = [];
  let rest = text;
  while (rest) {
    let best = null;
    for (const n of names) {
      if (!n) continue;
      const i = rest.indexOf(n);
      if (i >= 0 && (best == null || i < best.i || (i === best.i && n.length > best.n.length))) best = { i, n };
    }
    if (!best) {
      out.push({ text: rest });
      break;
    }
    if (best.i > 0) out.push({ text: rest.slice(0, best.i) });
    out.push({ text: best.n, name: best.n });
    rest = rest.slice(best.i + best.n.length);
  }
  return out;
}

/**
 * A Plot chart whose tip shows a customer: clicking opens the customer's dossier (the pointer
 * shows it can). `idOf(datum)` gives the customer id of the datum under the pointer (Plot's
 * `chart.value`). The tip itself stays SVG text, which cannot hold a link.
 */
export function linkChart(chart, dossiers, idOf = (d) => d?.customer_id) {
  const target = () => (chart.value == null ? null : dossiers?.href(idOf(chart.value)));
  chart.addEventListener("input", () => (chart.style.cursor = target() ? "pointer" : ""));
  chart.addEventListener("click", () => {
    const href = target();
    if (href) window.location.assign(href);
  });
  return chart;
}

/**
 * Pure: the dossiers that match a query, best first: the exact code, codes starting with it,
 * names starting with it, names or codes containing it (case- and width-insensitive); within
 * each, larger trailing-window revenue first.
 */
export function searchDossiers(rows, query, limit = 8) {
  const q = normalize(query);
  if (!q) return [];
  const rank = (r) => {
    const id = normalize(r.customer_id);
    const name = normalize(r.customer_name);
    if (id === q) return 0;
    if (id.startsWith(q)) return 1;
    if (name.startsWith(q)) return 2;
    if (name.includes(q) || id.includes(q)) return 3;
    return -1;
  };
  return rows
    .map((r) => [rank(r), r])
    .filter(([k]) => k >= 0)
    .sort((a, b) => a[0] - b[0] || (b[1].window_revenue ?? 0) - (a[1].window_revenue ?? 0) || String(a[1].customer_id).localeCompare(String(b[1].customer_id)))
    .slice(0, limit)
    .map(([, r]) => r);
}

/** Lower case, full-width letters and digits as ASCII, spaces trimmed. */
const normalize = (s) => String(s ?? "").normalize("NFKC").trim().toLowerCase();

/**
 * The search box: type a name or a code; the matching dossiers show as links (Enter opens the
 * first). Says so when nothing matches (dossiers exist for key, at-risk and rising customers).
 */
export function customerSearch(dossiers, { t, limit = 8, id = "kam-search" } = {}) {
  const form = document.createElement("form");
  form.className = "kam-search";
  form.setAttribute("role", "search");
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = t("search.label");
  const input = document.createElement("input");
  input.type = "search";
  input.id = id;
  input.autocomplete = "off";
  input.placeholder = t("search.placeholder");
  const list = document.createElement("ul");
  list.className = "kam-search-results";
  const note = document.createElement("p");
  note.className = "kam-search-note muted";
  note.hidden = true;
  form.append(label, input, list, note);

  let matches = [];
  const show = () => {
    matches = searchDossiers(dossiers.rows, input.value, limit);
    list.replaceChildren(
      ...matches.map((r) => {
        const li = document.createElement("li");
        const code = document.createElement("span");
        code.className = "muted";
        code.textContent = ` ${r.customer_id}`;
        li.append(customerName(r.customer_id, r.customer_name, dossiers), code);
        return li;
      }),
    );
    const q = input.value.trim();
    note.hidden = !q || matches.length > 0;
    note.textContent = q ? t("search.none", { query: q }) : "";
  };
  input.addEventListener("input", show);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    show();
    if (matches.length) window.location.assign(dossiers.href(matches[0].customer_id));
  });
  // Framework's view(): the form's value is the query
  Object.defineProperty(form, "value", { get: () => input.value });
  return form;
}
