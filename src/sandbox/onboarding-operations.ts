/**
 * Running onboarding operations (the apiCollections PUT long-running operation). Each accepted PUT starts with
 * `scenario.onboardingRunningPolls` (default 1) polls left that answer "still running"; any GET of the collection uses
 * one up. Kept in memory only: after a restart every operation has finished, as the onboarding itself is persisted.
 */
import type { SandboxContext } from './context';
import type { SandboxState } from './state';

const DEFAULT_RUNNING_POLLS = 1;
/** Seconds the sandbox asks pollers to wait (Retry-After) between polls. */
export const POLL_RETRY_AFTER_SECONDS = 1;

interface Operations {
  nextId: number;
  /** Lower-case collection id → polls still to answer "running". */
  running: Map<string, number>;
}

// Keyed by the sandbox's state object, so two sandboxes in one process (tests) never share operations.
const bySandbox = new WeakMap<SandboxState, Operations>();

function operations(ctx: SandboxContext): Operations {
  let ops = bySandbox.get(ctx.state);
  if (ops === undefined) {
    ops = { nextId: 1, running: new Map() };
    bySandbox.set(ctx.state, ops);
  }
  return ops;
}

/** Starts an operation for the collection and returns its id (for the Location URL). */
export function startOperation(ctx: SandboxContext, collectionId: string): string {
  const ops = operations(ctx);
  ops.running.set(collectionId.toLowerCase(), ctx.scenario.onboardingRunningPolls ?? DEFAULT_RUNNING_POLLS);
  return String(ops.nextId++);
}

/** True while the collection's operation is still running; each call uses up one running poll. */
export function pollOperation(ctx: SandboxContext, collectionId: string): boolean {
  const running = operations(ctx).running;
  const key = collectionId.toLowerCase();
  const left = running.get(key) ?? 0;
  if (left <= 0) {
    running.delete(key);
    return false;
  }
  running.set(key, left - 1);
  return true;
}

/** True while the collection's operation is still running, without using up a poll (for lists). */
export function isRunning(ctx: SandboxContext, collectionId: string): boolean {
  return (operations(ctx).running.get(collectionId.toLowerCase()) ?? 0) > 0;
}

/** Forgets the collection's operation (after an offboard). */
export function endOperation(ctx: SandboxContext, collectionId: string): void {
  operations(ctx).running.delete(collectionId.toLowerCase());
}
