import type { TurnContext } from 'botbuilder';
import {
  AUDIT_FILTERS,
  AUDIT_PAGE_SIZE,
  type AuditFilter,
  type AuditItem,
  type AuditPage,
} from '../../services/audit-view';
import { AppError } from '../../errors/app-error';
import { callerOf } from '../access-gate';
import { AUDIT_REFUSAL } from '../commands';
import { renderCard, type CardJson } from '../cards/render';
import type { BotDeps } from '../deps';
import { sendCard } from '../turn';
import type { ActionData } from './action-data';

/** Pages reachable with the buttons: 100 × 10 entries, far more than a person pages through. */
const MAX_PAGE = 100;

const minute = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function itemView({ entry: e, count, since }: AuditItem) {
  const times = count > 1 ? ` · ×${count}${since ? ` since ${minute(since)}` : ''}` : '';
  return {
    headline: `${minute(e.time)} · ${e.action} · ${e.outcome}${times}`,
    details: `${e.actor.name} · ${e.target}${e.subscriptionId ? ` · subscription ${e.subscriptionId}` : ''} · ref ${e.correlationId.slice(0, 8)}${e.detail ? ` · ${e.detail}` : ''}`,
  };
}

export function auditCard(page: AuditPage, sandbox: boolean): CardJson {
  const changes = page.filter === 'changes';
  const data = {
    title: changes ? 'Audit log: requests, decisions and changes' : 'Audit log: everything, refusals included',
    subtitle: `Newest first, page ${page.page + 1} (${AUDIT_PAGE_SIZE} a page). Only you can see this.${changes ? ' Refused clicks and commands are hidden.' : ' Repeated refusals are folded into one line with their count.'}`,
    empty: page.page > 0 ? 'No more entries.' : 'Nothing has been recorded yet.',
    count: page.items.length,
    entries: page.items.map(itemView),
    truncated: page.truncated,
    filter: page.filter,
    hasPrevious: page.page > 0,
    previousPage: page.page - 1,
    hasNext: page.hasNext && page.page < MAX_PAGE,
    nextPage: page.page + 1,
    toggleTitle: changes ? 'Show refusals too' : 'Hide refusals',
    toggleFilter: changes ? 'all' : 'changes',
  };
  return renderCard('audit', data, { sandbox });
}

/**
 * `audit` (approvers only, by the command table): answered only to the approver who asked. In a personal chat it is
 * the reply; in a group chat or channel it goes to the approver's personal chat with the bot, never to the room.
 */
export async function showAudit(ctx: TurnContext, deps: BotDeps): Promise<void> {
  const card = auditCard(await deps.auditView.page(0, 'changes'), deps.runtime.sandbox);
  if ((ctx.activity.conversation.conversationType ?? 'personal') === 'personal') return sendCard(ctx, card);
  const name = ctx.activity.from?.name ?? 'you';
  if (await deps.runtime.sendPersonally(ctx, card)) {
    await ctx.sendActivity(`${name}, I sent you the audit log in our personal chat, so only you can read it.`);
    return;
  }
  await ctx.sendActivity(
    `${name}, I could not message you personally, and I don't show the audit log here because everyone in this chat could read it. Open a personal chat with me and type "audit" there.`,
  );
}

/** Next / Previous / the filter button on the audit card: the next page replaces the card for the one who clicked. */
export async function auditPageAction(ctx: TurnContext, deps: BotDeps, data: ActionData): Promise<CardJson> {
  await deps.access.require(callerOf(ctx), 'approver', 'audit', AUDIT_REFUSAL);
  const page = Number(data.page);
  const filter = data.filter as AuditFilter;
  if (!Number.isInteger(page) || page < 0 || page > MAX_PAGE || !AUDIT_FILTERS.includes(filter))
    throw new AppError('forged_action', 'That button sent data I did not expect. Type "audit" for a fresh card.');
  return auditCard(await deps.auditView.page(page, filter), deps.runtime.sandbox);
}
