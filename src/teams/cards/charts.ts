/**
 * Teams chart elements (Adaptive Cards 1.5, "Charts in Adaptive Cards" in the Teams docs), each built with a
 * `fallback` that says the same in text: Teams on iOS, some previews and other hosts do not draw charts.
 * Pure JSON builders; the card templates place the result with `${someChart}`.
 */

/** Chart colours Teams documents for data points (a subset: the ones these cards use). */
export type ChartColor = 'good' | 'warning' | 'attention' | 'neutral' | 'categoricalBlue' | 'categoricalPurple';

export interface ChartPoint {
  label: string;
  value: number;
  /** The value as the text fallback shows it ("10,376,975 requests"). */
  text: string;
  color?: ChartColor;
}

type Element = Record<string, unknown>;

/** The fallback: a title and one fact per point, so a client without charts still shows every number. */
function factsFallback(title: string, points: readonly ChartPoint[]): Element {
  return {
    type: 'Container',
    items: [
      { type: 'TextBlock', text: title, weight: 'Bolder', wrap: true, size: 'Small' },
      { type: 'FactSet', facts: points.map((p) => ({ title: p.label, value: p.text })) },
    ],
  };
}

/**
 * `Chart.HorizontalBar`: one bar per point, with axis (values of very different sizes stay readable). `axisTitle`
 * names the values' unit under the axis: some hosts (the Agents Playground) do not draw the chart's title.
 */
export function horizontalBarChart(title: string, points: readonly ChartPoint[], axisTitle?: string): Element {
  return {
    type: 'Chart.HorizontalBar',
    title,
    displayMode: 'AbsoluteWithAxis',
    ...(axisTitle ? { xAxisTitle: axisTitle } : {}),
    data: points.map((p) => ({ x: p.label, y: p.value, ...(p.color ? { color: p.color } : {}) })),
    fallback: factsFallback(title, points),
  };
}

/** `Chart.Donut`: parts of a whole (e.g. APIs by onboarding state). Zero-sized parts are left out of the drawing. */
export function donutChart(title: string, points: readonly ChartPoint[]): Element {
  return {
    type: 'Chart.Donut',
    title,
    data: points
      .filter((p) => p.value > 0)
      .map((p) => ({ legend: p.label, value: p.value, ...(p.color ? { color: p.color } : {}) })),
    fallback: factsFallback(title, points),
  };
}

/** Green below 80 % of a limit, amber from 80 %, red above it: the colour of "usage against the entitlement". */
export function usageColor(ratio: number): ChartColor {
  if (ratio > 1) return 'attention';
  return ratio >= 0.8 ? 'warning' : 'good';
}

/** The same three levels as TextBlock colours. */
export function usageTextColor(ratio: number): 'Attention' | 'Warning' | 'Good' {
  const color = usageColor(ratio);
  return color === 'attention' ? 'Attention' : color === 'warning' ? 'Warning' : 'Good';
}
