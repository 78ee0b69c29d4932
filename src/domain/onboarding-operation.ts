/**
 * A durable onboarding operation (pure part): one item per API with its state, saved before any Azure call and
 * after every change, so a stop in the middle loses nothing and a restart continues with what is left.
 */
import type { ChangeProgress } from './approval';
import type { ApiRef } from './onboarding-types';

export type ItemState = 'waiting' | 'running' | 'done' | 'failed';

export interface OperationItem {
  api: ApiRef;
  state: ItemState;
  /** For failed items: what happened and what to do, for people. */
  reason?: string;
  errorCode?: string;
}

export interface OnboardingOperation {
  approvalId: string;
  subscriptionId: string;
  items: OperationItem[];
}

/** Consumption-tier APIM is not supported by Defender for APIs: those APIs never get a Fix button. */
export function isOnboardable(api: ApiRef): boolean {
  return api.sku.toLowerCase() !== 'consumption';
}

export function counts(op: OnboardingOperation): Record<ItemState, number> {
  const result: Record<ItemState, number> = { waiting: 0, running: 0, done: 0, failed: 0 };
  for (const item of op.items) result[item.state] += 1;
  return result;
}

export function progressOf(op: OnboardingOperation): ChangeProgress {
  return {
    items: op.items.map((i) => ({
      label: `${i.api.displayName} (${i.api.serviceName})`,
      state: i.state,
      reason: i.reason,
    })),
  };
}

/** "12 onboarded, 1 failed" style summary. */
export function summaryOf(op: OnboardingOperation): string {
  const c = counts(op);
  const parts = [`${c.done} of ${op.items.length} API${op.items.length === 1 ? '' : 's'} onboarded`];
  if (c.failed) parts.push(`${c.failed} failed`);
  if (c.waiting + c.running) parts.push(`${c.waiting + c.running} not finished`);
  return parts.join(', ');
}
