import { readSplit, SPLIT_TOP } from '../../src/azure/metric-split';

const START = new Date('2026-10-21T00:00:00Z');
const DAY = 86_400_000;
const stamp = (day: number) => new Date(START.getTime() + day * DAY).toISOString().replace('.000Z', 'Z');
const series = (api: string, points: { timeStamp?: Date | string; total?: number | null }[]) => ({
  metadatavalues: [{ name: { value: 'apiid', localizedValue: 'ApiId' }, value: api }],
  data: points,
});

describe('reading Requests split by ApiId', () => {
  it('sums each API and each day of a window answered one point per day', () => {
    const days = Array.from({ length: 30 }, (_, d) => ({ timeStamp: stamp(d), total: d }));
    const detail = readSplit({ timeseries: [series('orders', days), series('billing;rev=2', days)] }, START, 30);
    expect(detail.total).toBe(2 * 435);
    expect(Object.fromEntries(detail.byApi)).toEqual({ orders: 435, billing: 435 });
    expect(detail.daily).toEqual(Array.from({ length: 30 }, (_, d) => 2 * d));
    expect(detail.splitComplete).toBe(true);
  });

  it('places points by their time stamps when a day is missing, out of order, outside the window or a Date', () => {
    const points = [
      { timeStamp: stamp(2), total: 5 },
      { timeStamp: stamp(0), total: 7 },
      { timeStamp: new Date(START.getTime() + DAY), total: 11 },
      { timeStamp: stamp(30), total: 1_000 }, // after the window: counted in the total, on no day
      { timeStamp: stamp(3), total: null },
    ];
    const detail = readSplit({ timeseries: [series('orders', points)] }, START, 4);
    expect(detail.daily).toEqual([7, 11, 5, 0]);
    expect(detail.total).toBe(1_023);
  });

  it('does not trust a series whose length matches the window but whose days do not', () => {
    // Four points, four days, but shifted by one day: positions would put the first point on day 0.
    const shifted = [1, 2, 3, 4].map((d) => ({ timeStamp: stamp(d), total: 10 * d }));
    expect(readSplit({ timeseries: [series('orders', shifted)] }, START, 4).daily).toEqual([0, 10, 20, 30]);
  });

  it('marks a split that may have been cut off at `top` series', () => {
    const many = Array.from({ length: SPLIT_TOP }, (_, i) => series(`api-${i}`, []));
    expect(readSplit({ timeseries: many }, START, 30).splitComplete).toBe(false);
    expect(readSplit(undefined, START, 2)).toEqual({ total: 0, byApi: new Map(), daily: [0, 0], splitComplete: true });
  });
});
