import type { TurnContext } from 'botbuilder';
import { estimateView } from '../cards/estimate-view';
import { renderCard } from '../cards/render';
import type { BotDeps } from '../deps';
import { conversationKey, sendCard, sendTyping } from '../turn';

/** `estimate traffic` (and `compare plans`, `recommend plan`): 30-day traffic and the five plans side by side. */
export async function estimateTraffic(ctx: TurnContext, deps: BotDeps): Promise<void> {
  const subscription = await deps.subscriptions.current(conversationKey(ctx));
  await sendTyping(ctx);
  const estimate = await deps.estimates.estimate(subscription);
  deps.logger.info('estimate sent', {
    subscriptionId: subscription.id,
    total: estimate.total,
    complete: estimate.complete,
    recommended: estimate.recommended?.plan.id,
  });
  await sendCard(ctx, renderCard('estimate', estimateView(estimate), { sandbox: deps.sandbox }));
}
