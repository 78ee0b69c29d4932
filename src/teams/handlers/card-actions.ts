import type { TurnContext } from 'botbuilder';
import { AppError } from '../../errors/app-error';
import { parsePlanId } from '../../domain/plans';
import type { BotDeps } from '../deps';
import { conversationKey } from '../turn';

type ActionData = Record<string, unknown>;

function stringField(data: ActionData, name: string): string {
  const value = data[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > 200)
    throw new AppError(
      'forged_action',
      'That button sent data I did not expect, so I ignored it. Ask me again to get a fresh card.',
    );
  return value;
}

/** `subscription.use` from the subscriptions card. The id is re-checked against what the bot can see. */
export async function useSubscriptionAction(ctx: TurnContext, deps: BotDeps, data: ActionData): Promise<string> {
  const picked = await deps.subscriptions.use(conversationKey(ctx), stringField(data, 'subscriptionId'));
  return `This chat now works on ${picked.name}.`;
}

/** `plan.enable` from the estimate card. Changing the plan needs the approval flow, which is not built yet. */
export async function enablePlanAction(_ctx: TurnContext, _deps: BotDeps, data: ActionData): Promise<string> {
  const planId = parsePlanId(stringField(data, 'planId'));
  if (!planId) throw new AppError('forged_action', 'That button named a plan that does not exist, so I ignored it.');
  throw new AppError(
    'not_available_yet',
    `Enabling ${planId.replace('P', 'Plan ')} from Teams is not available yet: it needs the approval flow, which is still being built. Until then, change the plan in the Azure portal (Defender for Cloud → Environment settings → Defender plans → APIs).`,
  );
}
