/** Whether a request can ever collect enough approvals (pure): the requester never counts towards their own. */
import type { Actor, ApprovalPolicy } from './approval';

/**
 * How far short the approvers other than `requester` fall of APPROVALS_REQUIRED; undefined when they suffice (or
 * may: approver groups are counted by Graph, not here).
 */
export function approvalShortfall(
  requester: Actor,
  policy: ApprovalPolicy,
): { required: number; available: number } | undefined {
  // Members of approver groups are only known to Graph: with any group configured the request may be reachable.
  if ((policy.approverGroupIds ?? []).length > 0) return undefined;
  const self = requester.aadObjectId?.toLowerCase();
  const available = new Set(policy.approverIds.filter((id) => id !== self)).size;
  return available >= policy.approvalsRequired ? undefined : { required: policy.approvalsRequired, available };
}
