import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** How a turn ended, as the turns metric counts it. */
export type TurnOutcome = 'ok' | 'handled_error' | 'internal_error' | 'refused';

/**
 * What is known about the turn being served, carried through every await of that turn (AsyncLocalStorage), so
 * every log line of the turn names it and the turn's metric knows its command and outcome without threading
 * parameters through the handlers.
 */
export interface TurnScope {
  correlationId: string;
  /** The command (or card action) the turn ran; set by the router. */
  command: string;
  outcome: TurnOutcome;
}

const storage = new AsyncLocalStorage<TurnScope>();

/** Runs `work` as one turn with a fresh correlation id (or the one given, e.g. from an inbound header). */
export function runInTurn<T>(work: (scope: TurnScope) => Promise<T>, correlationId: string = randomUUID()): Promise<T> {
  const scope: TurnScope = { correlationId, command: 'other', outcome: 'ok' };
  return storage.run(scope, () => work(scope));
}

export function currentTurn(): TurnScope | undefined {
  return storage.getStore();
}

/** The router names the turn's command; bounded names only (command table names, card verbs), never user text. */
export function noteTurnCommand(command: string): void {
  const scope = storage.getStore();
  if (scope) scope.command = command;
}

/** The error boundary marks the turn as failed; the worst outcome of the turn wins. */
export function noteTurnOutcome(outcome: Exclude<TurnOutcome, 'ok'>): void {
  const scope = storage.getStore();
  if (scope && scope.outcome !== 'internal_error') scope.outcome = outcome;
}
