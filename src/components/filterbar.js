// The filter bar shared by the pages: period, region, industry, sales rep (a region narrows
// the reps), read from and written to the URL (url-state.js). A plain DOM form whose `value`
// is the state and which fires "input" on change, so a page uses it with Framework's view().
// Text from exports (names of regions, reps) is set with textContent only.
import { carryFilters, pushFilters, readFilters } from "./url-state.js";

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
  const values = (dimension, region) => [
    ...new Set(options.filter((o) => o.dimension === dimension && (region == null || o.region === region)).map((o) => o.value)),
  ].sort((a, b) => String(a).localeCompare(String(b), "zh-CN"));

  const select = (key, label, choices, format = (v) => v) => {
    const wrap = document.createElement("label");
    wrap.className = "kam-filter";
    const span = document.createElement("span");
    span.textContent = label;
    const s = document.createElement("select");
    s.name = key;
    wrap.append(span, s);
    const fill = (list) => {
      s.replaceChildren(...list.map((v) => {
        const o = document.createElement("option");
        o.value = v ?? "";
        o.textContent = v == null ? t("filter.all") : format(v);
        return o;
      }));
    };
    fill(choices);
    return { wrap, select: s, fill };
  };

  const parts = {};
  if (periods.length) {
    const labels = new Map(periods.map((p) => [p.period, p.label]));
    parts.period = select("period", t("filter.period"), periods.map((p) => p.period), (v) => labels.get(v) ?? v);
  }
  if (dims.includes("region")) parts.region = select("region", t("filter.region"), [null, ...values("region")]);
  if (dims.includes("industry")) parts.industry = select("industry", t("filter.industry"), [null, ...values("industry")]);
  if (dims.includes("rep")) parts.rep = select("rep", t("filter.salesRep"), [null, ...values("sales_rep")]);
  form.append(...Object.values(parts).map((p) => p.wrap));
  // printed (and in the PDF annual review) instead of the controls: the filters in force, in words
  const inForce = document.createElement("p");
  inForce.className = "kam-filters-print";
  form.append(inForce);
  const names = { period: t("filter.period"), region: t("filter.region"), industry: t("filter.industry"), rep: t("filter.salesRep") };
  const describe = () => {
    const list = Object.keys(parts).map((k) => {
      const s = parts[k].select;
      return t("filter.inForcePair", { name: names[k], value: s.selectedOptions[0]?.textContent ?? t("filter.all") });
    });
    inForce.textContent = t("filter.inForce", { filters: list.join(" · ") });
  };

  const valid = (key, v) => v != null && [...parts[key].select.options].some((o) => o.value === v);
  /** Show a state: unknown values fall back to the default period / "all". */
  const show = (state) => {
    if (parts.rep) parts.rep.fill([null, ...values("sales_rep", state.region || null)]);
    for (const key of Object.keys(parts)) {
      const fallback = key === "period" ? defaultPeriod : "";
      parts[key].select.value = valid(key, state[key]) ? state[key] : fallback;
    }
    describe();
  };
  const current = () => Object.fromEntries(Object.keys(parts).map((k) => [k, parts[k].select.value || null]));

  show(readFilters(location.search));
  Object.defineProperty(form, "value", { get: current });
  form.addEventListener("change", (e) => {
    if (e.target === parts.region?.select) show(current()); // narrow the reps
    describe();
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
