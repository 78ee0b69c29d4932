/** Validation of the scenario's optional `graph` section (Entra groups for Microsoft Graph); see scenario-validation.ts. */
import { childPath, describe, type Problems } from './validation';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkGraph(p: Problems, value: unknown): void {
  if (value === undefined) return;
  const graph = p.object(value, 'graph', ['groups']);
  if (graph === undefined) return;
  const seen = new Set<string>();
  p.array(graph, 'groups', 'graph', true)?.forEach((item, i) => {
    const path = childPath('graph.groups', i);
    const group = p.object(item, path, ['id', 'displayName', 'members']);
    if (group === undefined) return;
    const id = p.string(group, 'id', path, true, GUID, 'a GUID (the group object id)');
    if (id !== undefined && seen.has(id.toLowerCase())) p.add(childPath(path, 'id'), `repeats ${id}`);
    if (id !== undefined) seen.add(id.toLowerCase());
    p.string(group, 'displayName', path, false);
    p.array(group, 'members', path, true)?.forEach((member, j) => {
      if (typeof member !== 'string' || !GUID.test(member))
        p.add(
          childPath(childPath(path, 'members'), j),
          `must be a user or group object id (GUID), got ${describe(member)}`,
        );
    });
  });
}
