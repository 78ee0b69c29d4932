import { nextBreakEven, trendOf } from '../../src/domain/trend';

const DAY = 86_400_000;
// 2026-10-21 is a Wednesday; the 30-day window ends on 2026-11-19 (the day before "now").
const START = new Date('2026-10-21T00:00:00Z');
const NOW = new Date('2026-11-20T12:00:00Z');

describe('trend of the daily series', () => {
  test('a flat series projects its daily rate onto the next calendar month (December: 31 days)', () => {
    const t = trendOf(Array<number>(30).fill(1_000), START, NOW);
    expect(t.slopePerDay).toBe(0);
    expect(t.nextMonth).toEqual({ start: new Date('2026-12-01T00:00:00Z'), days: 31, projected: 31_000 });
    expect(t.sameRateNextMonth).toBe(31_000);
    expect(t.days[29]?.start).toEqual(new Date(START.getTime() + 29 * DAY));
  });

  test('weekends show in the weekday pattern and in the projection', () => {
    const daily = Array.from({ length: 30 }, (_, i) =>
      [0, 6].includes(new Date(START.getTime() + i * DAY).getUTCDay()) ? 100 : 1_000,
    );
    const t = trendOf(daily, START, NOW);
    expect(t.weekdays.map((w) => w.day)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(t.weekdays.find((w) => w.day === 'Sat')?.mean).toBe(100);
    expect(t.weekdays.find((w) => w.day === 'Wed')?.mean).toBe(1_000);
    // December 2026: 23 weekdays and 8 weekend days; the fitted slope is small but not zero.
    expect(Math.abs(t.nextMonth.projected - (23 * 1_000 + 8 * 100))).toBeLessThan(1_500);
  });

  test('growth is carried forward: a rising series projects above its same-rate month', () => {
    const t = trendOf(
      Array.from({ length: 30 }, (_, i) => 1_000 + 100 * i),
      START,
      NOW,
    );
    expect(t.slopePerDay).toBeGreaterThan(90); // ≈100 a day, less what the weekday means absorb
    expect(t.nextMonth.projected).toBeGreaterThan(t.sameRateNextMonth);
  });

  test('February has 28 days', () => {
    const t = trendOf(Array<number>(30).fill(10), new Date('2027-12-31T00:00:00Z'), new Date('2027-01-15T00:00:00Z'));
    expect(t.nextMonth.days).toBe(28);
    expect(t.sameRateNextMonth).toBe(280);
  });
});

describe('headroom to the next break-even', () => {
  test('names the plan that becomes cheaper and how far below its point the traffic is', () => {
    // Plan 2 → Plan 3 at ≈35.71M: 700 + (x − 5M)·0.00014 = 5,000 ⇔ x = 35,714,285.7…
    const h = nextBreakEven(31_428_571);
    expect(h?.plan.name).toBe('Plan 3');
    expect(h?.atCalls).toBe(35_714_286);
    expect(h?.below).toBeCloseTo(0.12, 3);
    expect(nextBreakEven(1_000_000)).toMatchObject({ atCalls: 3_500_001, plan: { id: 'P2' } });
  });

  test('there is none on the top plan', () => {
    expect(nextBreakEven(2_000_000_000)).toBeUndefined();
  });
});
