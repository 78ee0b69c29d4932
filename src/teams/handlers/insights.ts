import type { TurnContext } from 'botbuilder';
import { insightsView } from '../cards/insights-view';
import { renderCard } from '../cards/render';
import type { BotDeps } from '../deps';
import { conversationKey, sendCard, startTyping } from '../turn';
import { turnSignal } from '../turn-budget';

/** `onboarded APIs` / `insights`: the onboarded API collections and their security insight counters. */
export async function insightsCommand(ctx: TurnContext, deps: BotDeps): Promise<void> {
  const subscription = await deps.subscriptions.current(conversationKey(ctx), turnSignal(ctx));
  startTyping(ctx);
  const collections = await deps.onboarding.collections(subscription, turnSignal(ctx));
  await sendCard(
    ctx,
    renderCard('insights', insightsView(subscription, collections), { sandbox: deps.runtime.sandbox }),
  );
}
