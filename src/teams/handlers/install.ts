import { ActivityTypes, type TurnContext } from 'botbuilder';
import { conversationAddressOf } from '../conversation-address';
import type { BotDeps } from '../deps';

/**
 * A beforeTurn hook: when the bot itself is added to a conversation (installed in a chat, team or channel), store
 * the conversation reference so it can post there later. It does not subscribe to alerts, and it never stops the
 * turn, so other conversationUpdate routes (a welcome message) still run.
 */
export function rememberOnInstall(deps: BotDeps): (ctx: TurnContext) => Promise<boolean> {
  return async (ctx) => {
    const activity = ctx.activity;
    const botId = activity.recipient?.id;
    const botAdded = activity.membersAdded?.some((member) => member.id === botId);
    if (activity.type !== ActivityTypes.ConversationUpdate || !botId || !botAdded) return true;
    try {
      await deps.alerts.rememberConversation(conversationAddressOf(ctx));
      deps.logger.info('bot installed; conversation reference stored', { conversationId: activity.conversation.id });
    } catch (error) {
      deps.logger.error('could not store the conversation reference at install', { error });
    }
    return true;
  };
}
