import { usageChart } from '../../src/teams/cards/usage-text';

const AT = new Date('2026-11-20T12:00:00Z');
type Bar = { x: string; y: number; color?: string };
type Chart = {
  title: string;
  xAxisTitle?: string;
  data: Bar[];
  fallback: { items: [unknown, { facts: { title: string; value: string }[] }] };
};
const chart = (mtd: number, projected: number, entitlement: number) =>
  usageChart(mtd, projected, entitlement, 'Plan 1', AT) as unknown as Chart;

describe('the usage bars of the status and alert cards', () => {
  it('are whole requests below 10 million', () => {
    const c = chart(950_000.4, 1_425_000, 1_000_000);
    expect(c.title).toBe('Requests this month against the entitlement');
    expect(c.xAxisTitle).toBe('Requests');
    expect(c.data.map((b) => b.y)).toEqual([950_000, 1_425_000, 1_000_000]);
    expect(c.data.map((b) => b.color)).toEqual(['warning', 'attention', 'neutral']);
  });

  it("are millions with one decimal from 10 million on, since Teams' axis abbreviates in thousands only", () => {
    const c = chart(10_376_975, 15_565_462, 1_000_000);
    expect(c.title).toBe('Requests this month against the entitlement (millions)');
    expect(c.xAxisTitle).toBe('Millions of requests');
    expect(c.data.map((b) => b.y)).toEqual([10.4, 15.6, 1]);
    expect(c.data[2]?.x).toBe('Included in Plan 1');
    // The text fallback keeps the exact counts.
    expect(c.fallback.items[1].facts.map((f) => f.value)).toEqual([
      '10,376,975 requests (1,037.7%)',
      '15,565,462 requests (1,556.5%)',
      '1,000,000 requests',
    ]);
  });
});
