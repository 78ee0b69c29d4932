/**
 * ISO 8601 durations as Azure reports them (e.g. `freeTrialRemainingTime`: "P12D", "P29DT23H59M", "PT0S"),
 * turned into text a person reads: "12 days", "29 days 23 hours", "none". Pure.
 */
const ISO_DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

const UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;

/** The two largest non-zero parts ("29 days 23 hours"), "none" for a zero duration, undefined if not a duration. */
export function readableDuration(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const text = iso.trim();
  const match = ISO_DURATION.exec(text);
  if (!match || text === 'P' || /T$/i.test(text)) return undefined;
  const parts = match
    .slice(1)
    .map((value, i) => ({ unit: UNITS[i] as string, count: Math.floor(Number(value ?? 0)) }))
    .filter((p) => p.count > 0);
  if (parts.length === 0) return 'none';
  return parts
    .slice(0, 2)
    .map((p) => `${p.count} ${p.unit}${p.count === 1 ? '' : 's'}`)
    .join(' ');
}
