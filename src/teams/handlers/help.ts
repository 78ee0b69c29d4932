import type { TurnContext } from 'botbuilder';
import { COMMANDS } from '../commands';
import { renderCard, type CardJson } from '../cards/render';
import type { BotDeps } from '../deps';
import { sendCard } from '../turn';

/**
 * Help cards with a fixed intro (a plain `help`, an empty message), built once per intro and mode: the card depends
 * on nothing else, and expanding its template was most of what a `help` turn computed. Intros that quote what the
 * person typed are rendered each time (and not kept: the text is theirs and unbounded).
 */
const fixedCards = new Map<string, CardJson>();

function helpCard(intro: string, sandbox: boolean): CardJson {
  return renderCard(
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
    { sandbox },
  );
}

/** The help card, built from the command table so it can never drift from what the bot understands. */
export async function sendHelp(ctx: TurnContext, deps: BotDeps, intro = '', fixedIntro = true): Promise<void> {
  const sandbox = deps.runtime.sandbox;
  if (!fixedIntro) return sendCard(ctx, helpCard(intro, sandbox));
  const key = `${sandbox}\n${intro}`;
  let card = fixedCards.get(key);
  if (!card) fixedCards.set(key, (card = helpCard(intro, sandbox)));
  await sendCard(ctx, card);
}
