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
import type { Subscription } from '../domain/azure-types';
import { AppError } from '../errors/app-error';
import { isStoreConflict, type KeyValueStore, type StoredItem } from '../storage/store';
import type { AuditLog } from './audit-log';
import { describeChange } from './describe-change';

const keyOf = (id: string): string => `approvals/${id}`;
/**
 * Index of approvals that may still need work (one empty marker each), so the minute-by-minute resume sweep reads
 * only those instead of every approval ever made. Markers of finished approvals are dropped by the sweep itself.
 */
const openKeyOf = (id: string): string => `approvals-open/${id}`;
const OPEN_PREFIX = 'approvals-open/';
const FINISHED: readonly ApprovalState[] = ['rejected', 'expired', 'succeeded', 'failed'];
/** Conditional writes that lose a race are retried against the fresh value this many times. */
const MAX_RACE_RETRIES = 10;

export type DecisionOutcome = { approval: Approval; refused?: Refusal };

/**
 * Approval requests on durable storage. Every state change is a conditional write on the approval (ETag), so a
 * double click, two approvers at once, Teams re-sending an invoke, or two bot instances cannot both move it.
 */
export class ApprovalService {
  constructor(
    private readonly store: KeyValueStore,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    readonly policy: ApprovalPolicy & { ttlHours: number },
  ) {}

  /** Refuses up front when nobody could ever approve, instead of leaving a request nobody can act on. */
  assertApprovable(): void {
    if (this.policy.approverIds.length === 0 && (this.policy.approverGroupIds ?? []).length === 0)
      throw new AppError(
        'no_approvers',
        'Nobody can approve changes yet, so I did not create the request. Ask the person who runs this bot to set APPROVER_IDS (Microsoft Entra object ids) or APPROVER_GROUP_IDS (Entra groups) to your approvers.',
      );
  }

  async request(change: Change, subscription: Subscription, requester: Actor, card?: CardLocation): Promise<Approval> {
    this.assertApprovable();
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
    await this.store.put(openKeyOf(approval.id), {}); // first, so no approval is ever missing from the index
    await this.store.put(keyOf(approval.id), approval, { ifNoneMatch: '*' });
    await this.record(approval, requester, 'approval.requested', 'ok');
    return approval;
  }

  async get(id: string): Promise<Approval | undefined> {
    return (await this.store.get<Approval>(keyOf(id)))?.value;
  }

  /** Current value; a pending approval past its expiry is closed (and audited) on the way. */
  async current(id: string): Promise<Approval | undefined> {
    const item = await this.store.get<Approval>(keyOf(id));
    if (!item || !isExpired(item.value, this.clock())) return item?.value;
    return (await this.decideOn(item, { name: 'the bot' }, 'approve')).approval;
  }

