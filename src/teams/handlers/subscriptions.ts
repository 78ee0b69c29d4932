import type { TurnContext } from 'botbuilder';
import { AppError, isAppError } from '../../errors/app-error';
import { renderCard } from '../cards/render';
import type { BotDeps } from '../deps';
import { conversationKey, sendCard } from '../turn';
import { turnSignal } from '../turn-budget';

/** The conversation's current subscription, or undefined when none is chosen yet and several are visible. */
async function currentOrNone(ctx: TurnContext, deps: BotDeps): Promise<string | undefined> {
  try {
    return (await deps.subscriptions.current(conversationKey(ctx), turnSignal(ctx))).id;
  } catch (error) {
    if (isAppError(error) && error.code === 'subscription_ambiguous') return undefined;
    throw error;
  }
}

/** `subscriptions`: what the bot can see, which one this chat uses, and a button to switch. */
export async function listSubscriptions(ctx: TurnContext, deps: BotDeps, intro = ''): Promise<void> {
  const all = await deps.subscriptions.list(conversationKey(ctx), turnSignal(ctx));
  if (all.length === 0) await deps.subscriptions.current(conversationKey(ctx), turnSignal(ctx)); // throws the no_subscriptions advice
  const current = await currentOrNone(ctx, deps);
  const data = {
    intro,
    subscriptions: all.map((s) => ({
      ...s,
      current: s.id === current,
      marker: s.id === current ? ' (this chat)' : '',
    })),
    footer: current
      ? 'Commands in this chat work on the subscription marked "this chat".'
      : 'This chat has no subscription yet: pick one with a button, or type "use subscription" and its name.',
  };
  await sendCard(ctx, renderCard('subscriptions', data, { sandbox: deps.runtime.sandbox }));
}

/** `use subscription <name or id>`. */
export async function useSubscription(ctx: TurnContext, deps: BotDeps, query: string): Promise<void> {
  if (!query)
    throw new AppError(
      'bad_command',
      'Which one? Type "use subscription" and its name or id, or "subscriptions" to pick one from a list.',
    );
  const picked = await deps.subscriptions.use(conversationKey(ctx), query, turnSignal(ctx));
  await ctx.sendActivity(`This chat now works on **${picked.name}** (${picked.id}).`);
}

/**
 * A command that needs a subscription when several are visible and none is chosen (or a name that matches several):
 * instead of an error, the list with a "Use this one" button per subscription, then the person runs the command again.
 */
export async function withSubscriptionPicker(ctx: TurnContext, deps: BotDeps, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!isAppError(error) || error.code !== 'subscription_ambiguous') throw error;
    await listSubscriptions(ctx, deps, error.userMessage);
  }
}
