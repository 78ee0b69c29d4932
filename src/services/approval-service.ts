import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import {
  canMove,
  decide,
  isExpired,
  type Actor,
  type Approval,
  type ApprovalPolicy,
  type ApprovalState,
  type CardLocation,
  type Change,
  type Refusal,
} from '../domain/approval';
import { approvalShortfall } from '../domain/approval-reachability';
import type { Subscription } from '../domain/azure-types';
import { AppError } from '../errors/app-error';
import { StoreContentionError } from '../storage/conditional-update';
import type { KeyValueStore } from '../storage/store';
import { ApprovalStore } from './approval-store';
import type { AuditLog } from './audit-log';
import { describeChange } from './describe-change';

export type DecisionOutcome = { approval: Approval; refused?: Refusal };

/**
 * Approval requests and decisions. Every state change is a conditional update of the approval record
 * (ApprovalStore), so a double click, two approvers at once, Teams re-sending an invoke, or two bot instances
 * cannot both move it.
 */
export class ApprovalService {
  readonly records: ApprovalStore;

  constructor(
    store: KeyValueStore,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    readonly policy: ApprovalPolicy & { ttlHours: number },
  ) {
    this.records = new ApprovalStore(store);
  }

  /** Refuses up front when nobody could ever approve, instead of leaving a request nobody can act on. */
  assertApprovable(requester?: Actor): void {
    if (this.policy.approverIds.length === 0 && (this.policy.approverGroupIds ?? []).length === 0)
      throw new AppError(
        'no_approvers',
        'Nobody can approve changes yet, so I did not create the request. Ask the person who runs this bot to set APPROVER_IDS (Microsoft Entra object ids) or APPROVER_GROUP_IDS (Entra groups) to your approvers.',
      );
    const shortfall = requester && approvalShortfall(requester, this.policy);
    if (shortfall)
      throw new AppError(
        'approvers_insufficient',
        `This change needs ${shortfall.required} approvers other than you, and only ${shortfall.available} other approver${shortfall.available === 1 ? ' is' : 's are'} configured (you cannot approve your own request), so nobody could ever approve it and I did not create it. Ask another approver to request it, or ask the person who runs this bot to add approvers to APPROVER_IDS or lower APPROVALS_REQUIRED.`,
      );
  }

  async request(change: Change, subscription: Subscription, requester: Actor, card?: CardLocation): Promise<Approval> {
    this.assertApprovable(requester);
    const now = this.clock();
    const approval: Approval = {
      id: randomUUID(),
      change,
      subscriptionId: subscription.id,
      subscriptionName: subscription.name,
      requester,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.policy.ttlHours * 3_600_000).toISOString(),
      state: 'pending',
      decisions: [],
      card,
    };
    await this.records.create(approval);
    await this.record(approval, requester, 'approval.requested', 'ok');
    return approval;
  }

  get(id: string): Promise<Approval | undefined> {
    return this.records.get(id);
  }

  /** Current value; a pending approval past its expiry is closed (and audited) on the way. */
  async current(id: string): Promise<Approval | undefined> {
    const approval = await this.records.get(id);
    if (!approval || !isExpired(approval, this.clock())) return approval;
    return (await this.decide(id, { name: 'the bot' }, 'approve')).approval;
  }

  async decide(id: string, actor: Actor, verdict: 'approve' | 'reject'): Promise<DecisionOutcome> {
    let outcome: ReturnType<typeof decide> | undefined;
    let written: Approval | undefined;
    try {
      written = await this.records.update(id, (current) => {
        outcome = decide(current, actor, verdict, this.clock(), this.policy);
        // Expiry is written too (the request is closed for good); other refusals change nothing.
        return outcome.ok || outcome.reason === 'expired' ? outcome.approval : undefined;
      });
    } catch (error) {
      if (error instanceof StoreContentionError)
        throw new AppError(
          'internal',
          'The approval kept changing while I tried to record your decision. Please click again.',
          { cause: error },
        );
      throw error;
    }
    if (!outcome)
      throw new AppError('approval_not_found', 'I have no record of that approval request. Ask for the change again.');
    if (!outcome.ok) {
      if (outcome.reason === 'expired') {
        if (written) await this.record(outcome.approval, actor, 'approval.expired', 'expired');
      } else await this.record(outcome.approval, actor, 'approval.refused', `refused: ${outcome.reason}`);
      return { approval: outcome.approval, refused: outcome.reason };
    }
    const action = verdict === 'reject' ? 'approval.rejected' : 'approval.approved';
    await this.record(outcome.approval, actor, action, outcome.approval.state);
    return { approval: outcome.approval };
  }

  /**
   * Moves approved → running → succeeded/failed (running → running records progress). Returns undefined when the
   * approval is not in `from` any more: that is how exactly one instance executes an approved change.
   */
  move(
    id: string,
    from: ApprovalState,
    to: ApprovalState,
    patch: Partial<Approval> = {},
  ): Promise<Approval | undefined> {
    if (!canMove(from, to)) throw new Error(`approval ${id}: ${from} → ${to} is not allowed`);
    return this.records.update(id, (current) => {
      if (current.state !== from) return undefined;
      const next: Approval = { ...current, ...patch, state: to };
      if (to === 'succeeded' || to === 'failed') next.finishedAt = this.clock().toISOString();
      return next;
    });
  }

  /** Remembers where the card was posted, so background work can update it in place (even after a restart). */
  async attachCard(id: string, card: CardLocation): Promise<void> {
    await this.records.update(id, (current) => ({ ...current, card }));
  }

  /** Open approvals in the given states (used to resume work a stop interrupted). */
  inStates(states: readonly ApprovalState[]): Promise<Approval[]> {
    return this.records.open(states, this.clock());
  }

  async record(
    approval: Approval,
    actor: Actor,
    action: Parameters<AuditLog['append']>[0]['action'],
    outcome: string,
    detail?: string,
  ) {
    await this.audit.append({
      actor,
      action,
      subscriptionId: approval.subscriptionId,
      target: describeChange(approval.change),
      outcome,
      correlationId: approval.id,
      detail,
    });
  }
}
