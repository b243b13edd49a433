import { describe, expect, it } from "vitest";
import { hyp2f1, logAddExp } from "../../loaders/clv/special.ts";

describe("2F1 by its series", () => {
  it("matches closed forms", () => {
    for (const z of [0, 0.1, 0.5, 0.9, 0.99]) {
      // 2F1(1, 1; 2; z) = -ln(1 - z) / z
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(z === 0 ? 1 : -Math.log(1 - z) / z, 10);
      // 2F1(a, b; b; z) = (1 - z)^-a
      expect(hyp2f1(0.7, 3.2, 3.2, z)).toBeCloseTo(Math.pow(1 - z, -0.7), 8);
      // 2F1(1/2, 1/2; 3/2; z^2) = asin(z) / z
      if (z > 0) expect(hyp2f1(0.5, 0.5, 1.5, z * z)).toBeCloseTo(Math.asin(z) / z, 8);
    }
  });
  it("refuses z outside [0, 1)", () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 2, -0.1)).toThrow(RangeError);
  });
  it("logAddExp does not overflow", () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 10);
    expect(logAddExp(-Infinity, 3)).toBe(3);
  });
});
