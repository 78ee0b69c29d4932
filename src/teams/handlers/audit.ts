import type { TurnContext } from 'botbuilder';
import type { AuditEntry } from '../../services/audit-log';
import { renderCard } from '../cards/render';
import type { BotDeps } from '../deps';
import { sendCard } from '../turn';

export const AUDIT_SHOWN = 20;

function entryView(e: AuditEntry) {
  const who = e.actor.name;
  return {
    headline: `${e.time.slice(0, 16).replace('T', ' ')} UTC · ${e.action} · ${e.outcome}`,
    details: `${who} · ${e.target}${e.subscriptionId ? ` · subscription ${e.subscriptionId}` : ''} · ref ${e.correlationId.slice(0, 8)}${e.detail ? ` · ${e.detail}` : ''}`,
  };
}

/** `audit`: the last 20 entries, for approvers only (the command table's access rule; the log names people). */
export async function showAudit(ctx: TurnContext, deps: BotDeps): Promise<void> {
  const entries = await deps.audit.recent(AUDIT_SHOWN);
  await sendCard(
    ctx,
    renderCard('audit', { count: entries.length, entries: entries.map(entryView) }, { sandbox: deps.runtime.sandbox }),
  );
}
