import type { TurnContext } from 'botbuilder';
import { renderCard } from '../cards/render';
import { statusView } from '../cards/status-view';
import type { BotDeps } from '../deps';
import { conversationKey, sendCard, startTyping } from '../turn';
import { turnSignal } from '../turn-budget';

/** `status`: the plan, month-to-date traffic against its entitlement, and the projection to month end. */
export async function showStatus(ctx: TurnContext, deps: BotDeps): Promise<void> {
  const subscription = await deps.subscriptions.current(conversationKey(ctx), turnSignal(ctx));
  startTyping(ctx);
  const [status, onboarding] = await Promise.all([
    deps.status.status(subscription, turnSignal(ctx)),
    deps.onboarding.coverage(subscription, turnSignal(ctx)),
  ]);
  status.onboarding = onboarding;
  deps.logger.info('status sent', {
    subscriptionId: subscription.id,
    monthToDate: status.usage.monthToDate,
    complete: status.complete,
    tier: status.plan?.tier ?? 'unknown',
  });
  await sendCard(ctx, renderCard('status', statusView(status), { sandbox: deps.runtime.sandbox }));
}
