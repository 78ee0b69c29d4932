/** Whether a request can ever collect enough approvals (pure): the requester never counts towards their own. */
import type { Actor, ApprovalPolicy } from './approval';

/** How far short the approvers other than `requester` fall of APPROVALS_REQUIRED; undefined when they suffice. */
export function approvalShortfall(
  requester: Actor,
  policy: ApprovalPolicy,
): { required: number; available: number } | undefined {
  const self = requester.aadObjectId?.toLowerCase();
  const available = new Set(policy.approverIds.filter((id) => id !== self)).size;
  return available >= policy.approvalsRequired ? undefined : { required: policy.approvalsRequired, available };
}
