/**
 * The Resource Graph query over `securityresources` that the sandbox understands: the assessments of one
 * recommendation (by display name), each as the assessed resource id and its status code, as Microsoft's
 * Defender for Cloud docs query them (reference §4):
 *
 *   securityresources | where type == 'microsoft.security/assessments'
 *   | where properties.displayName == '<recommendation>'
 *   | extend resourceId = tostring(coalesce(properties.resourceDetails.Id, properties.resourceDetails.id)),
 *     statusCode = tostring(properties.status.code)
 *   [| where statusCode != '<code>' | where statusCode == '<code>']  [| project <columns>]  [| order by <column> [asc|desc]]
 *
 * Anything else gets Resource Graph's 400 (InvalidQuery).
 */
import { assessmentsOf } from './assessment-model';
import { metadataOf } from './assessment-catalog';
import type { SandboxContext } from './context';
import { invalidQuery } from './resource-graph-query';
import type { ScenarioSubscription } from './scenario';

const COLUMNS = ['resourceId', 'statusCode', 'subscriptionId'] as const;
type Column = (typeof COLUMNS)[number];
type Row = Record<Column, string>;

export interface SecurityQuery {
  displayName: string;
  statusFilters: { equal: boolean; code: string }[];
  columns: Column[];
  orderBy?: { column: Column; descending: boolean };
}

const BASE = /^securityresources \| where type (?:==|=~) (['"])microsoft\.security\/assessments\1$/i;
const DISPLAY_NAME = /^where properties\.displayName == (['"])(.+)\1$/;
const EXTEND =
  'extend resourceId = tostring(coalesce(properties.resourceDetails.Id, properties.resourceDetails.id)), statusCode = tostring(properties.status.code)';
const STATUS = /^where statusCode (==|!=) (['"])(\w+)\2$/;
const PROJECT = /^project (.+)$/;
const ORDER = /^(?:order|sort) by (\w+)(?: (asc|desc))?$/;

const column = (name: string): Column | undefined => COLUMNS.find((c) => c === name.trim());

export function isSecurityQuery(text: string): boolean {
  return /^\s*securityresources\b/i.test(text);
}

export function parseSecurityQuery(text: string): SecurityQuery {
  const stages = text.split('|').map((s) => s.trim().replace(/\s+/g, ' '));
  const displayName = DISPLAY_NAME.exec(stages[2] ?? '')?.[2];
  if (!BASE.test(stages.slice(0, 2).join(' | ')) || displayName === undefined || stages[3] !== EXTEND)
    throw invalidQuery(text);
  const query: SecurityQuery = { displayName, statusFilters: [], columns: [...COLUMNS] };
  for (const stage of stages.slice(4)) {
    const status = STATUS.exec(stage);
    const project = PROJECT.exec(stage);
    const order = ORDER.exec(stage);
    if (status) query.statusFilters.push({ equal: status[1] === '==', code: status[3] ?? '' });
    else if (project) {
      const names = (project[1] ?? '').split(',').map(column);
      if (names.some((c) => c === undefined)) throw invalidQuery(text);
      query.columns = names as Column[];
    } else if (order && column(order[1] ?? '')) {
      query.orderBy = { column: column(order[1] ?? '') as Column, descending: order[2] === 'desc' };
    } else throw invalidQuery(text);
  }
  return query;
}

/** Every row of the query over these subscriptions, ordered as asked (by resource id otherwise: stable pages). */
export function securityRows(
  ctx: SandboxContext,
  subscriptions: readonly ScenarioSubscription[],
  query: SecurityQuery,
): Record<string, string>[] {
  const rows: Row[] = [];
  for (const subscription of subscriptions)
    for (const record of assessmentsOf(ctx, subscription)) {
      if (metadataOf(record.key)?.displayName !== query.displayName) continue;
      if (!query.statusFilters.every((f) => (record.code === f.code) === f.equal)) continue;
      rows.push({
        resourceId: record.resourceId,
        statusCode: record.code,
        subscriptionId: subscription.subscriptionId,
      });
    }
  const order = query.orderBy ?? { column: 'resourceId', descending: false };
  const sign = order.descending ? -1 : 1;
  rows.sort((a, b) => sign * a[order.column].toLowerCase().localeCompare(b[order.column].toLowerCase()));
  return rows.map((row) => Object.fromEntries(query.columns.map((c) => [c, row[c]])));
}
