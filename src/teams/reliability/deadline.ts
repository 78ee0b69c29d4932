import { AppError } from '../../errors/app-error';

/** Timeouts of the Teams side (ms). Teams gives an invoke 5 s before it retries; the Bot Connector allows 15 s. */
export interface TeamsTimeouts {
  /** Longest one call to the Bot Connector (send, update, roster) may take before the bot stops waiting. */
  connectorCallMs: number;
  /** An invoke (card button) is answered by then, with the card or with a "still working" message. */
  invokeBudgetMs: number;
  /** A message turn answers its HTTP request by then; the work carries on in the background. */
  messageBudgetMs: number;
}

export const DEFAULT_TEAMS_TIMEOUTS: TeamsTimeouts = {
  connectorCallMs: 5_000,
  invokeBudgetMs: 4_000,
  messageBudgetMs: 10_000,
};

/**
 * Resolves or rejects like `work`, but rejects with `teams_timeout` after `ms`. The HTTP request itself is not
 * cancelled (botbuilder gives no abort signal); its socket closes when the peer answers or the OS gives up.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(new AppError('teams_timeout', `Teams did not answer in time (${what}, ${ms} ms). Please try again.`)),
      ms,
    );
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Settles after `ms` with `undefined` unless `work` settles first (then with its value, or rethrowing its error). */
export async function raceBudget<T>(work: Promise<T>, ms: number): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work.then((value) => ({ done: true as const, value })), budget]);
  } finally {
    clearTimeout(timer);
  }
}
