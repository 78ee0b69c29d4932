import { INVOKE_RESPONSE_KEY, TurnContext } from 'botbuilder';

/**
 * A copy of the turn's context that outlives the turn. botbuilder revokes the context it hands out as soon as the
 * HTTP answer is written; a turn that runs past its budget (and answers early) must still be able to reply. The
 * copy has the same adapter, activity and send/update hooks; its turn state starts as a copy of the original's
 * (botbuilder's own copyTo misses it), so the connector client and the turn's signal are there.
 */
export function durableCopy(ctx: TurnContext): TurnContext {
  const copy = new TurnContext(ctx);
  for (const [key, value] of ctx.turnState) copy.turnState.set(key, value);
  return copy;
}

/** Hands the invoke response the copy's turn set back to the original context, which the adapter answers from. */
export function passInvokeResponse(from: TurnContext, to: TurnContext): void {
  const response: unknown = from.turnState.get(INVOKE_RESPONSE_KEY);
  if (response && !to.turnState.get(INVOKE_RESPONSE_KEY)) to.turnState.set(INVOKE_RESPONSE_KEY, response);
}
