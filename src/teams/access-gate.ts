import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Caller } from '../services/access-policy';
import type { BotDeps } from './deps';
import { actorOf, conversationKey } from './turn';

export const TENANT_REFUSAL =
  "This bot is not available to your organisation's Microsoft Entra tenant. Nothing was done.";

/** The caller as the server saw it: Teams puts the tenant in channelData.tenant.id (and conversation.tenantId). */
export function callerOf(ctx: TurnContext): Caller {
  const channelData = ctx.activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const tenant = channelData?.tenant?.id ?? ctx.activity.conversation?.tenantId;
  return {
    ...actorOf(ctx),
    tenantId: typeof tenant === 'string' && tenant ? tenant.toLowerCase() : undefined,
    conversationId: conversationKey(ctx),
  };
}

/**
 * A beforeTurn hook, first of all: an activity from a tenant not in ALLOWED_TENANT_IDS gets a short refusal and the
 * turn stops there, so nothing is stored, read or changed. Button clicks get the refusal as their answer.
 */
export function tenantGate(deps: BotDeps): (ctx: TurnContext) => Promise<boolean> {
  return async (ctx) => {
    if (await deps.access.admitTenant(callerOf(ctx))) return true;
    deps.logger.warn('activity from a tenant not allowed refused', { type: ctx.activity.type });
    const activity = ctx.activity;
    if (activity.type === ActivityTypes.Message) await ctx.sendActivity(TENANT_REFUSAL);
    else if (activity.type === ActivityTypes.Invoke) {
      const body =
        activity.name === 'adaptiveCard/action'
          ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: TENANT_REFUSAL }
          : undefined;
      await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: body ? 200 : 403, body } });
    }
    return false;
  };
}
