import type { TurnContext } from 'botbuilder';
import { COMMANDS } from '../commands';
import { MENTION_NOTE, commandButton, isTypedAsIs, quickButtons } from '../cards/command-button';
import { renderCard, type CardJson } from '../cards/render';
import type { BotDeps } from '../deps';
import { sendCard } from '../turn';

/** The help card's data, built from the command table so it can never drift from what the bot understands. Pure. */
export function helpView(intro = '', suggestion?: string) {
  // "Did you mean" is a button when the command is typed as is; "use subscription <name>" needs its argument.
  const clickable = suggestion !== undefined && isTypedAsIs(suggestion);
  return {
    title: 'Defender for APIs bot',
    intro,
    hasSuggestion: clickable,
    suggestionButtons: clickable ? [{ ...commandButton(`Yes: ${suggestion}`, suggestion), style: 'positive' }] : [],
    // Two rows of three: renderers cap an action set at five buttons, and short rows fit a narrow column.
    quickButtonsFirstRow: quickButtons().slice(0, 3),
    quickButtonsSecondRow: quickButtons().slice(3),
    commands: COMMANDS.filter((c) => c.name !== 'help').map((c) => ({ usage: c.usage, summary: c.summary })),
    mentionNote: MENTION_NOTE,
    footer: "Commands work on this chat's Azure subscription. Changes to Azure always need an approver's OK.",
  };
}

/**
 * Help cards with a fixed intro (a plain `help`, an empty message), built once per intro and mode: the card depends
 * on nothing else, and expanding its template was most of what a `help` turn computed. Intros that quote what the
 * person typed (`fixedIntro` false) are rendered each time and not kept: the text is theirs and unbounded.
 */
const fixedCards = new Map<string, CardJson>();

export async function sendHelp(
  ctx: TurnContext,
  deps: BotDeps,
  intro = '',
  options: { suggestion?: string; fixedIntro?: boolean } = {},
): Promise<void> {
  const sandbox = deps.runtime.sandbox;
  const build = () => renderCard('help', helpView(intro, options.suggestion), { sandbox });
  if (options.fixedIntro === false) return sendCard(ctx, build());
  const key = `${sandbox}\n${intro}\n${options.suggestion ?? ''}`;
  let card = fixedCards.get(key);
  if (!card) fixedCards.set(key, (card = build()));
  await sendCard(ctx, card);
}
