export type CardAction = { type: string; title: string; verb?: string; data?: Record<string, unknown> };

/** Every action on a card, wherever it sits (card actions, ActionSets, fallbacks), never inside a button's data. */
export function allActions(card: unknown): CardAction[] {
  const found: CardAction[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Action.')) found.push(o as unknown as CardAction);
      for (const [key, value] of Object.entries(o)) if (key !== 'data') walk(value);
    }
  };
  walk(card);
  return found;
}

export type ExecuteAction = { type: string; verb: string; title: string; data: Record<string, string> };

/** Every Action.Execute on a card, including those in ActionSets inside the body. */
export function actionsOf(card: unknown): ExecuteAction[] {
  return allActions(card).filter((a) => a.type === 'Action.Execute') as unknown as ExecuteAction[];
}
