// The filter bar shared by the pages: period and region / industry / sales rep.
import * as Inputs from "npm:@observablehq/inputs";
import { choices } from "./filters.js";
import { t } from "./i18n.js";

/**
 * Inputs for a year (or a year range when `range` is set; none when `years` is empty) and
 * the three dimensions.
 * Its value: {from, to, year, region: [], industry: [], salesRep: []} (empty = all).
 */
export function filterBar(customers, years, { defaultYear, range = false } = {}) {
  const all = "";
  const pick = (key, label) =>
    Inputs.select([all, ...choices(customers, key)], { label, format: (v) => (v === all ? t("filter.all") : v), value: all });
  const yearLabel = (y) => String(y);
  const inputs = years.length === 0 ? {} : range
    ? {
        from: Inputs.select(years, { label: t("filter.from"), value: defaultYear ?? years.at(-1), format: yearLabel }),
        to: Inputs.select(years, { label: t("filter.to"), value: defaultYear ?? years.at(-1), format: yearLabel }),
      }
    : { year: Inputs.select(years, { label: t("filter.year"), value: defaultYear ?? years.at(-1), format: yearLabel }) };
  const form = Inputs.form(
    { ...inputs, region: pick("region", t("filter.region")), industry: pick("industry", t("filter.industry")), salesRep: pick("sales_rep", t("filter.salesRep")) },
    { template: (parts) => {
        const div = document.createElement("div");
        div.className = "kam-filters";
        div.append(...Object.values(parts));
        return div;
      } },
  );
  return form;
}

/** The filter bar's value as the dims customersInPeriod() takes. */
export function dimsOf(value) {
  const one = (v) => (v ? [v] : []);
  return { region: one(value.region), industry: one(value.industry), salesRep: one(value.salesRep) };
}
