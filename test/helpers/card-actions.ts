export type CardAction = { type: string; verb: string; title: string; data: Record<string, string> };

/** Every Action.Execute on a card, including those in ActionSets inside the body. */
export function actionsOf(card: unknown): CardAction[] {
  const found: CardAction[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute') found.push(o as unknown as CardAction);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}
