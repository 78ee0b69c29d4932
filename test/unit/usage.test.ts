import { daysInUtcMonth, levelKey, levelsReached, monthUsage } from '../../src/domain/usage';

const at = (iso: string): Date => new Date(iso);

describe('month usage and its projection to month end', () => {
  test('counts the days of the UTC month, leap years included', () => {
    expect(daysInUtcMonth(at('2026-11-20T00:00:00Z'))).toBe(30);
    expect(daysInUtcMonth(at('2026-12-31T23:59:59Z'))).toBe(31);
    expect(daysInUtcMonth(at('2027-02-10T00:00:00Z'))).toBe(28);
    expect(daysInUtcMonth(at('2028-02-10T00:00:00Z'))).toBe(29);
  });

  test('projects month-to-date linearly: 19 of 30 days elapsed with 950,000 ends the month at 1,500,000', () => {
    const usage = monthUsage(950_000, at('2026-11-20T00:00:00Z'));
    expect(usage.daysInMonth).toBe(30);
    expect(usage.elapsed).toBeCloseTo(19 / 30, 12);
    expect(usage.projected).toBeCloseTo(1_500_000, 6);
  });

  test('half-way through a day counts as half a day', () => {
    expect(monthUsage(105_000, at('2026-11-11T12:00:00Z')).projected).toBeCloseTo(300_000, 6);
  });

  test('right at midnight on the 1st it does not divide by zero (at least one minute elapsed)', () => {
    const usage = monthUsage(10, at('2026-12-01T00:00:00Z'));
    expect(Number.isFinite(usage.projected)).toBe(true);
    expect(usage.projected).toBeCloseTo(10 * 31 * 24 * 60, 6);
  });

  test('on the last instant of the month the projection is the month-to-date total', () => {
    expect(monthUsage(123, at('2026-11-30T23:59:59.999Z')).projected).toBeCloseTo(123, 3);
  });
});

describe('alert levels reached', () => {
  const usage = (monthToDate: number, nowIso = '2026-11-20T00:00:00Z') => monthUsage(monthToDate, at(nowIso));

  test('below every threshold and projected under the entitlement: nothing', () => {
    expect(levelsReached(usage(500_000), 1_000_000, [80, 100])).toEqual([]);
  });

  test('a threshold is reached exactly at its share of the entitlement, not one request before', () => {
    expect(levelsReached(usage(799_999, '2026-11-30T23:59:59.999Z'), 1_000_000, [80, 100])).toEqual([]);
    expect(levelsReached(usage(800_000, '2026-11-30T23:59:59.999Z'), 1_000_000, [80, 100])).toEqual([
      { kind: 'threshold', percent: 80 },
    ]);
  });

  test('95 % on day 20 reaches 80 % and is projected to exceed; thresholds come first, in ascending order', () => {
    expect(levelsReached(usage(950_000), 1_000_000, [100, 80])).toEqual([
      { kind: 'threshold', percent: 80 },
      { kind: 'projected' },
    ]);
  });

  test('once the entitlement is used up, "projected to exceed" is no longer a separate level', () => {
    expect(levelsReached(usage(1_000_000), 1_000_000, [80, 100])).toEqual([
      { kind: 'threshold', percent: 80 },
      { kind: 'threshold', percent: 100 },
    ]);
  });

  test('thresholds above 100 % work against the same entitlement', () => {
    expect(levelsReached(usage(1_500_000), 1_000_000, [80, 100, 150]).map(levelKey)).toEqual([
      'pct-80',
      'pct-100',
      'pct-150',
    ]);
  });

  test('level keys are stable strings for storage keys', () => {
    expect(levelKey({ kind: 'threshold', percent: 80 })).toBe('pct-80');
    expect(levelKey({ kind: 'projected' })).toBe('projected');
  });
});
