import { TeamsInfo, TurnContext, type ConversationReference } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Approval, ApprovalPolicy, CardLocation } from '../domain/approval';
import type { ApprovalNotifier } from '../services/approval-ports';
import type { BotIdentity } from '../config/config';
import { createAdapter, type AuthOverrides } from './adapter';
import { approvalCard } from './approval-card';

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
  ) {
    this.adapter = createAdapter(bot, authOverrides);
  }

  /** Updates the approval card in place, in the conversation where it was posted (works after a restart too). */
  async approvalChanged(approval: Approval): Promise<void> {
    const location = approval.card;
    if (!location?.activityId) return;
    const card = approvalCard(approval, this.policy, this.sandbox);
    let failure: { error: unknown } | undefined;
    await this.adapter.continueConversationAsync(
      this.bot.id,
      location.conversation as Partial<ConversationReference>,
      async (ctx) => {
        // Caught here: an error thrown inside the callback goes to the adapter's onTurnError, which logs it and
        // resolves, so a failed update would otherwise look like a success to the caller.
        try {
          await ctx.updateActivity({
            type: 'message',
            id: location.activityId,
            attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
          });
        } catch (error) {
          failure = { error };
        }
      },
    );
    if (failure) throw failure.error;
  }

  /** Where a card about to be posted in this turn will live, with the approvers' Teams ids for its refresh. */
  async cardLocation(ctx: TurnContext): Promise<CardLocation> {
    return {
      conversation: { ...TurnContext.getConversationReference(ctx.activity) },
      refreshUserIds: await this.approverUserIds(ctx),
    };
  }

  private async approverUserIds(ctx: TurnContext): Promise<string[]> {
    try {
      const members = await TeamsInfo.getPagedMembers(ctx, 500);
      return members.members
        .filter((m) => m.aadObjectId && this.policy.approverIds.includes(m.aadObjectId.toLowerCase()))
        .map((m) => m.id);
    } catch {
      return []; // no roster (e.g. not a Teams channel): Teams then offers a manual "Refresh card"
    }
  }
}
