import type { Clock } from '../clock';
import type { Actor } from '../domain/approval';
import { AppError } from '../errors/app-error';
import type { KeyValueStore } from '../storage/store';
import type { ConversationAddress } from './alert-ports';
import type { AuditLog } from './audit-log';

/** Where approval cards go: the chat or channel where the approvers are (set with `approvals here`). */
export interface ApprovalVenue {
  address: ConversationAddress;
  /** For people: "API Security" or "this chat". */
  name: string;
  setBy: Actor;
  setAt: string;
}

const KEY = 'settings/approval-venue';

/**
 * The conversation approval requests are posted to. Without one, a request's card is posted where it was asked,
 * which only works when the approvers are in that chat.
 */
export class ApprovalVenueService {
  constructor(
    private readonly store: KeyValueStore,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    /** The access policy's approver check (ids and Entra groups). */
    private readonly isApprover: (actor: Actor) => Promise<boolean>,
  ) {}

  async get(): Promise<ApprovalVenue | undefined> {
    return (await this.store.get<ApprovalVenue>(KEY))?.value;
  }

  /** Only an approver may move where approvals happen; the change is audited. */
  async set(address: ConversationAddress, name: string, actor: Actor): Promise<ApprovalVenue> {
    if (!(await this.isApprover(actor)))
      throw new AppError('approval_refused', 'Only an approver can choose where approval requests are posted.');
    const venue: ApprovalVenue = { address, name, setBy: actor, setAt: this.clock().toISOString() };
    await this.store.put(KEY, venue);
    await this.audit.append({
      actor,
      action: 'approvals.venue',
      target: `approval requests → ${name}`,
      outcome: 'ok',
      correlationId: address.conversationId,
    });
    return venue;
  }
}
