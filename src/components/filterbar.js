// The filter bar shared by the pages: period (one), and regions, industries, sales reps (each
// several: a list of checkboxes; none ticked = all), read from and written to the URL
// (url-state.js). Chosen regions narrow the reps to those serving one of them. A plain DOM form
// whose `value` is the state ({period, region: [], industry: [], rep: []}) and which fires
// "input" on change, so a page uses it with Framework's view(). Text from exports (names of
// regions, reps) is set with textContent only.
import { carryFilters, pushFilters, readFilters } from "./url-state.js";

const byName = (a, b) => String(a).localeCompare(String(b), "zh-CN");

/**
 * @param options {
 *   periods: [{period, label}] in display order (none = no period select),
 *   defaultPeriod, options: marts.slice_options rows {dimension, value, region},
 *   t, fmt, dims: which dimensions to offer (default all three)
 * }
 */
export function filterBar({ periods = [], defaultPeriod, options = [], t, dims = ["region", "industry", "rep"] }) {
  const form = document.createElement("form");
  form.className = "kam-filters";
  form.addEventListener("submit", (e) => e.preventDefault());
  const values = (dimension, regions = []) => [
    ...new Set(options.filter((o) => o.dimension === dimension && (!regions.length || regions.includes(o.region))).map((o) => o.value)),
  ].sort(byName);

  const parts = {};
  if (periods.length) {
    const labels = new Map(periods.map((p) => [p.period, p.label]));
    const wrap = document.createElement("label");
    wrap.className = "kam-filter";
    const span = document.createElement("span");
    span.textContent = t("filter.period");
    const s = document.createElement("select");
    s.name = "period";
    s.replaceChildren(...periods.map((p) => {
      const o = document.createElement("option");
      o.value = p.period;
      o.textContent = labels.get(p.period) ?? p.period;
      return o;
    }));
    wrap.append(span, s);
    parts.period = { wrap, get: () => s.value || null, set: (v) => (s.value = v != null && periods.some((p) => p.period === v) ? v : (defaultPeriod ?? "")), text: () => s.selectedOptions[0]?.textContent ?? "" };
  }
  // a dimension: a button that opens its list of checkboxes; the button names what is ticked
  const multi = (key, label, choices) => {
    const wrap = document.createElement("details");
    wrap.className = "kam-filter kam-multi";
    wrap.dataset.name = key;
    const summary = document.createElement("summary");
    const name = document.createElement("span");
    name.className = "kam-multi-name";
    name.textContent = label;
    const shown = document.createElement("span");
    shown.className = "kam-multi-value";
    summary.append(name, shown);
    const list = document.createElement("div");
    list.className = "kam-multi-list";
    wrap.append(summary, list);
    let chosen = [];
    const text = () => (chosen.length ? chosen.join(", ") : t("filter.all"));
    const fill = (list_) => {
      const clear = document.createElement("button");
      clear.type = "button";
      clear.className = "kam-multi-clear";
      clear.textContent = t("filter.all");
      clear.addEventListener("click", () => {
        for (const box of list.querySelectorAll("input")) box.checked = false;
        list.dispatchEvent(new Event("change", { bubbles: true }));
      });
      list.replaceChildren(clear, ...list_.map((v) => {
        const l = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.name = key;
        box.value = v;
        box.checked = chosen.includes(v);
        l.append(box, document.createTextNode(v));
        return l;
      }));
    };
    const read = () => [...list.querySelectorAll("input:checked")].map((b) => b.value);
    let ignored = [];
    const set = (vs) => {
      const offered = new Set([...list.querySelectorAll("input")].map((b) => b.value));
      chosen = (vs ?? []).filter((v) => offered.has(v));
      ignored = (vs ?? []).filter((v) => !offered.has(v));
      for (const b of list.querySelectorAll("input")) b.checked = chosen.includes(b.value);
      shown.textContent = text();
      shown.title = text();
    };
    list.addEventListener("change", () => set(read()));
    fill(choices);
    return { wrap, fill, get: () => chosen, set, text, ignored: () => ignored };
  };
  if (dims.includes("region")) parts.region = multi("region", t("filter.region"), values("region"));
  if (dims.includes("industry")) parts.industry = multi("industry", t("filter.industry"), values("industry"));
  if (dims.includes("rep")) parts.rep = multi("rep", t("filter.salesRep"), values("sales_rep"));
  form.append(...Object.values(parts).map((p) => p.wrap));
  // one list open at a time; a click elsewhere closes it
  const lists = Object.values(parts).map((p) => p.wrap).filter((w) => w.tagName === "DETAILS");
  for (const w of lists) w.addEventListener("toggle", () => { if (w.open) for (const o of lists) if (o !== w) o.open = false; });
  document.addEventListener("click", (e) => { for (const w of lists) if (w.open && !w.contains(e.target)) w.open = false; });
  // printed (and in the PDF annual review) instead of the controls: the filters in force, in words
  const inForce = document.createElement("p");
  inForce.className = "kam-filters-print";
  form.append(inForce);
  const names = { period: t("filter.period"), region: t("filter.region"), industry: t("filter.industry"), rep: t("filter.salesRep") };
  // A link may name a value this report's data does not have (a renamed region, a rep who left,
  // a rep outside the chosen regions): it is not applied, and the page says so instead of
  // silently showing more customers than the link asked for.
  const unknown = document.createElement("p");
  unknown.className = "kam-filters-unknown";
  unknown.setAttribute("role", "status");
  form.append(unknown);
  const describe = () => {
    const list = Object.keys(parts).map((k) => t("filter.inForcePair", { name: names[k], value: parts[k].text() }));
    inForce.textContent = t("filter.inForce", { filters: list.join(" · ") });
    const dropped = Object.keys(parts)
      .filter((k) => parts[k].ignored?.().length)
      .map((k) => t("filter.inForcePair", { name: names[k], value: parts[k].ignored().join(", ") }));
    unknown.textContent = dropped.length ? t("filter.ignored", { filters: dropped.join(" · ") }) : "";
    unknown.hidden = !dropped.length;
  };

  /** Show a state: unknown values are not applied (the default period, "all") and named in a note. */
  const show = (state) => {
    if (parts.region) parts.region.set(state.region);
    if (parts.rep) {
      parts.rep.fill(values("sales_rep", parts.region?.get() ?? []));
      parts.rep.set(state.rep);
    }
    if (parts.industry) parts.industry.set(state.industry);
    if (parts.period) parts.period.set(state.period);
    describe();
  };
  // a dimension this page does not offer keeps the URL's values (kept for the next page)
  const current = () => {
    const url = readFilters(location.search);
    return Object.fromEntries(["period", "region", "industry", "rep"].map((k) => [k, parts[k] ? parts[k].get() : url[k]]));
  };

  show(readFilters(location.search));
  Object.defineProperty(form, "value", { get: current });
  form.addEventListener("change", () => {
    show(current()); // chosen regions narrow the reps
    pushFilters(current());
    form.dispatchEvent(new Event("input", { bubbles: true }));
  });
  // Back / Forward: show the state of that history entry
  window.addEventListener("popstate", () => {
    show(readFilters(location.search));
    carryFilters(document, location.search);
    form.dispatchEvent(new Event("input", { bubbles: true }));
  });
  carryFilters(document, location.search);
  return form;
}

/** The periods of a slice mart's rows for the select: grain periods then the window, partial ones marked. */
export function periodChoices(rows, { t, fmt }) {
  const seen = new Map();
  for (const r of rows) if (!seen.has(r.period)) seen.set(r.period, r);
  const list = [...seen.values()];
  const label = (r) =>
    r.period_kind === "window" ? t("filter.window") : r.is_partial ? t("filter.partial", { period: r.period }) : String(r.period);
  return {
    periods: list.map((r) => ({ period: r.period, label: label(r) })),
    // the default: the last complete grain period (else the last period)
    defaultPeriod: (list.filter((r) => r.period_kind !== "window" && !r.is_partial).at(-1) ?? list.at(-1))?.period,
  };
}
