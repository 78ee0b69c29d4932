import type { TurnContext } from 'botbuilder';
import { estimateAllView } from '../cards/estimate-all-view';
import { renderCard } from '../cards/render';
import type { BotDeps } from '../deps';
import { conversationKey, sendCard, startTyping } from '../turn';
import { turnSignal } from '../turn-budget';

/**
 * `estimate traffic all` (alias `estimate all`): every subscription this conversation may see, in one card. The
 * list comes from the subscription service, so its access rules apply here too.
 */
export async function estimateAll(ctx: TurnContext, deps: BotDeps, refresh = false): Promise<void> {
  startTyping(ctx);
  const subscriptions = await deps.subscriptions.list(conversationKey(ctx), turnSignal(ctx));
  const results = await deps.estimateCache.estimateMany(conversationKey(ctx), subscriptions, refresh, turnSignal(ctx));
  deps.logger.info('estimate all sent', {
    subscriptions: subscriptions.length,
    failed: results.filter((r) => !r.estimate).length,
    reused: results.filter((r) => r.reused).length,
  });
  const view = estimateAllView(results, deps.estimateCache.now());
  await sendCard(ctx, renderCard('estimate-all', view, { sandbox: deps.runtime.sandbox }));
}

export async function refreshEstimateAllAction(ctx: TurnContext, deps: BotDeps): Promise<string> {
  await estimateAll(ctx, deps, true);
  return 'Here are fresh figures for every subscription (estimates less than a minute old are reused).';
}
