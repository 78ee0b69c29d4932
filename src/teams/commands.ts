/**
 * The command table (interfaces.md §1): the single source for routing, the help card and "Did you mean …?".
 * Matching is case-insensitive on text whose @mention the router has already removed; extra spaces are ignored.
 */
import type { Role } from '../services/access-policy';

export const AUDIT_REFUSAL = 'The audit log is for approvers only. Ask one of them, or the person who runs this bot.';

export type CommandName =
  | 'help'
  | 'estimate'
  | 'estimateAll'
  | 'status'
  | 'enablePlan'
  | 'onboard'
  | 'onboarded'
  | 'alertsOn'
  | 'alertsOff'
  | 'alertsStatus'
  | 'subscriptions'
  | 'useSubscription'
  | 'audit'
  | 'approvalsHere'
  | 'bind'
  | 'unbind'
  | 'bindings';

export interface CommandSpec {
  name: CommandName;
  /** Canonical spelling shown in help. */
  usage: string;
  summary: string;
  /** Whole-text patterns; group 1, if any, is the argument. */
  patterns: RegExp[];
  /** Who may use it (checked by the access policy before the handler runs), and what others are told. */
  access?: { role: Role; refusal?: string };
}

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'help', usage: 'help', summary: 'What I can do.', patterns: [/^(?:help|\?|commands)$/] },
  {
    name: 'estimate',
    usage: 'estimate traffic',
    summary: '30-day API Management traffic and what each of the five Defender for APIs plans would cost.',
    patterns: [/^estimate(?: traffic)?$/, /^compare plans?$/, /^recommend(?: a)? plan$/],
  },
  {
    name: 'estimateAll',
    usage: 'estimate traffic all',
    summary: 'Every subscription at once: traffic, current and cheapest plan, and what switching would save.',
    patterns: [/^estimate(?: traffic)? all(?: subscriptions)?$/, /^compare plans? all$/],
  },
  {
    name: 'status',
    usage: 'status',
    summary: 'Current plan, month-to-date traffic against its entitlement, projection to month end.',
    patterns: [/^status$/],
  },
  {
    name: 'enablePlan',
    usage: 'enable plan P1…P5',
    summary: 'Asks the approvers to switch the subscription to that plan.',
    patterns: [/^enable plan\s*(.*)$/, /^enable (p\s*[1-5]|plan\s*[1-5])$/],
  },
  {
    name: 'onboard',
    usage: 'onboard unhealthy APIs',
    summary: 'APIs not yet onboarded to Defender for APIs, with Fix buttons (needs approval).',
    patterns: [/^onboard(?: unhealthy)?(?: apis?)?$/, /^fix unhealthy apis?$/],
  },
  {
    name: 'onboarded',
    usage: 'onboarded APIs',
    summary: 'Onboarded APIs with their security insights (also: insights).',
    patterns: [/^onboarded(?: apis?)?$/, /^insights$/],
  },
  {
    name: 'alertsOn',
    usage: 'alerts on',
    summary: "Alert this chat when usage nears the plan's entitlement.",
    patterns: [/^alerts? on$/],
  },
  {
    name: 'alertsOff',
    usage: 'alerts off',
    summary: 'Stop entitlement alerts in this chat.',
    patterns: [/^alerts? off$/],
  },
  {
    name: 'alertsStatus',
    usage: 'alerts status',
    summary: 'Whether this chat gets alerts, and the thresholds.',
    patterns: [/^alerts?(?: status)?$/],
  },
  {
    name: 'subscriptions',
    usage: 'subscriptions',
    summary: 'The Azure subscriptions this chat may use, and the one it works on.',
    patterns: [/^(?:list )?subscriptions?$/],
  },
  {
    name: 'useSubscription',
    // ‹…› rather than <…>: Teams and the Playground drop text in angle brackets as if it were HTML.
    usage: 'use subscription ‹name or id›',
    summary: 'Choose the subscription this chat works on.',
    patterns: [/^use subscription\s+(.+)$/, /^use\s+(.+)$/],
  },
  {
    name: 'approvalsHere',
    usage: 'approvals here',
    summary: 'Post every approval request in this chat or channel, where the approvers are (approvers only).',
    patterns: [/^approvals? here$/],
    access: { role: 'approver', refusal: 'Only an approver can choose where approval requests are posted.' },
  },
  {
    name: 'audit',
    usage: 'audit',
    summary: 'The audit log, newest first, with paging; sent only to you (approvers only).',
    patterns: [/^audit(?: log)?$/],
    access: { role: 'approver', refusal: AUDIT_REFUSAL },
  },
  {
    name: 'bind',
    usage: 'bind subscription <name or id>',
    summary: 'Let this chat work on that subscription (admins only; with ACCESS_MODE=bound).',
    patterns: [/^bind subscription\s+(.+)$/, /^bind\s+(.+)$/],
    access: { role: 'admin' },
  },
  {
    name: 'unbind',
    usage: 'unbind subscription <name or id>',
    summary: 'Stop this chat working on that subscription (admins only).',
    patterns: [/^unbind subscription\s+(.+)$/, /^unbind\s+(.+)$/],
    access: { role: 'admin' },
  },
  {
    name: 'bindings',
    usage: 'bindings',
    summary: 'The subscriptions bound to this chat, and who bound them (admins only).',
    patterns: [/^bindings?$/],
    access: { role: 'admin' },
  },
];

export interface ParsedCommand {
  spec: CommandSpec;
  argument: string;
}

/** Lower-cases, trims and folds runs of white space (incl. non-breaking spaces Teams inserts around mentions). */
export function normalize(text: string): string {
  return text
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toLowerCase();
}

export function parseCommand(text: string): ParsedCommand | undefined {
  const normalized = normalize(text);
  for (const spec of COMMANDS) {
    for (const pattern of spec.patterns) {
      const match = pattern.exec(normalized);
      if (match) {
        // Arguments keep their original case (subscription names), so cut them out of the original text.
        const original = text.replace(/[\s\u00a0]+/g, ' ').trim();
        const arg = match[1] ? original.slice(original.length - match[1].length).trim() : '';
        return { spec, argument: arg };
      }
    }
  }
  return undefined;
}
