import type { TurnContext } from 'botbuilder';
import { parseAlertId } from '../../domain/alerts';
import { AppError } from '../../errors/app-error';
import type { CardJson } from '../cards/render';
import type { BotDeps } from '../deps';
import { actorOf, conversationKey } from '../turn';
import { usageAlertCard } from '../usage-alert-card';
import { stringField, type ActionData } from './action-data';

/** The alert a button names, once this conversation may see its subscription (ACCESS_MODE=bound: bound to it). */
async function alertIdField(ctx: TurnContext, deps: BotDeps, data: ActionData): Promise<string> {
  const id = stringField(data, 'alertId');
  const parts = parseAlertId(id);
  if (!parts)
    throw new AppError(
      'forged_action',
      'That button sent data I did not expect, so I ignored it. Ask me again to get a fresh card.',
    );
  await deps.subscriptions.byId(parts.subscriptionId, conversationKey(ctx));
  return id;
}

/** `alert.ack`: records who acknowledged, and answers with the card showing it (replaced for everyone). */
export async function acknowledgeAlertAction(ctx: TurnContext, deps: BotDeps, data: ActionData): Promise<CardJson> {
  const state = await deps.alertCards.acknowledge(
    await alertIdField(ctx, deps, data),
    conversationKey(ctx),
    actorOf(ctx),
  );
  deps.logger.info('alert acknowledged', { alertId: state.alert.id, conversationId: conversationKey(ctx) });
  return usageAlertCard(state, deps.runtime.sandbox);
}

/** `alert.snooze`: no alerts for that subscription in this conversation for 24 h. */
export async function snoozeAlertAction(ctx: TurnContext, deps: BotDeps, data: ActionData): Promise<CardJson> {
  const state = await deps.alertCards.snooze(await alertIdField(ctx, deps, data), conversationKey(ctx), actorOf(ctx));
  deps.logger.info('alerts snoozed', {
    alertId: state.alert.id,
    conversationId: conversationKey(ctx),
    until: state.snoozed?.until,
  });
  return usageAlertCard(state, deps.runtime.sandbox);
}

/** `alert.refresh`: the card as it is now (Teams' "Refresh card"). */
export async function refreshAlertAction(ctx: TurnContext, deps: BotDeps, data: ActionData): Promise<CardJson> {
  return usageAlertCard(
    await deps.alertCards.view(await alertIdField(ctx, deps, data), conversationKey(ctx)),
    deps.runtime.sandbox,
  );
}
