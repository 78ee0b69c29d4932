/**
 * Riskiest onboarded APIs first, for the insights card. The rule, key by key (each descending unless noted):
 *  1. exposure = min(unauthenticated, external): at most this many endpoints are both reachable without
 *     authentication and used from the internet — the likeliest way in;
 *  2. sensitive: endpoints exposing sensitive data;
 *  3. unauthenticated;
 *  4. external;
 *  5. endpoints: a larger surface;
 *  6. display name, then service id (ascending), so equal APIs keep a stable order.
 */
import type { ApiCollection } from './onboarding-types';

const exposure = (c: ApiCollection): number => Math.min(c.unauthenticated, c.external);

const KEYS: readonly ((c: ApiCollection) => number)[] = [
  exposure,
  (c) => c.sensitive,
  (c) => c.unauthenticated,
  (c) => c.external,
  (c) => c.endpoints,
];

export function riskOrder(collections: readonly ApiCollection[]): ApiCollection[] {
  return [...collections].sort((a, b) => {
    for (const key of KEYS) {
      const diff = key(b) - key(a);
      if (diff !== 0) return diff;
    }
    return a.displayName.localeCompare(b.displayName, 'en') || a.serviceId.localeCompare(b.serviceId, 'en');
  });
}
