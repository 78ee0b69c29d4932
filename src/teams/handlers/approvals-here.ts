import type { TurnContext } from 'botbuilder';
import { conversationAddressOf } from '../conversation-address';
import type { BotDeps } from '../deps';
import { actorOf } from '../turn';

/** A name people recognise for this conversation: the channel's or chat's name when Teams sends one. */
function conversationName(ctx: TurnContext): string {
  const channel = (ctx.activity.channelData as { channel?: { name?: string } } | undefined)?.channel?.name;
  return channel ?? ctx.activity.conversation.name ?? 'this chat';
}

/** `approvals here`: approval requests from every chat are posted in this conversation (approvers only). */
export async function approvalsHere(ctx: TurnContext, deps: BotDeps): Promise<void> {
  const venue = await deps.approvalVenue.set(conversationAddressOf(ctx), conversationName(ctx), actorOf(ctx));
  await ctx.sendActivity(
    `From now on, approval requests from every chat are posted here (${venue.name}), where the approvers can decide on them.`,
  );
}
