import { ActivityTypes, type TurnContext } from 'botbuilder';
import { MENTION_NOTE, commandButton, quickButtons } from '../cards/command-button';
import { renderCard } from '../cards/render';
import type { BotDeps } from '../deps';
import { conversationKey, sendCard } from '../turn';

/** The welcome card's data: what to do first, and the buttons for it. Pure. */
export function welcomeView() {
  return {
    subscriptionStep: '"subscriptions" shows the ones I can see; pick the one this chat works on',
    mentionNote: MENTION_NOTE,
    buttons: [
      ...quickButtons().slice(0, 2),
      commandButton('Subscriptions', 'subscriptions'),
      commandButton('Help', 'help'),
    ],
  };
}

/**
 * conversationUpdate: when the bot itself joins a chat, team or channel, post the welcome card, once per
 * conversation (a durable claim, so a re-install, a restart or a second instance does not repeat it). A failure is
 * logged, never shown: nobody asked for anything yet.
 */
export async function welcomeOnInstall(ctx: TurnContext, deps: BotDeps): Promise<void> {
  const activity = ctx.activity;
  const botId = activity.recipient?.id;
  if (activity.type !== ActivityTypes.ConversationUpdate || !botId) return;
  if (!activity.membersAdded?.some((member) => member.id === botId)) return;
  try {
    if (!(await deps.welcome.claim(conversationKey(ctx)))) return;
    await sendCard(ctx, renderCard('welcome', welcomeView(), { sandbox: deps.runtime.sandbox }));
  } catch (error) {
    deps.logger.error('could not post the welcome card', { error, conversationId: activity.conversation?.id });
  }
}
