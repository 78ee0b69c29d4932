import { formatCompact, formatCount, formatPercent, formatUsd, formatUsdDelta } from '../../src/domain/format';

describe('numbers on cards', () => {
  test('request counts are exact with en-US grouping', () => {
    expect(formatCount(12_345_678)).toBe('12,345,678');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999.6)).toBe('1,000');
  });

  test('the rounded form next to the exact one is short', () => {
    expect(formatCompact(12_345_678)).toBe('12.3M');
    expect(formatCompact(850_400)).toBe('850K');
    expect(formatCompact(2_100_000_000)).toBe('2.1B');
    expect(formatCompact(512)).toBe('512');
  });

  test('money is USD with cents, from micro-dollars', () => {
    expect(formatUsd(5_000_000_000)).toBe('$5,000.00');
    expect(formatUsd(200)).toBe('$0.00');
    expect(formatUsd(5_000)).toBe('$0.01');
    expect(formatUsd(2_469_135_600)).toBe('$2,469.14');
  });

  test('differences carry a sign, and no sign when there is none', () => {
    expect(formatUsdDelta(1_500_000)).toBe('+\u2060$1.50');
    expect(formatUsdDelta(-1_500_000)).toBe('−\u2060$1.50');
    expect(formatUsdDelta(0)).toBe('$0.00');
  });

  test('a sign never wraps away from its amount: a word joiner sits between "−" and "$"', () => {
    expect(formatUsdDelta(-938_990_000)).toMatch(/^−\u2060\$938\.99$/);
  });

  test('percentages keep one decimal and are digit-grouped', () => {
    expect(formatPercent(0.8234)).toBe('82.3%');
    expect(formatPercent(10.377)).toBe('1,037.7%');
    expect(formatPercent(0)).toBe('0.0%');
  });
});
