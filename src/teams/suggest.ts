import { COMMANDS, normalize } from './commands';

/**
 * Only this much of what was typed is compared (characters): longer than any command, short enough that the
 * quadratic edit distance stays in microseconds whatever the message size.
 */
export const SUGGEST_PREFIX_CHARS = 64;

/** Edit distance (insertions, deletions, substitutions), for "Did you mean …?". */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The command whose usage is closest to what was typed, when it is close enough to be a plausible typo. */
export function closestCommand(text: string): string | undefined {
  // Cut before normalizing, so nothing here walks a megabyte of text.
  const typed = normalize(text.slice(0, SUGGEST_PREFIX_CHARS * 4)).slice(0, SUGGEST_PREFIX_CHARS);
  if (!typed) return undefined;
  let best: { usage: string; distance: number } | undefined;
  for (const spec of COMMANDS) {
    // Compare with the fixed words only: "use subscription <name or id>" → "use subscription".
    const words = spec.usage
      .toLowerCase()
      .replace(/\s*‹.*›$/, '')
      .replace(/ p1…p5$/, '');
    const distance = editDistance(typed, words);
    if (!best || distance < best.distance) best = { usage: spec.usage, distance };
  }
  // Allow about one typo per three characters, and at least two: "estmate trafic" → "estimate traffic".
  return best && best.distance <= Math.max(2, Math.floor(typed.length / 3)) ? best.usage : undefined;
}
