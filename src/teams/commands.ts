/**
 * The command table (interfaces.md §1): the single source for routing, the help card and "Did you mean …?".
 * Matching is case-insensitive on text whose @mention teams-ai has already removed; extra spaces are ignored.
 */
export type CommandName =
  | 'help'
  | 'estimate'
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
  | 'approvalsHere';

export interface CommandSpec {
  name: CommandName;
  /** Canonical spelling shown in help. */
  usage: string;
  summary: string;
  /** Whole-text patterns; group 1, if any, is the argument. */
  patterns: RegExp[];
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
    summary: 'The Azure subscriptions I can see, and the one this chat works on.',
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
  },
  {
    name: 'audit',
    usage: 'audit',
    summary: 'The last 20 audit log entries: requests, decisions and changes (approvers only).',
    patterns: [/^audit(?: log)?$/],
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
