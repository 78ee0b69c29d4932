const SUBSCRIPTION = /(?:^|\/)subscriptions\/([^/]+)/i;
const RESOURCE_GROUP = /(?:^|\/)resourcegroups\/([^/]+)/i;

/**
 * Parts of an ARM resource id we need. Segment names compare case-insensitively, as ARM does. It runs for every
 * service of a listing (10,000 in a large tenant), several times: no split() and lower-casing of every segment.
 */
export function parseResourceId(id: string): { subscriptionId: string; resourceGroup: string; name: string } {
  return {
    subscriptionId: SUBSCRIPTION.exec(id)?.[1] ?? '',
    resourceGroup: RESOURCE_GROUP.exec(id)?.[1] ?? '',
    name: lastSegmentOf(id),
  };
}

/** By index, not by a regular expression anchored at the end: one of those retried at every position of the id. */
function lastSegmentOf(id: string): string {
  let end = id.length;
  while (end > 0 && id.charCodeAt(end - 1) === 47 /* '/' */) end -= 1;
  return id.slice(id.lastIndexOf('/', end - 1) + 1, end);
}

/** The subscription an ARM resource id names ("" when none), as spelled in the id. */
export function subscriptionIdOf(id: string): string {
  return SUBSCRIPTION.exec(id)?.[1] ?? '';
}

/** "East US" (the display form ARM returns for APIM) → "eastus" (the form the metrics batch host needs). */
export function regionName(location: string): string {
  return location.toLowerCase().replace(/\s+/g, '');
}

/** An APIM service in our vocabulary from what ARM and Resource Graph both return; undefined without id or name. */
export function apimServiceOf(s: {
  id?: string;
  name?: string;
  location?: string;
  sku?: { name?: string } | null;
}): import('../domain/azure-types').ApimService | undefined {
  if (!s.id || !s.name) return undefined;
  return {
    id: s.id,
    name: s.name,
    resourceGroup: parseResourceId(s.id).resourceGroup,
    region: regionName(s.location ?? ''),
    sku: s.sku?.name ?? 'Unknown',
  };
}
