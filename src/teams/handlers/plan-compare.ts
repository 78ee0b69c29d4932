import type { TurnContext } from 'botbuilder';
import type { BotDeps } from '../deps';
import { conversationKey } from '../turn';
import { stringField, type ActionData } from './action-data';
import { sendEstimate } from './estimate';
import { turnSignal } from '../turn-budget';

/**
 * `plan.compare` (the "Compare plans" button on the status and alert cards): posts the estimate card for the
 * card's subscription, which is checked against the subscriptions the bot can see (card data is never trusted).
 */
export async function comparePlansAction(ctx: TurnContext, deps: BotDeps, data: ActionData): Promise<string> {
  const subscription = await deps.subscriptions.byId(
    stringField(data, 'subscriptionId'),
    conversationKey(ctx),
    turnSignal(ctx),
  );
  await sendEstimate(ctx, deps, subscription);
  return `Here is the plan comparison for ${subscription.name}.`;
}
