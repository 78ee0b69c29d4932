import type { AlertCardState } from '../services/alert-card-actions';
import { renderCard, type CardJson } from './cards/render';
import { usageAlertView } from './cards/usage-alert-view';

/**
 * The usage alert card in its current state. `refresh` with no user ids does not make Teams refresh on its own
 * (there is no per-user view here) but offers "Refresh card", and it makes the bot replace the card for everyone in
 * the chat when Acknowledge or Snooze answers with it, so the whole channel sees who acknowledged.
 */
export function usageAlertCard(state: AlertCardState, sandbox: boolean): CardJson {
  const card = renderCard('usage-alert', usageAlertView(state), { sandbox });
  card.refresh = {
    action: { type: 'Action.Execute', title: 'Refresh', verb: 'alert.refresh', data: { alertId: state.alert.id } },
    userIds: [],
  };
  return card;
}
