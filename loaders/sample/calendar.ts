// Dates as whole days since 1970-01-01 (no Date objects: no time zone, no locale).
// Civil-from-days and days-from-civil after Howard Hinnant's public-domain algorithms.

export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): { y: number; m: number; d: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** ISO date text, e.g. 2024-01-05. */
export function isoDate(days: number): string {
  const { y, m, d } = civilFromDays(days);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekday = (days: number) => (((days + 4) % 7) + 7) % 7;

export function daysInMonth(y: number, m: number): number {
  return daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - daysFromCivil(y, m, 1);
}

/** The sample's history: 2021-01-01 .. 2026-09-30, as month indexes 0..68. */
export const HISTORY = {
  firstYear: 2021,
  months: 69,
  start: daysFromCivil(2021, 1, 1),
  end: daysFromCivil(2026, 9, 30),
} as const;

export function monthOf(index: number): { y: number; m: number } {
  return { y: HISTORY.firstYear + Math.floor(index / 12), m: (index % 12) + 1 };
}

export function monthIndexOfDay(days: number): number {
  const { y, m } = civilFromDays(days);
  return (y - HISTORY.firstYear) * 12 + (m - 1);
}
