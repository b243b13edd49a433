// Filter state in the URL (src/components/url-state.js) and the slice a selection picks
// (src/components/marts.js): pure functions, tested without a browser.
import { describe, expect, it } from "vitest";
// @ts-ignore plain JS shared with the browser
import { filterSearch, readFilters, withFilters } from "../../src/components/url-state.js";
// @ts-ignore
import { inSlice, martRows, sliceOf, slicePick } from "../../src/components/marts.js";

describe("filters in the URL", () => {
  it("read and write the state, keys in a fixed order, empty values left out, Chinese text encoded", () => {
    expect(readFilters("?region=%E5%8D%8E%E4%B8%9C&period=2025")).toEqual({ period: "2025", region: "华东", industry: null, rep: null });
    expect(readFilters("")).toEqual({ period: null, region: null, industry: null, rep: null });
    expect(filterSearch({ rep: "张三", period: "2025", region: "", industry: null })).toBe("?period=2025&rep=%E5%BC%A0%E4%B8%89");
    expect(filterSearch({})).toBe("");
    const state = { period: "window", region: "华东", industry: "机械 & 设备", rep: null };
    expect(readFilters(filterSearch(state))).toEqual(state);
  });

  it("carry the state onto the report's own page links only", () => {
    const base = "http://127.0.0.1:8080/concentration.html?period=2024";
    expect(withFilters("./segments.html", "?period=2024&region=x", base)).toBe("/segments.html?period=2024&region=x");
    expect(withFilters("./index.html#findings", "?period=2024", base)).toBe("/index.html?period=2024#findings");
    expect(withFilters("./segments.html?period=2021", "", base)).toBe("/segments.html");
    expect(withFilters("https://example.com/a.html", "?period=2024", base)).toBe("https://example.com/a.html");
    expect(withFilters("./_file/data/x.csv", "?period=2024", base)).toBe("./_file/data/x.csv");
  });
});

describe("the slice a selection picks", () => {
  it("one dimension at a time; a rep is all of the rep's customers; region and industry together is no slice", () => {
    expect(sliceOf({})).toEqual({ slice: "all", region: null, industry: null, sales_rep: null });
    expect(sliceOf({ region: "华东" })).toEqual({ slice: "region", region: "华东", industry: null, sales_rep: null });
    expect(sliceOf({ industry: "机械" })).toEqual({ slice: "industry", region: null, industry: "机械", sales_rep: null });
    expect(sliceOf({ region: "华东", rep: "张三" })).toEqual({ slice: "sales_rep", region: null, industry: null, sales_rep: "张三" });
    expect(sliceOf({ region: "华东", industry: "机械" })).toEqual({ unavailable: true });
    expect(sliceOf({ rep: "张三", industry: "机械" })).toEqual({ unavailable: true });
  });

  it("picks the rows of a slice and period from a mart file, and none for an unavailable selection", () => {
    const file = {
      mart: "concentration_slices",
      units: { period: "period", slice: "category", region: "name", n_customers: "count" },
      columns: { period: ["2025", "2025", "2024"], slice: ["all", "region", "region"], region: [null, "华东", "华东"], industry: [null, null, null], sales_rep: [null, null, null], n_customers: [10, 4, 3] },
    };
    const { rows, units } = martRows(file);
    expect(units.n_customers).toBe("count");
    expect(slicePick(rows, sliceOf({}), "2025").map((r: any) => r.n_customers)).toEqual([10]);
    expect(slicePick(rows, sliceOf({ region: "华东" })).map((r: any) => r.period)).toEqual(["2025", "2024"]);
    expect(slicePick(rows, sliceOf({ region: "华南" }), "2025")).toEqual([]);
    expect(slicePick(rows, sliceOf({ region: "华东", industry: "x" }))).toEqual([]);
    expect(inSlice(rows[0], sliceOf({}))).toBe(true);
  });
});
