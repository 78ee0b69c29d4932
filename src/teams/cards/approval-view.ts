import type { Approval, ApprovalPolicy } from '../../domain/approval';
import { pendingApprovers } from '../../domain/approval';
import { formatCount, formatUsd, formatUsdDelta } from '../../domain/format';
import { planById } from '../../domain/plans';
import { describeChange } from '../../services/describe-change';

const WHEN = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: 'UTC',
});
const when = (iso: string): string => `${WHEN.format(new Date(iso))} UTC`;

const STATE: Record<Approval['state'], { text: string; style: string }> = {
  pending: { text: 'Waiting for approval', style: 'accent' },
  approved: { text: 'Approved: applying the change', style: 'good' },
  running: { text: 'Approved: applying the change', style: 'good' },
  succeeded: { text: 'Done', style: 'good' },
  failed: { text: 'Failed', style: 'attention' },
  rejected: { text: 'Rejected: nothing was changed', style: 'warning' },
  expired: { text: 'Expired without a decision: nothing was changed', style: 'warning' },
};

function whatIfLines(approval: Approval): { line: string }[] {
  const change = approval.change;
  if (change.kind !== 'setPlan') {
    return [
      { line: `${change.apis.length} API(s) will be onboarded.` },
      { line: 'Onboarding adds load on the API Management gateway.' },
    ];
  }
  const target = planById(change.planId);
  const lines = [
    `Defender for APIs on this subscription moves to ${target.name}: ${formatCount(target.entitlement)} calls a month included.`,
  ];
  const w = change.whatIf;
  if (w) {
    const traffic = `${formatCount(w.calls)} requests in the last 30 days${w.complete ? '' : ' (incomplete: some services could not be read)'}`;
    lines.push(`At ${traffic}: ${target.name} would cost ${formatUsd(w.newMicroUsd)} a month.`);
    if (w.currentMicroUsd !== undefined && change.fromPlanId)
      lines.push(
        `Today (${planById(change.fromPlanId).name}) it costs ${formatUsd(w.currentMicroUsd)}: ${formatUsdDelta(w.newMicroUsd - w.currentMicroUsd)} a month.`,
      );
    else if (change.fromTier === 'Free')
      lines.push('Defender for APIs is off today, so this starts billing (a free trial may apply).');
  }
  return lines.map((line) => ({ line }));
}

/** Domain approval → the strings cards/approval.json places. Pure. */
export function approvalView(approval: Approval, policy: ApprovalPolicy) {
  const state = STATE[approval.state];
  const approvals = approval.decisions.filter((d) => d.verdict === 'approve').length;
  const waitingFor = pendingApprovers(approval, policy).length;
  return {
    approvalId: approval.id,
    title: approval.state === 'pending' ? 'Approval needed' : 'Change request',
    change: describeChange(approval.change),
    stateText:
      approval.state === 'pending' ? `${state.text} (${approvals} of ${policy.approvalsRequired})` : state.text,
    stateStyle: state.style,
    outcome: approval.outcome ?? '',
    facts: [
      { title: 'Subscription', value: approval.subscriptionName },
      { title: 'Requested by', value: approval.requester.name },
      { title: 'Requested', value: when(approval.createdAt) },
      { title: approval.state === 'pending' ? 'Expires' : 'Expiry', value: when(approval.expiresAt) },
      ...(approval.finishedAt ? [{ title: 'Finished', value: when(approval.finishedAt) }] : []),
      { title: 'Request id', value: approval.id },
    ],
    whatIf: whatIfLines(approval),
    decisions: approval.decisions.map((d) => ({
      line: `${d.verdict === 'approve' ? 'Approved' : 'Rejected'} by ${d.actor.name}, ${when(d.at)}`,
    })),
    policyText:
      approval.state === 'pending'
        ? `Needs ${policy.approvalsRequired} approval${policy.approvalsRequired === 1 ? '' : 's'} from the configured approvers (${waitingFor} can still decide); the requester cannot approve their own request. Every decision is audited.`
        : 'Every decision is recorded in the audit log (type "audit").',
    showButtons: approval.state === 'pending',
  };
}
