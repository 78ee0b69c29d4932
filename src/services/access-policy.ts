import type { AccessConfig } from '../config/access-config';
import type { Actor, Approval } from '../domain/approval';
import type { Subscription } from '../domain/azure-types';
import { AppError } from '../errors/app-error';
import type { GroupMembership } from './group-directory';
import type { RefusalAudit } from './refusal-audit';
import type { SubscriptionBindings } from './subscription-bindings';

/** Who is asking, from where, as the server saw it (never from card data). */
export interface Caller extends Actor {
  /** Entra tenant of the activity (Teams' channelData.tenant.id). */
  tenantId?: string;
  /** The conversation key (a channel's thread replies share the channel's). */
  conversationId: string;
}

export type Role = 'approver' | 'admin';

export const NOT_BOUND_TEXT =
  'This chat is not bound to any Azure subscription, so I show no Azure data here. An admin of this bot can bind one by typing "bind subscription <name or id>" here.';

const ROLE_TEXT: Record<Role, string> = {
  approver: 'That is for approvers only. Ask one of them, or the person who runs this bot.',
  admin:
    'Only admins of this bot (ADMIN_IDS / ADMIN_GROUP_IDS, or the approvers) can bind subscriptions to chats. Ask one of them.',
};

export interface AccessSettings extends AccessConfig {
  approverIds: readonly string[];
}

/**
 * The one place that decides who may see and do what: the tenant gate, approver and admin roles (ids or Entra
 * groups), which subscriptions a conversation may see, and who may see an approval's details. Handlers ask here;
 * they hold no rules of their own.
 */
export class AccessPolicy {
  constructor(
    private readonly settings: AccessSettings,
    private readonly bindings: SubscriptionBindings,
    private readonly refusals: RefusalAudit,
    private readonly groups: GroupMembership | undefined,
  ) {}

  get mode(): AccessConfig['mode'] {
    return this.settings.mode;
  }

  /** True when the caller's tenant may use the bot; otherwise the refusal is audited (rate-limited per tenant). */
  async admitTenant(caller: Caller): Promise<boolean> {
    const allowed = this.settings.allowedTenantIds;
    const tenant = caller.tenantId?.toLowerCase();
    if (allowed === 'any' || (tenant !== undefined && allowed.includes(tenant))) return true;
    await this.refusals.record(`tenant:${tenant ?? 'none'}`, {
      actor: { aadObjectId: caller.aadObjectId, name: caller.name },
      target: `tenant ${tenant ?? '(none sent)'}`,
      outcome: 'refused: tenant_not_allowed',
      correlationId: caller.conversationId,
    });
    return false;
  }

  async isApprover(actor: Actor): Promise<boolean> {
    const id = actor.aadObjectId?.toLowerCase();
    if (!id) return false;
    if (this.settings.approverIds.includes(id)) return true;
    return this.inGroups(id, this.settings.approverGroupIds);
  }

  async isAdmin(actor: Actor): Promise<boolean> {
    const admins = this.settings.admins;
    if (admins === 'approvers') return this.isApprover(actor);
    const id = actor.aadObjectId?.toLowerCase();
    if (!id) return false;
    return admins.ids.includes(id) || this.inGroups(id, admins.groupIds);
  }

  /** Throws a refusal a person can act on unless the caller has the role; refusals are audited (rate-limited). */
  async require(caller: Caller, role: Role, what: string, refusal = ROLE_TEXT[role]): Promise<void> {
    const allowed = role === 'admin' ? await this.isAdmin(caller) : await this.isApprover(caller);
    if (allowed) return;
    await this.refusals.record(`${role}:${caller.aadObjectId ?? caller.name}`, {
      actor: { aadObjectId: caller.aadObjectId, name: caller.name },
      target: what,
      outcome: `refused: not_${role}`,
      correlationId: caller.conversationId,
    });
    throw new AppError('access_denied', refusal);
  }

  /** Of the subscriptions the bot sees, those this conversation may work on; none bound = a refusal that says how. */
  async visible(conversationId: string, all: readonly Subscription[]): Promise<Subscription[]> {
    if (this.settings.mode === 'open') return [...all];
    const bound = await this.bindings.boundIds(conversationId);
    const visible = all.filter((s) => bound.has(s.id.toLowerCase()));
    if (visible.length === 0) throw new AppError('not_bound', NOT_BOUND_TEXT);
    return visible;
  }

  /** An approval's details are for its card's conversation and for approvers. */
  async maySeeApproval(caller: Caller, approval: Approval): Promise<boolean> {
    const conversation = (approval.card?.conversation as { conversation?: { id?: string } } | undefined)?.conversation;
    const cardConversation = conversation?.id?.split(';messageid=')[0];
    if (cardConversation !== undefined && cardConversation === caller.conversationId) return true;
    return this.isApprover(caller);
  }

  private async inGroups(id: string, groupIds: readonly string[]): Promise<boolean> {
    if (groupIds.length === 0 || !this.groups) return false;
    return this.groups.isMemberOfAny(id, groupIds);
  }
}
