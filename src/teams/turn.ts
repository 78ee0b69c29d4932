import { CardFactory, type TurnContext } from 'botbuilder';
import type { CardJson } from './cards/render';

/** The conversation a setting belongs to: a channel's replies (";messageid=…") share the channel's settings. */
export function conversationKey(ctx: TurnContext): string {
  return ctx.activity.conversation.id.split(';messageid=')[0] ?? ctx.activity.conversation.id;
}

/** Who acted, as the server sees it (never from data carried in a card). */
export function actorOf(ctx: TurnContext): { aadObjectId?: string; name: string } {
  const from = ctx.activity.from;
  return { aadObjectId: from?.aadObjectId?.toLowerCase(), name: from?.name ?? 'someone' };
}

export async function sendCard(ctx: TurnContext, card: CardJson): Promise<void> {
  await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

/**
 * Shows "…is typing" while slow Azure reads run (Teams clears it when the next message arrives). Sent alongside the
 * reads, not before them, so the Bot Connector's round trip is not added to the turn; every later send of the turn
 * waits for it first, so the indicator never lands after the answer. An indicator that fails does not fail the
 * turn: the answer is still sent (and fails on its own if the connector is down).
 */
export function startTyping(ctx: TurnContext): void {
  const sent = ctx.sendActivity({ type: 'typing' }).then(
    () => undefined,
    () => undefined,
  );
  ctx.onSendActivities(async (_ctx, _activities, next) => {
    await sent;
    return next();
  });
}
