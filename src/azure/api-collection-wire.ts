import type { ApiCollection } from '../domain/onboarding-types';

/** Microsoft.Security/apiCollections as it comes over the wire (reference §2.5). */
export interface ApiCollectionWire {
  id?: string;
  name?: string;
  properties?: {
    provisioningState?: string;
    displayName?: string;
    discoveredVia?: string;
    baseUrl?: string;
    numberOfApiEndpoints?: number;
    numberOfInactiveApiEndpoints?: number;
    numberOfUnauthenticatedApiEndpoints?: number;
    numberOfExternalApiEndpoints?: number;
    numberOfApiEndpointsWithSensitiveDataExposed?: number;
    sensitivityLabel?: string;
  };
}

const COLLECTION_SUFFIX = /\/providers\/Microsoft\.Security\/apiCollections\/[^/]+$/i;

/**
 * The APIM API id Defender for APIs onboards: the API's name without a non-current revision's ";rev=n" suffix
 * (onboarding covers every revision; Microsoft's onboarding script strips it the same way).
 */
export function collectionApiId(apiName: string): string {
  return apiName.replace(/;.*$/, '');
}

/** Our ApiCollection, or undefined for an item without an id (nothing to show or act on). */
export function toApiCollection(wire: ApiCollectionWire): ApiCollection | undefined {
  if (!wire.id || !wire.name) return undefined;
  const p = wire.properties ?? {};
  const serviceId = COLLECTION_SUFFIX.test(wire.id) ? wire.id.replace(COLLECTION_SUFFIX, '') : (p.discoveredVia ?? '');
  return {
    serviceId,
    apiName: wire.name,
    displayName: p.displayName || wire.name,
    baseUrl: p.baseUrl ?? '',
    endpoints: p.numberOfApiEndpoints ?? 0,
    inactive: p.numberOfInactiveApiEndpoints ?? 0,
    unauthenticated: p.numberOfUnauthenticatedApiEndpoints ?? 0,
    external: p.numberOfExternalApiEndpoints ?? 0,
    sensitive: p.numberOfApiEndpointsWithSensitiveDataExposed ?? 0,
    ...(p.sensitivityLabel ? { sensitivityLabel: p.sensitivityLabel } : {}),
    // The preview api-version had no provisioningState; a collection that is listed exists.
    provisioningState: p.provisioningState ?? 'Succeeded',
  };
}
