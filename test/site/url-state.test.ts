// Filter state in the URL (src/components/url-state.js) and the slice a selection picks
// (src/components/marts.js): pure functions, tested without a browser.
import { describe, expect, it } from "vitest";
// @ts-ignore plain JS shared with the browser
import { filterSearch, readFilters, valuesOf, withFilters } from "../../src/components/url-state.js";
// @ts-ignore
import { anyFilter, inSlice, isCombo, martRows, rowFilter, sliceLabel, sliceOf, slicePick, slicesOf } from "../../src/components/marts.js";

describe("filters in the URL", () => {
  it("read and write the state, keys in a fixed order, empty values left out, Chinese text encoded", () => {
    expect(readFilters("?region=%E5%8D%8E%E4%B8%9C&period=2025")).toEqual({ period: "2025", region: ["华东"], industry: [], rep: [] });
    expect(readFilters("")).toEqual({ period: null, region: [], industry: [], rep: [] });
    expect(filterSearch({ rep: "张三", period: "2025", region: "", industry: null })).toBe("?period=2025&rep=%E5%BC%A0%E4%B8%89");
    expect(filterSearch({})).toBe("");
    const state = { period: "window", region: ["华东"], industry: ["机械 & 设备"], rep: [] };
    expect(readFilters(filterSearch(state))).toEqual(state);
  });

  it("several values of a dimension: repeated keys, in the order chosen, duplicates and empty values dropped; old single-value URLs read the same", () => {
    expect(readFilters("?region=%E5%8D%8E%E4%B8%9C&region=%E5%8D%8E%E5%8D%97&region=&region=%E5%8D%8E%E4%B8%9C&rep=a")).toEqual({ period: null, region: ["华东", "华南"], industry: [], rep: ["a"] });
    const state = { period: "2024", region: ["华南", "华东"], industry: ["钢铁", "造纸"], rep: ["赵一鸣"] };
    expect(filterSearch(state)).toBe(`?period=2024&region=${encodeURIComponent("华南")}&region=${encodeURIComponent("华东")}&industry=${encodeURIComponent("钢铁")}&industry=${encodeURIComponent("造纸")}&rep=${encodeURIComponent("赵一鸣")}`);
    expect(readFilters(filterSearch(state))).toEqual(state);
    // a single value (an old link, the PDF renderer's --region) is a list of one
    expect(filterSearch({ period: "2025", region: "华东" })).toBe(filterSearch({ period: "2025", region: ["华东"] }));
    expect(valuesOf({ region: "华东" }, "region")).toEqual(["华东"]);
    expect(valuesOf({ region: null }, "region")).toEqual([]);
  });

  it("carry the state onto the report's own page links only", () => {
    const base = "http://127.0.0.1:8080/concentration.html?period=2024";
    expect(withFilters("./segments.html", "?period=2024&region=x", base)).toBe("/segments.html?period=2024&region=x");
    expect(withFilters("./segments.html", "?region=x&region=y", base)).toBe("/segments.html?region=x&region=y");
    expect(withFilters("./index.html#findings", "?period=2024", base)).toBe("/index.html?period=2024#findings");
    expect(withFilters("./segments.html?period=2021", "", base)).toBe("/segments.html");
    expect(withFilters("https://example.com/a.html", "?period=2024", base)).toBe("https://example.com/a.html");
    expect(withFilters("./_file/data/x.csv", "?period=2024", base)).toBe("./_file/data/x.csv");
  });
});

const key = (slice: string, region: string | null = null, industry: string | null = null, sales_rep: string | null = null) => ({ slice, region, industry, sales_rep });

