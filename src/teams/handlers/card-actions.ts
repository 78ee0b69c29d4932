import type { TurnContext } from 'botbuilder';
import type { BotDeps } from '../deps';
import { conversationKey } from '../turn';
import { stringField, type ActionData } from './action-data';
import { turnSignal } from '../turn-budget';

/** `subscription.use` from the subscriptions card. The id is re-checked against what the bot can see. */
export async function useSubscriptionAction(ctx: TurnContext, deps: BotDeps, data: ActionData): Promise<string> {
  const picked = await deps.subscriptions.use(
    conversationKey(ctx),
    stringField(data, 'subscriptionId'),
    turnSignal(ctx),
  );
  return `This chat now works on ${picked.name}.`;
}
