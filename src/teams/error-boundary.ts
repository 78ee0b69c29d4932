import type { TurnContext } from 'botbuilder';
import { isAppError } from '../errors/app-error';
import { newReferenceId } from '../errors/reference-id';
import { toUserMessage } from '../errors/to-user-message';
import type { Logger } from '../logging/logger';
import { noteTurnOutcome } from '../observability/turn-scope';

/** Logs an error with a reference id (expected AppErrors at warn, others at error with the stack) and returns the user text. */
export function reportError(error: unknown, logger: Logger, ctx: TurnContext): string {
  const referenceId = newReferenceId();
  noteTurnOutcome(isAppError(error) ? 'handled_error' : 'internal_error');
  const fields = { referenceId, conversationId: ctx.activity.conversation?.id, activityId: ctx.activity.id };
  // Expected errors (bad input, Azure refusals) are logged without a stack; anything else with it.
  if (isAppError(error)) logger.warn(error.message, { ...fields, code: error.code, error });
  else logger.error('unhandled error in a turn', { ...fields, code: 'internal', error });
  return toUserMessage(error, referenceId);
}

/** The turn's error boundary for messages: a person gets a message with a reference id, never a stack. */
export async function withMessageBoundary(ctx: TurnContext, logger: Logger, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    await ctx.sendActivity(reportError(error, logger, ctx));
  }
}
