import type { TurnContext } from 'botbuilder';
import type { Subscription } from '../../domain/azure-types';
import { estimateView } from '../cards/estimate-view';
import { renderCard } from '../cards/render';
import type { BotDeps } from '../deps';
import { conversationKey, sendCard, sendTyping } from '../turn';
import { turnSignal } from '../turn-budget';

/** `estimate traffic` (and `compare plans`, `recommend plan`): 30-day traffic and the five plans side by side. */
export async function estimateTraffic(ctx: TurnContext, deps: BotDeps): Promise<void> {
  await sendEstimate(ctx, deps, await deps.subscriptions.current(conversationKey(ctx), turnSignal(ctx)));
}

/** Posts the estimate card for one subscription (also the "Compare plans" button of the status and alert cards). */
export async function sendEstimate(ctx: TurnContext, deps: BotDeps, subscription: Subscription): Promise<void> {
  await sendTyping(ctx);
  const estimate = await deps.estimates.estimate(subscription, turnSignal(ctx));
  deps.logger.info('estimate sent', {
    subscriptionId: subscription.id,
    total: estimate.total,
    complete: estimate.complete,
    recommended: estimate.recommended?.plan.id,
  });
  await sendCard(ctx, renderCard('estimate', estimateView(estimate), { sandbox: deps.runtime.sandbox }));
}