  async decide(id: string, actor: Actor, verdict: 'approve' | 'reject'): Promise<DecisionOutcome> {
    for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
      const item = await this.store.get<Approval>(keyOf(id));
      if (!item)
        throw new AppError(
          'approval_not_found',
          'I have no record of that approval request. Ask for the change again.',
        );
      try {
        return await this.decideOn(item, actor, verdict);
      } catch (error) {
        if (!isStoreConflict(error)) throw error;
      }
    }
    throw new AppError(
      'internal',
      'The approval kept changing while I tried to record your decision. Please click again.',
    );
  }

  private async decideOn(
    item: StoredItem<Approval>,
    actor: Actor,
    verdict: 'approve' | 'reject',
  ): Promise<DecisionOutcome> {
    const result = decide(item.value, actor, verdict, this.clock(), this.policy);
    if (!result.ok) {
      if (result.reason === 'expired') {
        await this.store.put(keyOf(item.value.id), result.approval, { ifMatch: item.etag });
        await this.record(result.approval, actor, 'approval.expired', 'expired');
      } else await this.record(item.value, actor, 'approval.refused', `refused: ${result.reason}`);
      return { approval: result.approval, refused: result.reason };
    }
    await this.store.put(keyOf(item.value.id), result.approval, { ifMatch: item.etag });
    const action = verdict === 'reject' ? 'approval.rejected' : 'approval.approved';
    await this.record(result.approval, actor, action, result.approval.state);
    return { approval: result.approval };
  }

  /**
   * Moves approved → running → succeeded/failed (running → running records progress or a lease). Returns undefined
   * when someone else made a move first: that is how exactly one instance executes an approved change.
   */
  move(
    id: string,
    from: ApprovalState,
    to: ApprovalState,
    patch: Partial<Approval> = {},
  ): Promise<Approval | undefined> {
    if (!canMove(from, to)) throw new Error(`approval ${id}: ${from} → ${to} is not allowed`);
    return this.updateIf(id, (current) => {
      if (current.state !== from) return undefined;
      const next: Approval = { ...current, ...patch, state: to };
      if (to === 'succeeded' || to === 'failed') next.finishedAt = this.clock().toISOString();
      return next;
    });
  }

  /** approved → running, claimed by `owner` for `leaseMs` (the conditional write makes exactly one instance win). */
  startRunning(id: string, owner: string, leaseMs: number): Promise<Approval | undefined> {
    const expiresAt = new Date(this.clock().getTime() + leaseMs).toISOString();
    return this.move(id, 'approved', 'running', { outcome: 'Applying the change…', lease: { owner, expiresAt } });
  }

  /**
   * Takes over a running change whose runner stopped: its lease expired (its instance died), or the lease is this
   * instance's own from before a restart. Undefined when another live runner holds it or another instance won.
   */
  takeOver(id: string, owner: string, leaseMs: number): Promise<Approval | undefined> {
    const now = this.clock().getTime();
    return this.updateIf(id, (current) => {
      if (current.state !== 'running') return undefined;
      const held = current.lease && current.lease.owner !== owner && Date.parse(current.lease.expiresAt) > now;
      return held ? undefined : { ...current, lease: { owner, expiresAt: new Date(now + leaseMs).toISOString() } };
    });
  }

  /** Extends the lease of a change this instance runs; false when another instance has taken it over. */
  async renew(id: string, owner: string, leaseMs: number): Promise<boolean> {
    const expiresAt = new Date(this.clock().getTime() + leaseMs).toISOString();
    const renewed = await this.updateIf(id, (current) =>
      current.state === 'running' && current.lease?.owner === owner
        ? { ...current, lease: { owner, expiresAt } }
        : undefined,
    );
    return renewed !== undefined;
  }

  /** Remembers where the card was posted, so background work can update it in place (even after a restart). */
  async attachCard(id: string, card: CardLocation): Promise<void> {
    for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
      const done = await this.updateIf(id, (current) => ({ ...current, card }));
      if (done || !(await this.get(id))) return;
    }
  }

  /** Reads the approval, applies `change` and writes it if nobody wrote in between; undefined if not applied. */
  private async updateIf(
    id: string,
    change: (current: Approval) => Approval | undefined,
  ): Promise<Approval | undefined> {
    const item = await this.store.get<Approval>(keyOf(id));
    const next = item && change(item.value);
    if (!item || !next) return undefined;
    try {
      await this.store.put(keyOf(id), next, { ifMatch: item.etag });
      return next;
    } catch (error) {
      if (isStoreConflict(error)) return undefined;
      throw error;
    }
  }

  /** Approvals in the given states (used at start to resume work a stop interrupted). */
  async inStates(states: readonly ApprovalState[]): Promise<Approval[]> {
    const ids = (await this.store.list(OPEN_PREFIX)).map((key) => key.slice(OPEN_PREFIX.length));
    const items = await Promise.all(ids.map((id) => this.store.get<Approval>(keyOf(id))));
    const now = this.clock();
    const found: Approval[] = [];
    for (const [i, item] of items.entries()) {
      // A marker without its approval (a failed or still-running create) is kept: the approval may appear.
      if (!item) continue;
      const approval = item.value;
      const done = approval.state === 'pending' ? isExpired(approval, now) : FINISHED.includes(approval.state);
      if (done) await this.store.delete(openKeyOf(ids[i] as string));
      else if (states.includes(approval.state)) found.push(approval);
    }
    return found;
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
