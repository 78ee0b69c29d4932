import { setMaxListeners } from 'node:events';
import type { TurnContext } from 'botbuilder';
import { AppError } from '../errors/app-error';
import { settleBefore } from '../util/deadline';

/** How long one turn may wait for Azure by default, in ms (TURN_BUDGET_SECONDS). */
export const DEFAULT_TURN_BUDGET_MS = 45_000;
/** After the budget ran out, how long the work may take to answer with what it has (a partial card), in ms. */
const GRACE_MS = 2_000;
const SIGNAL_KEY = Symbol('turnSignal');

/** The turn's AbortSignal: it aborts (reason TimeoutError) when the turn's budget runs out. */
export function turnSignal(ctx: TurnContext): AbortSignal | undefined {
  return ctx.turnState.get(SIGNAL_KEY) as AbortSignal | undefined;
}

/**
 * Runs one turn within a budget. Every Azure call of the turn gets `turnSignal(ctx)`: when the budget runs out they
 * stop, and the services answer with what did answer (an estimate lists the services that did not and recommends
 * nothing) or fail naming the call that did not (azure_timeout). If the work still has not answered a moment later,
 * the turn ends anyway with an azure_timeout, so a person always gets an answer.
 */
export function withTurnBudget<T>(ctx: TurnContext, budgetMs: number, work: () => Promise<T>): Promise<T> {
  // Not AbortSignal.timeout: its timer would outlive every turn by the whole budget (45 s), so at a few hundred turns
  // a second tens of thousands of timers and signals lived on into the old generation, and cost major GCs.
  const budget = new AbortController();
  const timer = setTimeout(() => budget.abort(new DOMException('The turn budget ran out', 'TimeoutError')), budgetMs);
  timer.unref();
  const signal = budget.signal;
  // Every Azure call of the turn listens on it (hundreds for a large estimate): not a leak, so no warning.
  setMaxListeners(0, signal);
  ctx.turnState.set(SIGNAL_KEY, signal);
  const seconds = Math.max(1, Math.round(budgetMs / 1000));
  return settleBefore(
    work(),
    signal,
    GRACE_MS,
    () =>
      new AppError(
        'azure_timeout',
        `Azure did not answer within ${seconds} seconds, so I stopped waiting. Try again shortly.`,
        { detail: `turn budget of ${budgetMs} ms ran out and the turn did not end within ${GRACE_MS} ms` },
      ),
  ).finally(() => clearTimeout(timer));
}
