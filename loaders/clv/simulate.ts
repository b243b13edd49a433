// Simulated customer bases drawn from the BG/NBD and Gamma-Gamma processes with a seeded
// PRNG: for the benchmark (a million customers) and for tests that need data whose true
// parameters are known. Same seed, same customers.
import type { BgnbdParams } from "./bgnbd.ts";
import type { GammaGammaParams } from "./gammagamma.ts";
import { Random } from "../sample/random.ts";

/** The sample's mulberry32 stream, shifted half a step so that it never returns 0 (log(0) below). */
export function seededRandom(seed: number): () => number {
  const r = new Random(seed);
  return () => r.next() + 2 ** -33;
}

function standardNormal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, rate) by Marsaglia & Tsang (2000), with the shape < 1 boost. */
export function gammaVariate(random: () => number, shape: number, rate: number): number {
  if (shape < 1) return gammaVariate(random, shape + 1, rate) * Math.pow(random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

export function betaVariate(random: () => number, a: number, b: number): number {
  const x = gammaVariate(random, a, 1);
  return x / (x + gammaVariate(random, b, 1));
}

export interface SimulatedCustomer {
  frequency: number;
  recency: number;
  T: number;
  /** Mean value of the repeat purchases (0 when frequency = 0). */
  monetaryValue: number;
}

export interface SimulationOptions {
  customers: number;
  bgnbd: BgnbdParams;
  gammaGamma: GammaGammaParams;
  /** Customers are acquired uniformly over the first `acquisitionDays` of the window. */
  acquisitionDays: number;
  /** Length of the observation window in days. */
  windowDays: number;
  /** Days per model time unit (7 = weeks); purchase times are rounded to whole days. */
  daysPerUnit: number;
  seed: number;
}

/** Simulate (x, t_x, T, mean repeat spend) per customer; times in model units, whole days. */
export function simulateCustomers(o: SimulationOptions): SimulatedCustomer[] {
  const random = seededRandom(o.seed);
  const out: SimulatedCustomer[] = new Array(o.customers);
  for (let i = 0; i < o.customers; i++) {
    const lambda = gammaVariate(random, o.bgnbd.r, o.bgnbd.alpha); // purchases per time unit
    const p = betaVariate(random, o.bgnbd.a, o.bgnbd.b);
    const nu = gammaVariate(random, o.gammaGamma.q, o.gammaGamma.gamma);
    const birth = Math.floor(random() * o.acquisitionDays);
    const T = (o.windowDays - birth) / o.daysPerUnit;
    let t = 0;
    let last = 0;
    let x = 0;
    let spend = 0;
    for (;;) {
      t += -Math.log(random()) / lambda;
      const day = Math.floor(t * o.daysPerUnit);
      if (day / o.daysPerUnit > T) break;
      x++;
      last = day / o.daysPerUnit;
      spend += gammaVariate(random, o.gammaGamma.p, nu);
      if (random() < p) break; // dropped out after this purchase
    }
    out[i] = { frequency: x, recency: last, T, monetaryValue: x ? spend / x : 0 };
  }
  return out;
}
