import { ActivityTypes, INVOKE_RESPONSE_KEY, TurnContext } from 'botbuilder';
import type { CardJson } from '../cards/render';
import type { TeamsRuntime } from '../runtime';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';

/**
 * Answers an Action.Execute with `card` (200), itself instead of teams-ai. teams-ai would first PUT the card to the
 * connector for everyone when it carries `refresh`, and answer 501 with no body when that PUT fails (429, 5xx) or
 * wait as long as it hangs. Here the clicker gets the card at once; everyone else's copy is replaced in the
 * background (retried; otherwise the next refresh shows it). No replyToId (the Playground's mocked invokes): there
 * is no message to replace, so nothing is sent.
 */
export async function answerWithCard(ctx: TurnContext, card: CardJson, runtime: TeamsRuntime): Promise<void> {
  const messageId = ctx.activity.replyToId;
  if (card.refresh && messageId)
    runtime.replaceCardSoon(TurnContext.getConversationReference(ctx.activity), messageId, card);
  await ctx.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD, value: card } },
  });
}

/** Sets the invoke's answer to a message when the turn ran out of time; the work itself goes on in the background. */
export function answerStillWorking(ctx: TurnContext): void {
  if (ctx.turnState.get(INVOKE_RESPONSE_KEY)) return;
  ctx.turnState.set(INVOKE_RESPONSE_KEY, {
    type: ActivityTypes.InvokeResponse,
    value: {
      status: 200,
      body: {
        statusCode: 200,
        type: MESSAGE,
        value:
          'This is taking longer than Teams waits for. I am still on it: refresh the card in a moment to see the result.',
      },
    },
  });
}
