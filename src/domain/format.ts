import { MICRO_USD_PER_USD } from './plans';

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });
const PERCENT = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/**
 * U+2060 WORD JOINER. Unicode line breaking allows a break between a minus sign and "$" (both are prefix
 * characters), so "−$938.99" could wrap with the sign alone at the end of a line; the joiner forbids that break.
 */
const NO_BREAK = '\u2060';

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

/** Signed difference: "+$1,234.50" or "−$200.00" (a true minus sign, kept on the line of its number) or "$0.00". */
export function formatUsdDelta(microUsd: number): string {
  if (Math.round(microUsd / 10_000) === 0) return formatUsd(0);
  return (microUsd > 0 ? '+' : '−') + NO_BREAK + formatUsd(Math.abs(microUsd));
}

/** 0.8234 → "82.3%"; 10.377 → "1,037.7%" (grouped like every other number on the cards). */
export function formatPercent(ratio: number): string {
  return `${PERCENT.format(ratio * 100)}%`;
}
