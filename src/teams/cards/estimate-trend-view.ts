/** The trend part of the estimate card: the daily chart and its text, the weekday pattern, next month, headroom. */
import { formatCompact, formatCount, formatPercent, formatUsd } from '../../domain/format';
import { costOf } from '../../domain/plans';
import type { TrafficEstimate } from '../../services/estimate-service';

const DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const MONTH = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' });

/**
 * Chart.Line data: one point per day, x its UTC date ("2026-10-21"), so the chart draws a date axis with a few
 * ticks. As 30 labelled bars, every label was cut to its first character in a Teams column ("2 2 2 … 3 1 2"); the
 * line also shows the weekday rhythm at a glance. The axis title names the window.
 */
export function dailyLine(e: TrafficEstimate) {
  return [
    {
      legend: 'Requests',
      color: 'categoricalBlue',
      values: e.trend.days.map((d) => ({ x: d.start.toISOString().slice(0, 10), y: Math.round(d.requests) })),
    },
  ];
}

/** The daily chart's x-axis title: "Day (Oct 21 – Nov 19, UTC)". */
export function dailyAxisTitle(e: TrafficEstimate): string {
  const days = e.trend.days;
  if (days.length === 0) return 'Day (UTC)';
  return `Day (${DAY.format(days[0]!.start)} – ${DAY.format(days[days.length - 1]!.start)}, UTC)`;
}

/** What the daily chart shows, for clients that cannot draw it. */
export function dailyText(e: TrafficEstimate): string {
  const days = e.trend.days;
  if (days.length === 0) return 'No daily figures.';
  const low = days.reduce((a, b) => (b.requests < a.requests ? b : a));
  const high = days.reduce((a, b) => (b.requests > a.requests ? b : a));
  const mean = e.total / days.length;
  return `Requests a day: average ${formatCount(mean)}, lowest ${formatCount(low.requests)} (${DAY.format(low.start)}), highest ${formatCount(high.requests)} (${DAY.format(high.start)}).`;
}

export function weekdayText(e: TrafficEstimate): string {
  const parts = e.trend.weekdays.map((w) => `${w.day} ${formatCompact(w.mean)}`);
  return `Average by weekday (UTC): ${parts.join(' · ')}.`;
}

/** Next calendar month: the projection of the billed traffic and its cost on the recommended plan. */
export function nextMonthText(e: TrafficEstimate): string {
  const { nextMonth } = e.trend;
  const month = MONTH.format(nextMonth.start);
  const share = e.total > 0 ? e.billed / e.total : 0;
  const projected = Math.round(nextMonth.projected * share);
  const plan = e.recommended?.plan;
  const cost = plan ? `, ${formatUsd(costOf(plan, projected).totalMicroUsd)} on ${plan.name}` : '';
  return `${month} projected (weekday pattern and trend): ${formatCount(projected)} requests${cost}.`;
}

/** How the 30-day window stands for a calendar month of 28–31 days. */
export function windowText(e: TrafficEstimate): string {
  const { nextMonth } = e.trend;
  const windowDays = e.trend.days.length;
  const month = MONTH.format(nextMonth.start);
  const diff = nextMonth.days - windowDays;
  if (diff === 0) return `The last ${windowDays} days stand for a month; ${month} has ${nextMonth.days} days too.`;
  const change = `${diff > 0 ? '+' : '−'}${formatPercent(Math.abs(diff) / windowDays)}`;
  const sameRate = Math.round((e.billed * nextMonth.days) / Math.max(1, windowDays));
  return `The plans bill per calendar month; the last ${windowDays} days stand for one. ${month} has ${nextMonth.days} days: at the same daily rate that is ${formatCount(sameRate)} requests (${change}).`;
}

/** "12.0% below the point where Plan 3 becomes cheaper (35,714,286 requests a month)." */
export function headroomText(e: TrafficEstimate): string {
  const h = e.headroom;
  if (!h) return 'Plan 5 is the top plan: no higher plan becomes cheaper with more traffic.';
  const text = `${formatPercent(h.below)} below the point where ${h.plan.name} becomes cheaper (${formatCount(h.atCalls)} requests a month).`;
  const projected = e.total > 0 ? (e.trend.nextMonth.projected * e.billed) / e.total : 0;
  return projected >= h.atCalls ? `${text} Next month's projection passes it.` : text;
}
