// Logarithm and exponential built from + - * / only. IEEE 754 guarantees those (and sqrt)
// are correctly rounded everywhere, while Math.log/Math.exp may differ in the last bit
// between engines; the sample must be byte-identical on every machine and Node version.

const LN2 = 0.6931471805599453;

/** Natural logarithm of x > 0 (about 1e-15 relative error). */
export function ln(x: number): number {
  if (!(x > 0)) throw new RangeError(`ln of non-positive ${x}`);
  // x = m * 2^k with m in [sqrt(1/2), sqrt(2)), then ln m = 2 atanh((m-1)/(m+1)).
  let k = 0;
  let m = x;
  while (m >= 1.4142135623730951) { m /= 2; k++; }
  while (m < 0.7071067811865476) { m *= 2; k--; }
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  let term = s;
  let sum = 0;
  for (let n = 1; n < 60; n += 2) {
    sum += term / n;
    term *= s2;
    if (term < 1e-18 && term > -1e-18) break;
  }
  return 2 * sum + k * LN2;
}

/** e^x for |x| < 700 (about 1e-15 relative error). */
export function exp(x: number): number {
  if (x > 700 || x < -700) throw new RangeError(`exp out of range ${x}`);
  // e^x = 2^k * e^r with |r| <= ln2/2, then a Taylor series for e^r.
  const k = Math.round(x / LN2);
  const r = x - k * LN2;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 30; n++) {
    term *= r / n;
    sum += term;
    if (term < 1e-18 && term > -1e-18) break;
  }
  let p = 1;
  const base = k >= 0 ? 2 : 0.5;
  for (let i = 0; i < Math.abs(k); i++) p *= base;
  return sum * p;
}

/** x^y for x > 0. */
export const pow = (x: number, y: number) => exp(y * ln(x));
