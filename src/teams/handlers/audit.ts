import type { TurnContext } from 'botbuilder';
import type { AuditEntry } from '../../services/audit-log';
import { renderCard } from '../cards/render';
import type { BotDeps } from '../deps';
import { actorOf, sendCard } from '../turn';

export const AUDIT_SHOWN = 20;

function entryView(e: AuditEntry) {
  const who = e.actor.name;
  return {
    headline: `${e.time.slice(0, 16).replace('T', ' ')} UTC · ${e.action} · ${e.outcome}`,
    details: `${who} · ${e.target}${e.subscriptionId ? ` · subscription ${e.subscriptionId}` : ''} · ref ${e.correlationId.slice(0, 8)}${e.detail ? ` · ${e.detail}` : ''}`,
  };
}

/** `audit`: the last 20 entries, for approvers only (the log names people and changes). */
export async function showAudit(ctx: TurnContext, deps: BotDeps): Promise<void> {
  const actor = actorOf(ctx);
  if (!actor.aadObjectId || !deps.approvals.policy.approverIds.includes(actor.aadObjectId)) {
    await ctx.sendActivity('The audit log is for approvers only. Ask one of them, or the person who runs this bot.');
    return;
  }
  const entries = await deps.audit.recent(AUDIT_SHOWN);
  await sendCard(
    ctx,
    renderCard('audit', { count: entries.length, entries: entries.map(entryView) }, { sandbox: deps.runtime.sandbox }),
  );
}
