import {
  CardFactory,
  TeamsInfo,
  TurnContext,
  type ConversationParameters,
  type ConversationReference,
} from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Actor, Approval, ApprovalPolicy, CardLocation } from '../domain/approval';
import type { ApprovalNotifier } from '../services/approval-ports';
import type { BotIdentity } from '../config/config';
import { createAdapter, type AuthOverrides } from './adapter';
import { approvalCard } from './approval-card';

/** Teams refreshes a card automatically for at most 60 users (refresh.userIds). */
const MAX_REFRESH_USERS = 60;

/**
 * The Teams side that services call back into (card updates, later proactive alerts). Built before the services,
 * so the composition root can hand its notifier to background work.
 */
export class TeamsRuntime implements ApprovalNotifier {
  readonly adapter: TeamsAdapter;

  constructor(
    readonly bot: BotIdentity,
    private readonly policy: ApprovalPolicy,
    readonly sandbox: boolean,
    authOverrides?: AuthOverrides,
    private readonly approvers?: { isApprover(actor: Actor): Promise<boolean> },
  ) {
    this.adapter = createAdapter(bot, authOverrides);
  }

  /** Updates the approval card in place, in the conversation where it was posted (works after a restart too). */
  async approvalChanged(approval: Approval): Promise<void> {
    const location = approval.card;
    if (!location?.activityId) return;
    const card = approvalCard(approval, this.policy, this.sandbox);
    await this.inConversation(location.conversation, async (ctx) => {
      await ctx.updateActivity({
        type: 'message',
        id: location.activityId,
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
      });
    });
  }

  /**
   * Runs `work` in another conversation (proactively). Errors thrown inside continueConversationAsync would go to
   * the adapter's onTurnError, which logs and resolves, so they are caught there and rethrown to the caller.
   */
  async inConversation<T>(
    reference: Readonly<Record<string, unknown>>,
    work: (ctx: TurnContext) => Promise<T>,
  ): Promise<T> {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    await this.adapter.continueConversationAsync(
      this.bot.id,
      reference as Partial<ConversationReference>,
      async (ctx) => {
        try {
          outcome = { ok: true, value: await work(ctx) };
        } catch (error) {
          outcome = { ok: false, error };
        }
      },
    );
    if (!outcome) throw new Error('the conversation callback did not run');
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /**
   * Sends a card to the person of this turn in their personal (1:1) chat with the bot, e.g. from a channel, for
   * what only they may read. False when Teams would not open that chat (the bot is not installed for them).
   */
  async sendPersonally(ctx: TurnContext, card: Record<string, unknown>): Promise<boolean> {
    const activity = ctx.activity;
    const tenantId =
      activity.conversation.tenantId ?? (activity.channelData as { tenant?: { id?: string } })?.tenant?.id;
    const parameters = {
      isGroup: false,
      bot: activity.recipient,
      members: [activity.from],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as ConversationParameters;
    const audience = ctx.turnState.get<string | undefined>(this.adapter.OAuthScopeKey);
    let sent = false;
    try {
      await this.adapter.createConversationAsync(
        this.bot.id,
        activity.channelId,
        activity.serviceUrl,
        audience ?? AuthenticationConstants.ToChannelFromBotOAuthScope,
        parameters,
        async (personal) => {
          await personal.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
          sent = true;
        },
      );
    } catch {
      return false;
    }
    return sent;
  }

  /** Where a card about to be posted in this turn will live, with the approvers' Teams ids for its refresh. */
  async cardLocation(ctx: TurnContext): Promise<CardLocation> {
    return {
      conversation: { ...TurnContext.getConversationReference(ctx.activity) },
      refreshUserIds: await this.approverUserIds(ctx),
    };
  }

  private async approverUserIds(ctx: TurnContext): Promise<string[]> {
    let members: { id: string; aadObjectId?: string; name?: string }[];
    try {
      members = (await TeamsInfo.getPagedMembers(ctx, 500)).members;
    } catch {
      return []; // no roster (e.g. not a Teams channel): Teams then offers a manual "Refresh card"
    }
    const byId = members.filter((m) => m.aadObjectId && this.policy.approverIds.includes(m.aadObjectId.toLowerCase()));
    const groups = this.policy.approverGroupIds ?? [];
    if (groups.length === 0 || !this.approvers) return byId.map((m) => m.id).slice(0, MAX_REFRESH_USERS);
    // Group approvers are found one roster member at a time (Graph, cached); a Graph failure leaves them out of the
    // automatic refresh only: they still see the card and can pick "Refresh card".
    const rest = members.filter((m) => m.aadObjectId && !byId.includes(m)).slice(0, MAX_REFRESH_USERS);
    const approvers = this.approvers;
    const inGroups = await Promise.all(
      rest.map((m) =>
        approvers.isApprover({ aadObjectId: m.aadObjectId?.toLowerCase(), name: m.name ?? '' }).catch(() => false),
      ),
    );
    return [...byId, ...rest.filter((_, i) => inGroups[i])].map((m) => m.id).slice(0, MAX_REFRESH_USERS);
  }
}
