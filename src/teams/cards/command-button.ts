/**
 * A button that sends a command as if the person had typed it (Teams `imBack`): the reply lands in the chat as a new
 * message, so it works from any card and in channels, where typed commands need an @mention.
 */
export function commandButton(title: string, command: string): Record<string, unknown> {
  return { type: 'Action.Submit', title, data: { msteams: { type: 'imBack', value: command } } };
}

/** Commands whose usage is typed as is (no "<name>" or "P1…P5" to fill in), so a button can send them. */
export function isTypedAsIs(usage: string): boolean {
  return !/[<…]/.test(usage);
}

/** The everyday commands, as buttons for the help and welcome cards (Teams shows up to 6 in one row set). */
export const QUICK_COMMANDS: readonly [string, string][] = [
  ['Estimate traffic', 'estimate traffic'],
  ['Status', 'status'],
  ['Onboard APIs', 'onboard unhealthy APIs'],
  ['Insights', 'onboarded APIs'],
  ['Subscriptions', 'subscriptions'],
  ['Alerts', 'alerts status'],
];

export const quickButtons = (): Record<string, unknown>[] =>
  QUICK_COMMANDS.map(([title, command]) => commandButton(title, command));

/** Teams delivers channel and group chat messages to a bot only when it is @mentioned. */
export const MENTION_NOTE =
  'In a group chat or a channel, @mention me first (type @, pick Defender APIs, then the command); in a personal chat just type it.';
