import type { Person } from './activities';
import type { TestBot } from './bot-harness';

type Card = { actions?: { title: string; verb: string; data: Record<string, unknown> }[] };

/** The first page of the audit log with refusals shown ("audit", then "Show refusals too"), as JSON text. */
export async function auditWithRefusals(bot: TestBot, from: Person, extra: object = {}): Promise<string> {
  await bot.say('audit', { from, ...extra });
  const card = bot.connector.cards().at(-1) as Card;
  const toggle = card.actions?.find((a) => a.title === 'Show refusals too');
  if (!toggle) throw new Error(`no "Show refusals too" button on ${JSON.stringify(card)}`);
  return JSON.stringify((await bot.click(toggle.verb, toggle.data, { from, ...extra })).body);
}
