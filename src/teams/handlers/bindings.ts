import type { TurnContext } from 'botbuilder';
import { AppError } from '../../errors/app-error';
import type { BotDeps } from '../deps';
import { actorOf, conversationKey } from '../turn';

function requireName(query: string, verb: 'bind' | 'unbind'): string {
  const name = query.trim();
  if (!name || name.toLowerCase() === 'subscription')
    throw new AppError('bad_command', `Which one? Type "${verb} subscription <name or id>".`);
  return name;
}

/** What the bindings mean in this mode, so an admin is not misled when ACCESS_MODE=open. */
function modeNote(deps: BotDeps): string {
  return deps.access.mode === 'open'
    ? ' (ACCESS_MODE is open, so every chat sees every subscription anyway; bindings take effect with ACCESS_MODE=bound.)'
    : '';
}

/** `bind subscription <name or id>` (admins): this conversation may work on that subscription from now on. */
export async function bindSubscription(ctx: TurnContext, deps: BotDeps, query: string): Promise<void> {
  const subscription = await deps.subscriptions.findAny(requireName(query, 'bind'));
  const added = await deps.bindings.bind(conversationKey(ctx), subscription, actorOf(ctx));
  await ctx.sendActivity(
    `${added ? 'This chat may now work on' : 'This chat was already bound to'} **${subscription.name}** (${subscription.id}).${modeNote(deps)}`,
  );
}

/** `unbind subscription <name or id>` (admins): matched among this conversation's bindings. */
export async function unbindSubscription(ctx: TurnContext, deps: BotDeps, query: string): Promise<void> {
  const q = requireName(query, 'unbind').toLowerCase();
  const bound = (await deps.bindings.get(conversationKey(ctx))).subscriptions;
  const match = bound.find((s) => s.id.toLowerCase() === q || s.name.toLowerCase() === q);
  if (!match)
    throw new AppError(
      'subscription_not_found',
      'This chat is not bound to a subscription of that name or id. Type "bindings" to see the ones it is bound to.',
    );
  await deps.bindings.unbind(conversationKey(ctx), match.id, match.name, actorOf(ctx));
  // In bound mode the chat may no longer see that subscription, so its entitlement alerts stop too.
  const alertsStopped =
    deps.access.mode === 'bound' && (await deps.alerts.turnOffFor(conversationKey(ctx), match.id, actorOf(ctx)));
  await ctx.sendActivity(
    `This chat no longer works on **${match.name}** (${match.id}).${alertsStopped ? ' Its entitlement alerts here are off.' : ''}${modeNote(deps)}`,
  );
}

/** `bindings` (admins): the subscriptions bound to this conversation, and who bound them when. */
export async function listBindings(ctx: TurnContext, deps: BotDeps): Promise<void> {
  const bound = (await deps.bindings.get(conversationKey(ctx))).subscriptions;
  if (bound.length === 0) {
    await ctx.sendActivity(
      `No subscription is bound to this chat. Type "bind subscription <name or id>" to bind one.${modeNote(deps)}`,
    );
    return;
  }
  const lines = bound.map(
    (s) => `- **${s.name}** (${s.id}), bound by ${s.boundBy.name} on ${s.boundAt.slice(0, 16).replace('T', ' ')} UTC`,
  );
  await ctx.sendActivity(
    `This chat is bound to:\n\n${lines.join('\n')}${modeNote(deps) ? `\n\n${modeNote(deps).trim()}` : ''}`,
  );
}
