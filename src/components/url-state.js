// Filter state in the URL (?period=2025&region=华东&region=华南&industry=…&rep=…): a link, a
// reload, Back and the PDF renderer all see the same view. A dimension may be given several
// times (several regions, industries, reps: multi-select); an old single-value URL
// (?region=华东) is the same state with one value. Pure parsing and formatting, plus the two
// browser hooks: push a new state (so Back returns to the previous one) and carry the state
// onto the report's own links (so it is kept across pages).

export const filterKeys = ["period", "region", "industry", "rep"];
/** The dimensions that take several values; the period takes one. */
export const multiKeys = ["region", "industry", "rep"];

/** The filters in a query string: {period: value or null, region/industry/rep: [values] (none = all)}. */
export function readFilters(search) {
  const params = new URLSearchParams(search);
  const state = { period: params.get("period") || null };
  for (const k of multiKeys) state[k] = [...new Set(params.getAll(k).filter((v) => v !== ""))];
  return state;
}

/** The values of a dimension in a state, as a list (a single string, null or a list). */
export const valuesOf = (state, key) => {
  const v = state?.[key];
  return v == null || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x != null && x !== "") : [v];
};

/** The query string of a state, keys in a fixed order, a dimension's values repeated, empty ones left out ("" when none). */
export function filterSearch(state) {
  const params = new URLSearchParams();
  if (state.period != null && state.period !== "") params.set("period", state.period);
  for (const k of multiKeys) for (const v of valuesOf(state, k)) params.append(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** A report link with the state carried over (other sites, anchors and downloads untouched). */
export function withFilters(href, search, base) {
  const url = new URL(href, base);
  if (url.origin !== new URL(base).origin || !/\.html$|\/$/.test(url.pathname)) return href;
  url.search = search;
  return url.pathname + url.search + url.hash;
}

/** Put the state in the address bar as a new history entry (unless it is already there). */
export function pushFilters(state, win = globalThis.window) {
  const search = filterSearch(state);
  if (search !== win.location.search) win.history.pushState(null, "", win.location.pathname + search + win.location.hash);
  carryFilters(win.document, search);
}

/** Rewrite the sidebar's, pager's and page's links to the report's pages to carry `search`. */
export function carryFilters(doc = globalThis.document, search = doc.defaultView.location.search) {
  const base = doc.defaultView.location.href;
  for (const a of doc.querySelectorAll("#observablehq-sidebar a[href], .observablehq-pager a[href], #observablehq-main a[href]")) {
    const original = a.dataset.kamHref ?? (a.dataset.kamHref = a.getAttribute("href"));
    a.setAttribute("href", withFilters(original, search, base));
  }
}
