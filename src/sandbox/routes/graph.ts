/**
 * Microsoft Graph v1.0 `POST /users/{id}/checkMemberGroups`, answered from the scenario's `graph` section: of the
 * group ids asked about, those the user is a member of, transitively (a member of a member group counts).
 */
import { ArmError } from '../arm-errors';
import type { Route } from '../context';
import type { ScenarioGraph } from '../scenario';

/** Graph checks at most 20 groups per request. */
const MAX_GROUP_IDS = 20;

/** Every group the object is in, directly or through nested groups (cycles are tolerated). */
export function transitiveGroups(graph: ScenarioGraph | undefined, objectId: string): Set<string> {
  const groups = graph?.groups ?? [];
  const found = new Set<string>();
  const queue = [objectId.toLowerCase()];
  while (queue.length > 0) {
    const member = queue.shift() as string;
    for (const group of groups) {
      const id = group.id.toLowerCase();
      if (!found.has(id) && group.members.some((m) => m.toLowerCase() === member)) {
        found.add(id);
        queue.push(id);
      }
    }
  }
  return found;
}

function groupIdsOf(body: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ArmError(400, 'BadRequest', 'Unable to read JSON request payload.');
  }
  const ids = (parsed as { groupIds?: unknown } | null)?.groupIds;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string'))
    throw new ArmError(400, 'Request_BadRequest', "The 'groupIds' parameter must be a collection of strings.");
  if (ids.length > MAX_GROUP_IDS)
    throw new ArmError(400, 'Request_BadRequest', `At most ${MAX_GROUP_IDS} groupIds can be checked in one request.`);
  return ids as string[];
}

export const graphRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1.0/users/{userId}/checkMemberGroups',
    apiVersions: [],
    quota: 'reads',
    handle: (req, ctx) => {
      const member = transitiveGroups(ctx.scenario.graph, req.params.userId ?? '');
      const value = groupIdsOf(req.body).filter((id) => member.has(id.toLowerCase()));
      return {
        body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(Edm.String)', value },
      };
    },
  },
];
