import { comparePlans, costOf, parsePlanId, planById, PLANS } from '../../src/domain/plans';
import { formatUsd } from '../../src/domain/format';

const usd = (calls: number, id: 'P1' | 'P2' | 'P3' | 'P4' | 'P5'): string =>
  formatUsd(costOf(planById(id), calls).totalMicroUsd);

describe('plan cost', () => {
  test('a plan costs its fee while traffic stays within the entitlement', () => {
    for (const plan of PLANS) expect(costOf(plan, plan.entitlement).totalMicroUsd).toBe(plan.feeMicroUsd);
  });

  test('each call above the entitlement costs the plan overage price', () => {
    expect(usd(1_000_001, 'P1')).toBe('$200.00');
    expect(costOf(planById('P1'), 1_000_001).overageMicroUsd).toBe(200);
    expect(usd(2_000_000, 'P1')).toBe('$400.00');
    expect(usd(20_000_000, 'P2')).toBe('$2,800.00');
    expect(usd(150_000_000, 'P4')).toBe('$10,500.00');
    expect(usd(2_000_000_000, 'P5')).toBe('$100,000.00');
  });

  test('zero traffic costs the fee and recommends Plan 1', () => {
    const c = comparePlans(0);
    expect(c.cheapest.plan.id).toBe('P1');
    expect(formatUsd(c.cheapest.totalMicroUsd)).toBe('$200.00');
  });
});

describe('cheapest plan around every break-even', () => {
  const cases: [number, string][] = [
    [3_499_999, 'P1'],
    [3_500_000, 'P1'], // P1 = P2 = $700: the tie goes to the lower plan
    [3_500_001, 'P2'],
    [35_714_285, 'P2'], // P2 $4,999.9999 < P3 $5,000 (break-even ≈ 35,714,285.7)
    [35_714_286, 'P3'], // P2 $5,000.00004 > P3 $5,000
    [69_999_999, 'P3'],
    [70_000_000, 'P3'], // P3 = P4 = $7,000: tie to the lower plan
    [70_000_001, 'P4'],
    [714_285_714, 'P4'], // P4 $49,999.99998 < P5 $50,000 (break-even ≈ 714,285,714.3)
    [714_285_715, 'P5'],
    [2_000_000_000, 'P5'],
  ];
  test.each(cases)('%d calls a month → %s', (calls, expected) => {
    expect(comparePlans(calls).cheapest.plan.id).toBe(expected);
  });

  test('the comparison lists all five plans in order', () => {
    expect(comparePlans(12_345_678).costs.map((c) => c.plan.id)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
  });
});

describe('plan names people type', () => {
  test.each([
    ['P3', 'P3'],
    ['p3', 'P3'],
    ['Plan 3', 'P3'],
    ['plan3', 'P3'],
    ['3', 'P3'],
  ])('"%s" means %s', (text, id) => expect(parsePlanId(text)).toBe(id));

  test.each(['P6', 'plan', '', 'Plan 0', 'premium'])('"%s" is not a plan', (text) =>
    expect(parsePlanId(text)).toBeUndefined(),
  );
});
