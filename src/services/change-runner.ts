import type { Approval, Change, ChangeProgress } from '../domain/approval';
import { isAppError } from '../errors/app-error';

export interface ChangeResult {
  /** The outcome in words: "Plan 3 is now active …", "12 APIs onboarded, 1 failed". */
  outcome: string;
  progress?: ChangeProgress;
  /** Set when the change did not (fully) happen: the approval ends as failed with this code. */
  failedCode?: string;
}

/**
 * Carries out one kind of approved change. `report` shows progress on the card (the executor throttles it); a
 * thrown error means the change failed as a whole.
 */
export type ChangeRunner = (
  approval: Approval,
  signal: AbortSignal,
  report: (progress: ChangeProgress) => Promise<void>,
) => Promise<ChangeResult>;

/** Card updates while a change runs are at most this often (Teams rate limits; people read, not watch). */
export const PROGRESS_INTERVAL_MS = 3_000;

/** The actor of the executor's audit entries. */
export const BOT = { name: 'defender-apis-bot' };

/** Longest each kind of change may run before it is reported as failed (ms). Onboarding many APIs takes long. */
export const CHANGE_TIMEOUT_MS: Record<Change['kind'], number> = { setPlan: 120_000, onboardApis: 2 * 3_600_000 };

/** How a change that threw ends: the outcome people read and the approval's error code. */
export function failureOf(error: unknown, timedOut: boolean): { outcome: string; errorCode: string } {
  if (timedOut)
    return {
      outcome: 'Azure did not finish in time. The change may still complete; check with "status" before asking again.',
      errorCode: 'timeout',
    };
  if (isAppError(error)) return { outcome: error.userMessage, errorCode: error.code };
  return { outcome: 'Something went wrong on my side while applying the change.', errorCode: 'internal' };
}
