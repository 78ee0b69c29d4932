/**
 * A button that runs a command as if the person had typed it. Action.Submit arrives as a message whose `value` is
 * the data, in Teams (also in channels, without an @mention) and in the Agents Playground, which ignores `imBack`;
 * the bot reads `value.command` through the same command table as typed text (commandText), so it can do no more.
 */
export function commandButton(title: string, command: string): Record<string, unknown> {
  return { type: 'Action.Submit', title, data: { command } };
}

/** The command of a message: its text, or the `command` of a command button's submit. */
export function commandText(text: string | undefined, value: unknown): string {
  if (text?.trim()) return text;
  const command = (value as { command?: unknown } | undefined)?.command;
  return typeof command === 'string' ? command.slice(0, 200) : (text ?? '');
}

/** Commands whose usage is typed as is (no "<name>" or "P1…P5" to fill in), so a button can send them. */
export function isTypedAsIs(usage: string): boolean {
  return !/[‹…]/.test(usage);
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
