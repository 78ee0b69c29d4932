import type { TurnContext } from 'botbuilder';
import type { Subscription } from '../../domain/azure-types';
import { estimateView } from '../cards/estimate-view';
import { renderCard } from '../cards/render';
import type { BotDeps } from '../deps';
import { conversationKey, sendCard, startTyping } from '../turn';
import { turnSignal } from '../turn-budget';
import { stringField, type ActionData } from './action-data';

/** `estimate traffic` (and `compare plans`, `recommend plan`): 30-day traffic and the five plans side by side. */
export async function estimateTraffic(ctx: TurnContext, deps: BotDeps): Promise<void> {
  await sendEstimate(ctx, deps, await deps.subscriptions.current(conversationKey(ctx), turnSignal(ctx)));
}

/**
 * Posts the estimate card for one subscription (also the "Compare plans" button of the status and alert cards).
 * A recent estimate of this chat is reused; `refresh` asks for a fresh read (within the chat's quota).
 */
export async function sendEstimate(
  ctx: TurnContext,
  deps: BotDeps,
  subscription: Subscription,
  refresh = false,
): Promise<{ reused: boolean; at: Date }> {
  startTyping(ctx);
  const { estimate, reused, now } = await deps.estimateCache.estimate(
    conversationKey(ctx),
    subscription,
    refresh,
    turnSignal(ctx),
  );
  deps.logger.info('estimate sent', {
    subscriptionId: subscription.id,
    total: estimate.total,
    billed: estimate.billed,
    complete: estimate.complete,
    recommended: estimate.recommended?.plan.id,
    reused,
  });
  await sendCard(ctx, renderCard('estimate', estimateView(estimate, now, reused), { sandbox: deps.runtime.sandbox }));
  return { reused, at: estimate.at };
}

/** The estimate card's Refresh button: a fresh read, unless the last one is less than a minute old. */
export async function refreshEstimateAction(ctx: TurnContext, deps: BotDeps, data: ActionData): Promise<string> {
  const subscription = await deps.subscriptions.byId(
    stringField(data, 'subscriptionId'),
    conversationKey(ctx),
    turnSignal(ctx),
  );
  const { reused } = await sendEstimate(ctx, deps, subscription, true);
  return reused
    ? `The figures for ${subscription.name} are less than a minute old, so I sent them again instead of reading Azure.`
    : `Here are fresh figures for ${subscription.name}.`;
}
