import { bucketCount, bucketTotals, requestsInWindow, type TrafficModel } from '../../src/sandbox/traffic';
import { formatDuration, formatInstant, parseDuration, parseInstant } from '../../src/sandbox/time';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const LAST_DAY = Date.parse('2026-11-20T00:00:00Z');
const NOW = LAST_DAY + 12 * HOUR;
const days = (n: number) => n * DAY;
/** [10, 20, 30, 40]: 40 on 2026-11-20 (the day of now), 10 on 2026-11-17. */
const model: TrafficModel = { daily: [10, 20, 30, 40], lastDayStartMs: LAST_DAY };

describe('requestsInWindow', () => {
  it('sums whole days exactly and gives days before the first entry nothing', () => {
    expect(requestsInWindow(model, LAST_DAY - days(10), LAST_DAY, NOW)).toBe(60);
    expect(requestsInWindow(model, LAST_DAY - days(3), LAST_DAY - days(2), NOW)).toBe(10);
    expect(requestsInWindow(model, LAST_DAY - days(100), LAST_DAY - days(3), NOW)).toBe(0);
  });

  it('gives a part of a day its share of the day', () => {
    expect(requestsInWindow(model, LAST_DAY - days(1) + 6 * HOUR, LAST_DAY - days(1) + 12 * HOUR, NOW)).toBe(7.5);
    expect(requestsInWindow(model, LAST_DAY - days(1) - 12 * HOUR, LAST_DAY - days(1) + 12 * HOUR, NOW)).toBe(25);
  });

  it('counts nothing at or after now, so the day of now counts only its elapsed part', () => {
    expect(requestsInWindow(model, LAST_DAY, LAST_DAY + DAY, NOW)).toBe(20);
    expect(requestsInWindow(model, NOW, NOW + DAY, NOW)).toBe(0);
    expect(requestsInWindow(model, LAST_DAY, LAST_DAY + DAY, NOW + 6 * HOUR)).toBe(30);
  });

  it('carries on at the last day’s rate once the clock passes the last day', () => {
    const later = LAST_DAY + days(2) + 12 * HOUR;
    expect(requestsInWindow(model, LAST_DAY, later, later)).toBe(40 + 40 + 20);
  });

  it('perDay is the same every day, as far back as asked, and stays exact for large counts', () => {
    const steady: TrafficModel = { daily: { perDay: 123_456_789 }, lastDayStartMs: LAST_DAY };
    expect(requestsInWindow(steady, LAST_DAY - days(3650), LAST_DAY, NOW)).toBe(123_456_789 * 3650);
    expect(requestsInWindow(steady, LAST_DAY, LAST_DAY + 6 * HOUR, NOW)).toBe(123_456_789 / 4);
  });

  it('an empty series or an empty window has no traffic', () => {
    expect(requestsInWindow({ daily: [], lastDayStartMs: LAST_DAY }, 0, NOW, NOW)).toBe(0);
    expect(requestsInWindow(model, LAST_DAY, LAST_DAY, NOW)).toBe(0);
  });
});

describe('bucketTotals', () => {
  it('starts buckets at the window start, steps by the interval and clips the last bucket', () => {
    const start = LAST_DAY - days(2);
    const buckets = bucketTotals(model, start, start + days(1) + 12 * HOUR, DAY, NOW);
    expect(buckets).toEqual([
      { startMs: start, total: 20 },
      { startMs: start + DAY, total: 15 },
    ]);
  });

  it('FULL is one bucket for the whole window', () => {
    expect(bucketTotals(model, LAST_DAY - days(30), NOW, undefined, NOW)).toEqual([
      { startMs: LAST_DAY - days(30), total: 80 },
    ]);
    expect(bucketCount(0, DAY, undefined)).toBe(1);
    expect(bucketCount(0, DAY + 1, HOUR)).toBe(25);
  });

  it('buckets that do not line up with midnight split days in proportion', () => {
    const start = LAST_DAY - days(1) - 6 * HOUR;
    const totals = bucketTotals(model, start, start + days(1), 12 * HOUR, NOW).map((b) => b.total);
    expect(totals).toEqual([20 / 4 + 30 / 4, 30 / 2]);
  });
});

describe('ISO 8601 helpers', () => {
  it('parses fixed-length durations and refuses months, years and empty ones', () => {
    expect(parseDuration('PT1M')).toBe(60_000);
    expect(parseDuration('P1DT12H')).toBe(DAY + 12 * HOUR);
    expect(parseDuration('p30d')).toBe(days(30));
    expect(parseDuration('P1W')).toBe(days(7));
    for (const bad of ['P1M', 'P1Y', 'P', 'PT', 'P1DT', '1D', 'FULL']) expect(parseDuration(bad)).toBeUndefined();
  });

  it('formats durations with days as the largest unit', () => {
    expect(formatDuration(0)).toBe('PT0S');
    expect(formatDuration(days(30))).toBe('P30D');
    expect(formatDuration(days(29) + 23 * HOUR + 59 * 60_000 + 30_000)).toBe('P29DT23H59M30S');
    expect(formatDuration(-5)).toBe('PT0S');
  });

  it('reads instants without a zone as UTC and writes them without empty milliseconds', () => {
    expect(parseInstant('2026-11-20T12:00:00')).toBe(NOW);
    expect(parseInstant('2026-11-20T13:00:00+01:00')).toBe(NOW);
    expect(parseInstant('2026-11-20')).toBe(LAST_DAY);
    expect(parseInstant('Nov 20 2026')).toBeUndefined();
    expect(formatInstant(NOW)).toBe('2026-11-20T12:00:00Z');
    expect(formatInstant(NOW + 5)).toBe('2026-11-20T12:00:00.005Z');
  });
});
