import type { Approval, ApprovalPolicy } from '../../domain/approval';
import { pendingApprovers } from '../../domain/approval';
import { formatCount, formatUsd } from '../../domain/format';
import { planById } from '../../domain/plans';
import { describeChange } from '../../services/describe-change';
import { regionLabel } from './region-label';

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

/** Progress lines shown at most (failed ones first); the rest are summed, to keep the card under 28 KB. */
export const PROGRESS_LINES = 25;

const MARK = { waiting: '○ waiting', running: '◐ onboarding', done: '✓ onboarded', failed: '✗ failed' } as const;
const COLOR = { waiting: 'Default', running: 'Accent', done: 'Good', failed: 'Attention' } as const;

function progressLines(approval: Approval): { line: string; color: string }[] {
  const items = [...(approval.progress?.items ?? [])].sort(
    (a, b) => Number(b.state === 'failed') - Number(a.state === 'failed'),
  );
  const lines = items.slice(0, PROGRESS_LINES).map((i) => ({
    line: `${MARK[i.state]}: ${i.label}${i.reason ? ` (${i.reason})` : ''}`,
    color: COLOR[i.state],
  }));
  if (items.length > PROGRESS_LINES)
    lines.push({ line: `… and ${items.length - PROGRESS_LINES} more`, color: 'Default' });
  return lines;
}

function onboardingLines(change: Extract<Approval['change'], { kind: 'onboardApis' }>): string[] {
  const byService = new Map<string, string[]>();
  for (const api of change.apis) {
    const key = `${api.serviceName} (${regionLabel(api.region)}, ${api.sku})`;
    byService.set(key, [...(byService.get(key) ?? []), api.displayName]);
  }
  const lines = [...byService]
    .slice(0, 10)
    .map(
      ([service, apis]) =>
        `${service}: ${apis.slice(0, 8).join(', ')}${apis.length > 8 ? ` and ${apis.length - 8} more` : ''}`,
    );
  if (byService.size > 10) lines.push(`… and ${byService.size - 10} more services`);
  lines.push(
    "Defender for APIs will receive a copy of these APIs' traffic. Onboarding adds load on the API Management gateway; on a busy gateway, fix a few APIs at a time.",
  );
  if (change.planTier === 'Free')
    lines.push(
      'Defender for APIs is off on this subscription: the APIs are only protected once a plan is enabled ("compare plans", then "enable plan").',
    );
  return lines;
}

/** "Plan 2 saves $720.00 a month" / "Plan 4 costs $300.00 more a month": words, not a signed amount. */
function differenceText(planName: string, deltaMicroUsd: number): string {
  if (Math.round(deltaMicroUsd / 10_000) === 0) return `${planName} costs the same`;
  return deltaMicroUsd < 0
    ? `${planName} saves ${formatUsd(-deltaMicroUsd)} a month`
    : `${planName} costs ${formatUsd(deltaMicroUsd)} more a month`;
}

/** When the request stops being decidable: the deadline while it is open, and only then or when it ran out. */
function expiryFact(approval: Approval): { title: string; value: string }[] {
  if (approval.state === 'pending') return [{ title: 'Expires', value: when(approval.expiresAt) }];
  if (approval.state === 'expired') return [{ title: 'Expired', value: when(approval.expiresAt) }];
  return [];
}

function whatIfLines(approval: Approval): { line: string }[] {
  const change = approval.change;
  if (change.kind !== 'setPlan') return onboardingLines(change).map((line) => ({ line }));
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
        `Today (${planById(change.fromPlanId).name}) it costs ${formatUsd(w.currentMicroUsd)}, so ${differenceText(target.name, w.newMicroUsd - w.currentMicroUsd)}.`,
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
  const groups = policy.approverGroupIds?.length ?? 0;
  // Group members are not known in advance (Graph is asked per click), so with groups there is no count to show.
  const who = groups
    ? `the configured approvers and the members of ${groups} Entra group${groups === 1 ? '' : 's'}`
    : `the configured approvers (${waitingFor} can still decide)`;
  const failedCount = approval.progress?.items.filter((i) => i.state === 'failed').length ?? 0;
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
      ...expiryFact(approval),
      ...(approval.finishedAt ? [{ title: 'Finished', value: when(approval.finishedAt) }] : []),
      { title: 'Request id', value: approval.id },
    ],
    whatIf: whatIfLines(approval),
    decisions: approval.decisions.map((d) => ({
      line: `${d.verdict === 'approve' ? 'Approved' : 'Rejected'} by ${d.actor.name}, ${when(d.at)}`,
    })),
    policyText:
      approval.state === 'pending'
        ? `Needs ${policy.approvalsRequired} approval${policy.approvalsRequired === 1 ? '' : 's'} from ${who}; the requester cannot approve their own request. Every decision is audited.`
        : 'Every decision is recorded in the audit log (type "audit").',
    showButtons: approval.state === 'pending',
    progressTitle: approval.state === 'running' ? 'Progress' : 'Result per API',
    progress: progressLines(approval),
    showRetry: approval.state === 'failed' && failedCount > 0,
    retryTitle: `Retry failed (${failedCount})`,
  };
}
