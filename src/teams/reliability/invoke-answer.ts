import { ActivityTypes, INVOKE_RESPONSE_KEY, TurnContext } from 'botbuilder';
import type { CardJson } from '../cards/render';
import type { TeamsRuntime } from '../runtime';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';
/** Set on a turn whose invoke was already answered "still working": its result is posted as a message instead. */
const OVERRUN = Symbol('invoke answered before its work finished');

/** True when the invoke has been answered already because its work ran past the budget. */
export function answeredEarly(ctx: TurnContext): boolean {
  return ctx.turnState.get(OVERRUN) === true;
}

/** The late result of an invoke answered "still working": a new message in the conversation. */
export async function postLateAnswer(ctx: TurnContext, answer: string | CardJson): Promise<void> {
  await ctx.sendActivity(
    typeof answer === 'string' ? answer : { attachments: [{ contentType: ADAPTIVE_CARD, content: answer }] },
  );
}

/**
 * Answers an Action.Execute with `card` (200) at once. (teams-ai's Application, used before our router, first PUT
 * the card to the connector for everyone when it carried `refresh`, answering 501 with no body when that PUT failed
 * and waiting as long as it hung.) Here the clicker gets the card at once; everyone else's copy is replaced in the
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

/**
 * Sets the invoke's answer to a message when the turn ran out of time; the work goes on in the background and its
 * result is posted as a message (see answeredEarly).
 */
export function answerStillWorking(ctx: TurnContext, durable: TurnContext): void {
  if (ctx.turnState.get(INVOKE_RESPONSE_KEY)) return;
  durable.turnState.set(OVERRUN, true); // where the handler that is still running looks
  ctx.turnState.set(OVERRUN, true);
  ctx.turnState.set(INVOKE_RESPONSE_KEY, {
    type: ActivityTypes.InvokeResponse,
    value: {
      status: 200,
      body: {
        statusCode: 200,
        type: MESSAGE,
        value: 'This is taking longer than Teams waits for. I am still on it and will post the result here.',
      },
    },
  });
}
