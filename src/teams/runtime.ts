import {
  CardFactory,
  type CloudAdapter,
  TeamsInfo,
  TurnContext,
  type ConversationParameters,
  type ConversationReference,
} from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import type { Actor, Approval, ApprovalPolicy, CardLocation } from '../domain/approval';
import type { ApprovalNotifier } from '../services/approval-ports';
import type { BotIdentity } from '../config/config';
import type { Logger } from '../logging/logger';
import { createAdapter, type AuthOverrides } from './adapter';
import { approvalCard } from './approval-card';
import type { CardJson } from './cards/render';
import { BackgroundWork } from './reliability/background';
import { connectorDeadline } from './reliability/connector-deadline';
import { DEFAULT_TEAMS_TIMEOUTS, withDeadline, type TeamsTimeouts } from './reliability/deadline';

/** Knobs of the Teams side; tests shorten them. */
export interface TeamsRuntimeOptions {
  timeouts?: Partial<TeamsTimeouts>;
  /** Waits before the 2nd, 3rd … attempt to replace a card for everyone after a click (ms). */
  cardUpdateRetryDelaysMs?: readonly number[];
  logger?: Logger;
  /** Decides group approvers (Entra groups via Graph) for the card's refresh list. */
  approvers?: { isApprover(actor: Actor): Promise<boolean> };
}

const CARD_UPDATE_RETRY_DELAYS_MS = [1_000, 3_000];

/** Teams' largest roster page, and how many pages we read at most (10,000 members). */
const ROSTER_PAGE_SIZE = 500;
const MAX_ROSTER_PAGES = 20;

/** Teams refreshes a card automatically for at most 60 users (refresh.userIds). */
const MAX_REFRESH_USERS = 60;

/**
 * The Teams side that services call back into (card updates, later proactive alerts). Built before the services,
 * so the composition root can hand its notifier to background work.
 */
export class TeamsRuntime implements ApprovalNotifier {
  readonly adapter: CloudAdapter;
  readonly timeouts: TeamsTimeouts;
  /** Card updates and overrun turns still going after their turn answered. */
  readonly background: BackgroundWork;
  private readonly retryDelaysMs: readonly number[];
  private readonly logger?: Logger;
  private readonly approvers?: { isApprover(actor: Actor): Promise<boolean> };

  constructor(
    readonly bot: BotIdentity,
    private readonly policy: ApprovalPolicy,
    readonly sandbox: boolean,
    authOverrides?: AuthOverrides,
    options: TeamsRuntimeOptions = {},
  ) {
    this.timeouts = { ...DEFAULT_TEAMS_TIMEOUTS, ...options.timeouts };
    this.retryDelaysMs = options.cardUpdateRetryDelaysMs ?? CARD_UPDATE_RETRY_DELAYS_MS;
    this.logger = options.logger;
    this.approvers = options.approvers;
    this.background = new BackgroundWork((error) => this.logger?.warn('background Teams work failed', { error }));
    this.adapter = createAdapter(bot, authOverrides);
    this.adapter.use(connectorDeadline(this.timeouts.connectorCallMs));
  }

  /**
   * Replaces message `activityId` with `card` for everyone, in the background: tried again after each delay in
   * `cardUpdateRetryDelaysMs`, then left to the card's next refresh (the stored state is already right).
   */
  replaceCardSoon(conversation: Partial<ConversationReference>, activityId: string, card: CardJson): void {
    this.background.track(
      (async () => {
        for (let attempt = 0; ; attempt++) {
          try {
            await this.replaceCard(conversation, activityId, card);
            return;
          } catch (error) {
            const delay = this.retryDelaysMs[attempt];
            if (delay === undefined) {
              this.logger?.warn('card update failed; the next refresh shows the card', { activityId, error });
              return;
            }
            await new Promise((resolve) => setTimeout(resolve, delay).unref());
          }
        }
      })(),
    );
  }

  private replaceCard(conversation: Partial<ConversationReference>, activityId: string, card: CardJson) {
    return this.inConversation(conversation as Record<string, unknown>, async (ctx) => {
      await ctx.updateActivity({
        type: 'message',
        id: activityId,
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
      });
    });
  }

  /** Updates the approval card in place, in the conversation where it was posted (works after a restart too). */
  async approvalChanged(approval: Approval): Promise<void> {
    const location = approval.card;
    if (!location?.activityId) return;
    await this.replaceCard(
      location.conversation,
      location.activityId,
      approvalCard(approval, this.policy, this.sandbox),
    );
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

  /**
   * The approvers among the conversation's members, read page by page (500 a page, Teams' largest) up to
   * MAX_ROSTER_PAGES. A roster larger than that is cut there: approvers past it get Teams' manual "Refresh card".
   */
  private async approverUserIds(ctx: TurnContext): Promise<string[]> {
    let members: { id: string; aadObjectId?: string; name?: string }[];
    try {
      const found: { id: string; aadObjectId?: string; name?: string }[] = [];
      let token: string | undefined;
      for (let page = 0; page < MAX_ROSTER_PAGES; page++) {
        const paged = await withDeadline(
          TeamsInfo.getPagedMembers(ctx, ROSTER_PAGE_SIZE, token),
          this.timeouts.connectorCallMs,
          'reading the roster',
        );
        found.push(...paged.members);
        token = paged.continuationToken || undefined;
        if (!token) break;
      }
      members = found;
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
