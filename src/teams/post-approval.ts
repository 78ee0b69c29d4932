import type { TurnContext } from 'botbuilder';
import type { Approval, CardLocation } from '../domain/approval';
import { approvalCard } from './approval-card';
import type { BotDeps } from './deps';
import { conversationKey } from './turn';

export interface PostedApproval {
  approval: Approval;
  /** Set when the card went to the approvals conversation rather than this one: its name, for the requester. */
  postedIn?: string;
}

/**
 * Creates an approval request and posts its card where the approvers are: the conversation chosen with
 * `approvals here`, or else this one. The card's message id exists only once it is posted, and background work
 * needs it to update the card in place, so it is saved right after.
 */
export async function postApprovalCard(
  ctx: TurnContext,
  deps: BotDeps,
  create: (location: CardLocation) => Promise<Approval>,
): Promise<PostedApproval> {
  const venue = await deps.approvalVenue.get();
  const elsewhere = venue && venue.address.conversationId !== conversationKey(ctx);
  const post = async (target: TurnContext): Promise<Approval> => {
    const location = await deps.runtime.cardLocation(target);
    const approval = await create(location);
    const card = approvalCard(approval, deps.approvals.policy, deps.runtime.sandbox);
    const sent = await target.sendActivity({
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    });
    await deps.approvals.attachCard(approval.id, { ...location, activityId: sent?.id });
    return approval;
  };
  const approval = elsewhere ? await deps.runtime.inConversation(venue.address.reference, post) : await post(ctx);
  deps.logger.info('approval requested', {
    approvalId: approval.id,
    kind: approval.change.kind,
    subscriptionId: approval.subscriptionId,
    postedIn: elsewhere ? venue.address.conversationId : 'here',
  });
  return { approval, postedIn: elsewhere ? venue.name : undefined };
}