describe("the slices a selection picks", () => {
  const options = [
    { dimension: "sales_rep", value: "张三", region: "华东" },
    { dimension: "sales_rep", value: "张三", region: "华南" },
    { dimension: "sales_rep", value: "李四", region: "华南" },
  ];
  it("one slice per value; two dimensions give their combinations; a rep alone is all of the rep's customers; rep with industry is no slice", () => {
    expect(slicesOf({})).toEqual({ kind: "all", slices: [key("all")], unavailable: false });
    expect(slicesOf({ region: ["华东"] }).slices).toEqual([key("region", "华东")]);
    expect(slicesOf({ region: ["华东", "华南"] }).slices).toEqual([key("region", "华东"), key("region", "华南")]);
    expect(slicesOf({ industry: ["机械"] }).slices).toEqual([key("industry", null, "机械")]);
    expect(slicesOf({ rep: ["张三"] }).slices).toEqual([key("sales_rep", null, null, "张三")]);
    // region AND industry: a combination per pair
    expect(slicesOf({ region: ["华东", "华南"], industry: ["机械"] })).toEqual({
      kind: "region_industry", unavailable: false, slices: [key("region_industry", "华东", "机械"), key("region_industry", "华南", "机械")],
    });
    // region AND rep: the rep's customers in that region, only the pairs that exist
    expect(slicesOf({ region: ["华东", "华南"], rep: ["张三", "李四"] }, options).slices).toEqual([
      key("region_sales_rep", "华东", null, "张三"), key("region_sales_rep", "华南", null, "张三"), key("region_sales_rep", "华南", null, "李四"),
    ]);
    expect(slicesOf({ region: ["华东"], rep: ["李四"] }, options)).toEqual({ kind: "region_sales_rep", slices: [], unavailable: false });
    expect(slicesOf({ rep: ["张三"], industry: ["机械"] })).toEqual({ kind: null, slices: [], unavailable: true });
    // old single values
    expect(sliceOf({ region: "华东", industry: "机械" })).toEqual(key("region_industry", "华东", "机械"));
    expect(sliceOf({ rep: "张三", industry: "机械" })).toEqual({ unavailable: true, empty: false });
    expect(sliceOf({ region: ["华东"], rep: ["李四"] }, options)).toEqual({ unavailable: true, empty: true });
    expect(isCombo(slicesOf({ region: ["华东"], industry: ["机械"] }))).toBe(true);
    expect(isCombo(slicesOf({ region: ["华东"] }))).toBe(false);
    expect(sliceLabel(key("region_industry", "华东", "机械"), { t: (k: string) => k })).toBe("华东 · 机械");
    expect(sliceLabel(key("all"), { t: (k: string) => k })).toBe("filter.allCustomers");
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
    expect(slicePick(rows, sliceOf({ region: ["华东"] })).map((r: any) => r.period)).toEqual(["2025", "2024"]);
    expect(slicePick(rows, sliceOf({ region: ["华南"] }), "2025")).toEqual([]);
    expect(slicePick(rows, sliceOf({ rep: ["x"], industry: ["x"] }))).toEqual([]);
    expect(inSlice(rows[0], sliceOf({}))).toBe(true);
  });

  it("list pages pick rows: any of a dimension's values, every dimension at once; missing attributes are '(unknown)'", () => {
    const rows = [
      { id: 1, region: "华东", industry: "钢铁", sales_rep: "张三" },
      { id: 2, region: "华南", industry: "钢铁", sales_rep: "李四" },
      { id: 3, region: "华东", industry: "造纸", sales_rep: "张三" },
      { id: 4, region: null, industry: "造纸", sales_rep: null },
    ];
    const ids = (state: object) => rows.filter(rowFilter(state)).map((r) => r.id);
    expect(ids({})).toEqual([1, 2, 3, 4]);
    expect(ids({ region: ["华东", "华南"] })).toEqual([1, 2, 3]);
    expect(ids({ region: ["华东"], industry: ["造纸"] })).toEqual([3]);
    expect(ids({ region: ["(unknown)"] })).toEqual([4]);
    expect(ids({ region: ["西北"] })).toEqual([]);
    expect(anyFilter({ period: "2025", region: [] })).toBe(false);
    expect(anyFilter({ rep: ["张三"] })).toBe(true);
  });
});
