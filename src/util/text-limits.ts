/**
 * Bounds on text that came from outside (a person's message, an Azure error): what we quote back, log or compare is
 * cut to a known size, so a huge input can neither make a reply Teams refuses nor block the event loop.
 */

/** Longest piece of a person's own text we quote back in a reply, in characters. */
export const MAX_QUOTED_CHARS = 80;

/** Cuts text to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** A person's text as we quote it back: one line, cut to MAX_QUOTED_CHARS. */
export function quoted(text: string, max = MAX_QUOTED_CHARS): string {
  return truncate(
    text
      .slice(0, max * 4)
      .replace(/[\s\u00a0]+/g, ' ')
      .trim(),
    max,
  );
}
