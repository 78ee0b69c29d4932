import { TurnContext } from 'botbuilder';
import type { ConversationAddress } from '../services/alert-ports';
import { conversationKey } from './turn';

/**
 * Where to post proactively in this turn's conversation. In a channel the id loses ";messageid=…" and the reference
 * loses the activity id, so alerts start a new post in the channel instead of replying in someone's thread.
 */
export function conversationAddressOf(ctx: TurnContext): ConversationAddress {
  const reference = TurnContext.getConversationReference(ctx.activity);
  const conversationId = conversationKey(ctx);
  const toChannel = {
    ...reference,
    activityId: undefined,
    conversation: { ...reference.conversation, id: conversationId },
  };
  return {
    conversationId,
    conversationType: ctx.activity.conversation.conversationType ?? 'personal',
    // JSON round trip: stored as plain data (undefined members such as activityId disappear).
    reference: JSON.parse(JSON.stringify(toChannel)) as Record<string, unknown>,
  };
}
