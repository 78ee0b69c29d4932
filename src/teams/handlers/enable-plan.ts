import type { TurnContext } from 'botbuilder';
import { AppError } from '../../errors/app-error';
import { quoted } from '../../util/text-limits';
import { parsePlanId, planById, type PlanId } from '../../domain/plans';
import { postApprovalCard, type PostedApproval } from '../post-approval';
import type { BotDeps } from '../deps';
import { actorOf, conversationKey, startTyping } from '../turn';
import { stringField, type ActionData } from './action-data';
import { turnSignal } from '../turn-budget';

/**
 * Asks for a plan change: what-if, approval request, card posted where the approvers are. Nothing changes in Azure
 * until an approver approves.
 */
async function requestPlanChange(
  ctx: TurnContext,
  deps: BotDeps,
  planId: PlanId,
  subscriptionId?: string,
): Promise<PostedApproval> {
  deps.approvals.assertApprovable(actorOf(ctx));
  const subscription = subscriptionId
    ? await deps.subscriptions.byId(subscriptionId, conversationKey(ctx), turnSignal(ctx))
    : await deps.subscriptions.current(conversationKey(ctx), turnSignal(ctx));
  startTyping(ctx);
  return postApprovalCard(ctx, deps, (location) =>
    deps.planChanges.request(subscription, planId, actorOf(ctx), location),
  );
}

/** `enable plan P3` (also "Plan 3", "plan3"). */
export async function enablePlanCommand(ctx: TurnContext, deps: BotDeps, argument: string): Promise<void> {
  const planId = parsePlanId(argument);
  if (!planId)
    throw new AppError(
      'bad_command',
      `"${argument ? quoted(argument) : '(nothing)'}" is not a plan. Type "enable plan P1" … "enable plan P5" (or "Plan 3").`,
    );
  const { postedIn } = await requestPlanChange(ctx, deps, planId);
  if (postedIn)
    await ctx.sendActivity(`I asked the approvers in **${postedIn}** to switch to ${planById(planId).name}.`);
}

/** The `Enable Plan N` button on the estimate, status and alert cards (data: planId, subscriptionId). */
export async function enablePlanAction(ctx: TurnContext, deps: BotDeps, data: ActionData): Promise<string> {
  const planId = parsePlanId(stringField(data, 'planId'));
  if (!planId) throw new AppError('forged_action', 'That button named a plan that does not exist, so I ignored it.');
  const { postedIn } = await requestPlanChange(ctx, deps, planId, stringField(data, 'subscriptionId'));
  return `I asked the approvers to switch to ${planById(planId).name}; the request is in ${postedIn ?? 'this chat'}.`;
}
