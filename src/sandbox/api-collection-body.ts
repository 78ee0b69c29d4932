/**
 * The Microsoft.Security/apiCollections resource of an onboarded API (reference §2.5), with security insight counters
 * that are believable and stable: derived from a hash of the service and API names unless the scenario's API sets
 * them in `insights`.
 */
import { createHash } from 'node:crypto';
import type { ApiTarget } from './onboarding-model';
import type { ApiInsights } from './scenario';

export const API_COLLECTIONS_TYPE = 'Microsoft.Security/apiCollections';
/** The api-version that added provisioningState, sensitivityLabel and the long-running onboarding. */
export const STABLE_API_VERSION = '2023-11-15';
const LABELS = ['General', 'Confidential', 'Highly Confidential'];

export type ProvisioningState = 'Succeeded' | 'InProgress';

/** Counters for an API; every count is at most `endpoints`. */
export function insightsOf({ ref, api }: ApiTarget): Required<ApiInsights> {
  const bytes = createHash('sha256').update(`${ref.service.name}/${api.name}`.toLowerCase()).digest();
  const byte = (i: number): number => bytes[i] ?? 0;
  const given = api.insights ?? {};
  // 3 to 24 endpoints, about a third inactive at most, a few unauthenticated, roughly half seen from the internet.
  const endpoints = given.endpoints ?? 3 + (byte(0) % 22);
  const upTo = (max: number, i: number): number => Math.min(endpoints, byte(i) % (Math.floor(max) + 1));
  const sensitive = given.sensitive ?? upTo(endpoints / 5, 4);
  return {
    endpoints,
    inactive: given.inactive ?? upTo(endpoints / 3, 1),
    unauthenticated: given.unauthenticated ?? upTo(endpoints / 4, 2),
    external: given.external ?? Math.min(endpoints, Math.round((endpoints * (byte(3) % 101)) / 100)),
    sensitive,
    sensitivityLabel: given.sensitivityLabel ?? (sensitive > 0 ? (LABELS[byte(5) % LABELS.length] ?? '') : ''),
  };
}

export function collectionId(target: ApiTarget): string {
  return `${target.ref.id}/providers/${API_COLLECTIONS_TYPE}/${target.api.name}`;
}

/** The wire body; the 2022-11-20-preview shape has no provisioningState and no sensitivityLabel. */
export function collectionBody(target: ApiTarget, apiVersion: string, provisioningState: ProvisioningState) {
  const insights = insightsOf(target);
  const stable = apiVersion.toLowerCase() === STABLE_API_VERSION;
  const path = target.api.path.replace(/^\/+/, '');
  return {
    id: collectionId(target),
    name: target.api.name,
    type: API_COLLECTIONS_TYPE,
    properties: {
      ...(stable ? { provisioningState } : {}),
      displayName: target.api.displayName,
      discoveredVia: target.ref.id,
      baseUrl: `https://${target.ref.service.name.toLowerCase()}.azure-api.net${path === '' ? '' : `/${path}`}`,
      numberOfApiEndpoints: insights.endpoints,
      numberOfInactiveApiEndpoints: insights.inactive,
      numberOfUnauthenticatedApiEndpoints: insights.unauthenticated,
      numberOfExternalApiEndpoints: insights.external,
      numberOfApiEndpointsWithSensitiveDataExposed: insights.sensitive,
      ...(stable && insights.sensitivityLabel !== '' ? { sensitivityLabel: insights.sensitivityLabel } : {}),
      ...(stable ? {} : { additionalData: {} }),
    },
  };
}
