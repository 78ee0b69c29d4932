/**
 * The Resource Graph queries the sandbox understands: `Resources | where type =~ 'microsoft.apimanagement/service'`,
 * optionally followed by `| project <columns>` and `| order by id [asc|desc]`. Anything else is answered with
 * Resource Graph's own 400 (InvalidQuery), as a query Azure could not parse would be.
 */
import { randomUUID } from 'node:crypto';
import { ArmError } from './arm-errors';

export const GRAPH_COLUMNS = [
  'id',
  'name',
  'type',
  'tenantId',
  'kind',
  'location',
  'resourceGroup',
  'subscriptionId',
  'managedBy',
  'sku',
  'plan',
  'properties',
  'tags',
  'identity',
  'zones',
  'extendedLocation',
] as const;
export type GraphColumn = (typeof GRAPH_COLUMNS)[number];

export interface GraphQuery {
  /** Columns to return, in order; undefined = every column. */
  columns?: GraphColumn[];
  descending: boolean;
}

const BASE = /^resources\s*\|\s*where\s+type\s*=~\s*(['"])microsoft\.apimanagement\/service\1$/i;
const PROJECT = /^project\s+(.+)$/;
const ORDER = /^(?:order|sort)\s+by\s+id(?:\s+(asc|desc))?$/;

export function parseGraphQuery(text: string): GraphQuery {
  const stages = text
    .trim()
    .split('|')
    .map((s) => s.trim().replace(/\s+/g, ' '));
  const base = stages.slice(0, 2).join(' | ');
  if (!BASE.test(base)) throw invalidQuery(text);
  const query: GraphQuery = { descending: false };
  for (const stage of stages.slice(2)) {
    const project = PROJECT.exec(stage);
    const order = ORDER.exec(stage);
    if (project && query.columns === undefined) {
      const names = (project[1] ?? '').split(',').map((c) => c.trim());
      const known = names.map((n) => GRAPH_COLUMNS.find((c) => c.toLowerCase() === n.toLowerCase()));
      if (known.some((c) => c === undefined)) throw invalidQuery(text);
      query.columns = known as GraphColumn[];
    } else if (order) {
      query.descending = order[1] === 'desc';
    } else {
      throw invalidQuery(text);
    }
  }
  return query;
}

/** Resource Graph's answer to a query it cannot run (BadRequest with InvalidQuery in details). */
export function invalidQuery(query: string): ArmError {
  const error = new ArmError(
    400,
    'BadRequest',
    `Please provide below info when asking for support: timestamp = ${new Date().toISOString()}, correlationId = ${randomUUID()}.`,
  );
  error.details = [
    {
      code: 'InvalidQuery',
      message:
        'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.',
    },
    { code: 'UnsupportedQuery', message: `The Azure sandbox does not simulate this query: ${query.slice(0, 200)}` },
  ];
  return error;
}
