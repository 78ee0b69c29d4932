import type { Approval, ApprovalPolicy } from '../domain/approval';
import { approvalView } from './cards/approval-view';
import { renderCard, type CardJson } from './cards/render';

/** Teams refreshes a card automatically for at most 60 listed users (Universal Actions limit). */
export const MAX_REFRESH_USERS = 60;

/**
 * The approval card for its current state. `refresh` makes Teams ask the bot for the latest card when an approver
 * views it (user MRIs from the roster); the buttons are on the card everyone sees, because Teams clients without
 * user-specific views (and the Agents Playground) would otherwise show approvers no buttons. The server checks
 * every click against APPROVER_IDS, so a non-approver's click changes nothing.
 */
export function approvalCard(approval: Approval, policy: ApprovalPolicy, sandbox: boolean): CardJson {
  const card = renderCard('approval', approvalView(approval, policy), { sandbox });
  const userIds = (approval.card?.refreshUserIds ?? []).slice(0, MAX_REFRESH_USERS);
  if (approval.state === 'pending' || approval.state === 'approved' || approval.state === 'running')
    card.refresh = {
      action: { type: 'Action.Execute', title: 'Refresh', verb: 'approval.refresh', data: { approvalId: approval.id } },
      userIds,
    };
  return card;
}
