import type { TurnContext } from 'botbuilder';
import type { Refusal } from '../../domain/approval';
import { AppError } from '../../errors/app-error';
import { approvalCard } from '../approval-card';
import type { CardJson } from '../cards/render';
import type { BotDeps } from '../deps';
import { actorOf } from '../turn';
import { callerOf } from '../access-gate';
import { approvalIdField, type ActionData } from './action-data';

const REFUSED: Partial<Record<Refusal, string>> = {
  not_approver:
    'Only the configured approvers can decide on this request, and you are not one of them. Nothing was changed; your click was recorded in the audit log.',
  self_approval: 'You asked for this change, so someone else has to approve it. Nothing was changed.',
  already_voted: 'You have already decided on this request; it needs another approver.',
};

/** Approve / Reject: checked on the server from the invoking user's Entra object id, never from card data. */
export async function decideAction(
  ctx: TurnContext,
  deps: BotDeps,
  data: ActionData,
  verdict: 'approve' | 'reject',
): Promise<CardJson | string> {
  const actor = actorOf(ctx);
  // Approver ids are checked by the approval itself; Entra groups (Microsoft Graph) are checked here, for this click.
  const groupApprover = await deps.access.isApprover(actor);
  const { approval, refused } = await deps.approvals.decide(
    approvalIdField(data),
    groupApprover ? { ...actor, groupApprover } : actor,
    verdict,
  );
  if (refused && REFUSED[refused]) return REFUSED[refused] as string;
  // Expired and already-decided requests answer with the card as it is now, which says so.
  if (!refused && approval.state === 'approved') deps.executor.start(approval);
  return approvalCard(approval, deps.approvals.policy, deps.runtime.sandbox);
}

const NOT_FOUND = 'I have no record of that approval request. Ask for the change again.';

/**
 * Teams asks for the latest card when an approver views it (refresh), or someone picks "Refresh card". Its details
 * are shown only in the card's own conversation and to approvers; anyone else gets the same answer as for an
 * unknown request, so a refresh cannot be used to find out about other chats' requests.
 */
export async function refreshApprovalAction(ctx: TurnContext, deps: BotDeps, data: ActionData): Promise<CardJson> {
  const approval = await deps.approvals.current(approvalIdField(data));
  if (!approval || !(await deps.access.maySeeApproval(callerOf(ctx), approval)))
    throw new AppError('approval_not_found', NOT_FOUND);
  return approvalCard(approval, deps.approvals.policy, deps.runtime.sandbox);
}
