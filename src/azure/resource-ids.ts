/** Parts of an ARM resource id we need. Segment names compare case-insensitively, as ARM does. */
export function parseResourceId(id: string): { subscriptionId: string; resourceGroup: string; name: string } {
  const parts = id.split('/').filter(Boolean);
  const after = (segment: string): string => {
    const i = parts.findIndex((p) => p.toLowerCase() === segment);
    return i >= 0 ? (parts[i + 1] ?? '') : '';
  };
  return { subscriptionId: after('subscriptions'), resourceGroup: after('resourcegroups'), name: parts.at(-1) ?? '' };
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
