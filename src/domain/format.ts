import { MICRO_USD_PER_USD } from './plans';

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });

/** Exact request count with en-US grouping: 12,345,678. Fractions (partial days) are rounded. */
export function formatCount(n: number): string {
  return COUNT.format(Math.round(n));
}

/** A short rounded form shown next to the exact number: 12.3M, 850K, 2.1B. */
export function formatCompact(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (abs >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `${Math.round(n / 1e3)}K`;
  return String(Math.round(n));
}

/** µ$ → "$5,000.00" (cents, half away from zero). */
export function formatUsd(microUsd: number): string {
  const cents = Math.round(microUsd / (MICRO_USD_PER_USD / 100));
  return USD.format(cents / 100);
}

/** Signed difference: "+$1,234.50" or "−$200.00" (a true minus sign) or "$0.00". */
export function formatUsdDelta(microUsd: number): string {
  if (Math.round(microUsd / 10_000) === 0) return formatUsd(0);
  return (microUsd > 0 ? '+' : '−') + formatUsd(Math.abs(microUsd));
}

/** 0.8234 → "82.3%". */
export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}
