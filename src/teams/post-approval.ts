import type { TurnContext } from 'botbuilder';
import type { Approval, CardLocation } from '../domain/approval';
import { approvalCard } from './approval-card';
import type { BotDeps } from './deps';

/**
 * Creates an approval request and posts its card in this conversation. The card's message id exists only once
 * it is posted, and background work needs it to update the card in place, so it is saved right after.
 */
export async function postApprovalCard(
  ctx: TurnContext,
  deps: BotDeps,
  create: (location: CardLocation) => Promise<Approval>,
): Promise<Approval> {
  const location = await deps.runtime.cardLocation(ctx);
  const approval = await create(location);
  const card = approvalCard(approval, deps.approvals.policy, deps.runtime.sandbox);
  const sent = await ctx.sendActivity({
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  });
  await deps.approvals.attachCard(approval.id, { ...location, activityId: sent?.id });
  deps.logger.info('approval requested', {
    approvalId: approval.id,
    kind: approval.change.kind,
    subscriptionId: approval.subscriptionId,
  });
  return approval;
}
