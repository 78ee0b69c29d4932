import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { withDeadline } from './deadline';

/**
 * Adapter middleware: every send, update and delete towards the Bot Connector in a turn (also proactive ones, which
 * run through the middleware too) is bounded by `timeoutMs`, so a connector that hangs or an unreachable serviceUrl
 * cannot hold a turn. Invoke responses are not calls (they go back on the open HTTP request) and are not bounded.
 */
export function connectorDeadline(timeoutMs: number): Middleware {
  return {
    onTurn: async (ctx: TurnContext, next: () => Promise<void>) => {
      ctx.onSendActivities((_ctx, activities, send) =>
        activities.every((a) => a.type === ActivityTypes.InvokeResponse)
          ? send()
          : withDeadline(send(), timeoutMs, 'sending a message'),
      );
      ctx.onUpdateActivity((_ctx, _activity, update) => withDeadline(update(), timeoutMs, 'updating a card'));
      ctx.onDeleteActivity((_ctx, _reference, remove) => withDeadline(remove(), timeoutMs, 'deleting a message'));
      await next();
    },
  };
}
