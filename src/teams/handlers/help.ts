import type { TurnContext } from 'botbuilder';
import { COMMANDS } from '../commands';
import { renderCard } from '../cards/render';
import type { BotDeps } from '../deps';
import { sendCard } from '../turn';

/** The help card, built from the command table so it can never drift from what the bot understands. */
export async function sendHelp(ctx: TurnContext, deps: BotDeps, intro = ''): Promise<void> {
  const card = renderCard(
    'help',
    {
      title: 'Defender for APIs bot',
      intro,
      commands: COMMANDS.filter((c) => c.name !== 'help').map((c) => ({
        usage: c.usage,
        summary: c.summary,
      })),
      footer: "Commands work on this chat's Azure subscription. Changes to Azure always need an approver's OK.",
    },
    { sandbox: deps.runtime.sandbox },
  );
  await sendCard(ctx, card);
}
