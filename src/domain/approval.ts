/**
 * The approval state machine (pure). Every change to Azure is an approval request first:
 *   pending → approved | rejected | expired;  approved → running → succeeded | failed.
 * Decisions are checked against the policy here, from the actor the server saw (never from card data).
 */
import type { ApiRef } from './onboarding-types';
import type { PlanId } from './plans';

export type ApprovalState = 'pending' | 'approved' | 'rejected' | 'expired' | 'running' | 'succeeded' | 'failed';

export interface Actor {
  /** Microsoft Entra object id, lower case; undefined when Teams did not send one (never an approver then). */
  aadObjectId?: string;
  name: string;
  /**
   * Set by the server when it found the person an approver through an Entra group (APPROVER_GROUP_IDS, checked with
   * Microsoft Graph for this click); never taken from card data.
   */
  groupApprover?: boolean;
}

/** The typed change an approval authorises. */
export type Change =
  | {
      kind: 'setPlan';
      planId: PlanId;
      fromPlanId?: PlanId;
      fromTier: 'Free' | 'Standard' | 'Unknown';
      whatIf?: PlanWhatIf;
    }
  | { kind: 'onboardApis'; apis: ApiRef[]; planTier: 'Free' | 'Standard' | 'Unknown' };

/** Per-item progress of a change that touches many resources (onboarding), shown on the card. */
export interface ChangeProgress {
  items: { label: string; state: 'waiting' | 'running' | 'done' | 'failed'; reason?: string }[];
}

/** The cost of the change at the last 30 days' traffic, shown before anyone approves. Money in µ$. */
export interface PlanWhatIf {
  calls: number;
  /** False when some services' traffic could not be read: the costs are then lower bounds. */
  complete: boolean;
  /** Undefined when the plan is off (nothing is paid today) or unknown. */
  currentMicroUsd?: number;
  newMicroUsd: number;
}

/** Where the approval card lives (a Teams conversation reference and message id); opaque outside the Teams layer. */
export interface CardLocation {
  conversation: Record<string, unknown>;
  activityId?: string;
  /** Teams user ids (MRIs) of the approvers in that conversation, for the card's automatic refresh. */
  refreshUserIds?: string[];
}

export interface Decision {
  actor: Actor;
  verdict: 'approve' | 'reject';
  at: string;
}

export interface Approval {
  id: string;
  change: Change;
  subscriptionId: string;
  subscriptionName: string;
  requester: Actor;
  createdAt: string;
  expiresAt: string;
  state: ApprovalState;
  decisions: Decision[];
  /** Plain-language outcome once running/finished, e.g. "Plan 3 is now active". */
  outcome?: string;
  /** Error code when failed. */
  errorCode?: string;
  finishedAt?: string;
  card?: CardLocation;
  progress?: ChangeProgress;
}

export interface ApprovalPolicy {
  approverIds: readonly string[];
  /** Entra groups whose members may approve (APPROVER_GROUP_IDS); membership arrives as Actor.groupApprover. */
  approverGroupIds?: readonly string[];
  /** Distinct approvers needed (never counting the requester). */
  approvalsRequired: number;
}

export type Refusal = 'not_approver' | 'self_approval' | 'expired' | 'already_decided' | 'already_voted';

export type DecisionResult = { ok: true; approval: Approval } | { ok: false; reason: Refusal; approval: Approval };

export function isExpired(approval: Approval, now: Date): boolean {
  return approval.state === 'pending' && now.getTime() >= Date.parse(approval.expiresAt);
}

/** Applies one approver's click. Returns the next approval, or why the click changes nothing. */
export function decide(
  approval: Approval,
  actor: Actor,
  verdict: Decision['verdict'],
  now: Date,
  policy: ApprovalPolicy,
): DecisionResult {
  const refuse = (reason: Refusal, next = approval): DecisionResult => ({ ok: false, reason, approval: next });
  if (isExpired(approval, now))
    return refuse('expired', { ...approval, state: 'expired', finishedAt: now.toISOString() });
  if (approval.state !== 'pending') return refuse('already_decided');
  const id = actor.aadObjectId?.toLowerCase();
  if (!id || !(policy.approverIds.includes(id) || actor.groupApprover === true)) return refuse('not_approver');
  if (id === approval.requester.aadObjectId?.toLowerCase()) return refuse('self_approval');
  if (approval.decisions.some((d) => d.actor.aadObjectId === id)) return refuse('already_voted');
  const decisions = [
    ...approval.decisions,
    { actor: { name: actor.name, aadObjectId: id }, verdict, at: now.toISOString() },
  ];
  if (verdict === 'reject')
    return { ok: true, approval: { ...approval, decisions, state: 'rejected', finishedAt: now.toISOString() } };
  const approvals = decisions.filter((d) => d.verdict === 'approve').length;
  const state: ApprovalState = approvals >= policy.approvalsRequired ? 'approved' : 'pending';
  return { ok: true, approval: { ...approval, decisions, state } };
}

/** Allowed moves after approval; anything else is a bug or a lost race. */
const NEXT: Partial<Record<ApprovalState, ApprovalState[]>> = {
  approved: ['running'],
  // running → running records progress while the change is under way.
  running: ['running', 'succeeded', 'failed'],
};

export function canMove(from: ApprovalState, to: ApprovalState): boolean {
  return NEXT[from]?.includes(to) ?? false;
}

/** Approvers who may still act on the approval (for the card's refresh list and "waiting for" text). */
export function pendingApprovers(approval: Approval, policy: ApprovalPolicy): string[] {
  const voted = new Set(approval.decisions.map((d) => d.actor.aadObjectId));
  return policy.approverIds.filter((id) => !voted.has(id) && id !== approval.requester.aadObjectId);
}
