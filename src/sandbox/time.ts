/**
 * ISO 8601 instants and durations as ARM sends and expects them, and the sandbox's clock. All times are epoch
 * milliseconds, UTC.
 */
import { readFile } from 'node:fs/promises';
import { writeAtomically } from './atomic-file';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Durations with fixed lengths only (weeks, days, hours, minutes, seconds); months and years vary, so no. */
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Milliseconds in an ISO 8601 duration such as "PT1H", "P1D" or "P1DT12H"; undefined if not one. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  const m = DURATION.exec(trimmed);
  // The pattern's parts are all optional, so "P" and "P1DT" match it but are not durations.
  if (m === null || m.slice(1).every((part) => part === undefined) || /T$/i.test(trimmed)) return undefined;
  const [, weeks, days, hours, minutes, seconds] = m;
  return (
    Number(weeks ?? 0) * 7 * DAY_MS +
    Number(days ?? 0) * DAY_MS +
    Number(hours ?? 0) * HOUR_MS +
    Number(minutes ?? 0) * MINUTE_MS +
    Math.round(Number(seconds ?? 0) * 1000)
  );
}

/** "P1DT2H30M", "PT5M", "P30D", "PT0S": whole seconds, zero parts left out, days as the largest unit. */
export function formatDuration(ms: number): string {
  let seconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(seconds / 86_400);
  seconds -= days * 86_400;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const time = `${hours > 0 ? `${hours}H` : ''}${minutes > 0 ? `${minutes}M` : ''}${seconds > 0 ? `${seconds}S` : ''}`;
  if (days === 0 && time === '') return 'PT0S';
  return `P${days > 0 ? `${days}D` : ''}${time === '' ? '' : `T${time}`}`;
}

/** Parses an ISO 8601 date or date-time; one without a zone is taken as UTC (as ARM does), not local time. */
export function parseInstant(text: string): number | undefined {
  const trimmed = text.trim();
  const m = INSTANT.exec(trimmed);
  if (m === null) return undefined;
  const withZone = m[1] === undefined && trimmed.includes('T') ? `${trimmed}Z` : trimmed;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

/** "2025-01-01T00:00:00Z" — ARM's metrics form: milliseconds only when there are some. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function utcDayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** How far ahead of the clock the saved mark is kept, and how often it is pushed on (ms). */
const CLOCK_MARK_AHEAD_MS = 10_000;
const CLOCK_MARK_EVERY_MS = 5_000;

export interface ContinuingClock {
  nowMs(): number;
  /** Saves the mark one last time and stops the timer. */
  stop(): Promise<void>;
}

/**
 * The scenario clock, continued across restarts on the same data folder: it starts at the scenario's `now` the first
 * time, and afterwards at the mark saved in `file`, so leases, expiries and audit order never see time go back.
 * The mark is kept CLOCK_MARK_AHEAD_MS ahead of the clock (pushed on every CLOCK_MARK_EVERY_MS), so even after a
 * kill -9 the next start begins no earlier than any instant the previous run handed out (it may skip ≤ 10 s ahead).
 */
export async function continuingClock(
  file: string,
  scenarioStartMs: number,
  realNow: () => number,
): Promise<ContinuingClock> {
  const saved = await readMark(file);
  const startMs = Math.max(scenarioStartMs, saved ?? -Infinity);
  const realStartMs = realNow();
  const nowMs = (): number => startMs + (realNow() - realStartMs);
  let writing = Promise.resolve();
  const save = (mark: number): Promise<void> =>
    (writing = writing
      .then(() => writeAtomically(file, JSON.stringify({ markMs: mark, mark: new Date(mark).toISOString() })))
      .catch(() => undefined)); // a failed save only means the next start may begin a little earlier
  await save(nowMs() + CLOCK_MARK_AHEAD_MS);
  const timer = setInterval(() => void save(nowMs() + CLOCK_MARK_AHEAD_MS), CLOCK_MARK_EVERY_MS);
  timer.unref();
  return {
    nowMs,
    stop: async () => {
      clearInterval(timer);
      await save(nowMs());
    },
  };
}

async function readMark(file: string): Promise<number | undefined> {
  try {
    const mark = (JSON.parse(await readFile(file, 'utf8')) as { markMs?: unknown }).markMs;
    return typeof mark === 'number' && Number.isFinite(mark) ? mark : undefined;
  } catch {
    return undefined; // no mark yet (or unreadable): start at the scenario's now
  }
}
