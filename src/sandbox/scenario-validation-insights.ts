/** Validation of an API's optional `insights` overrides (scenario.ts ApiInsights); see scenario-validation.ts. */
import { childPath, describe, type Problems } from './validation';

const COUNTERS = ['endpoints', 'inactive', 'unauthenticated', 'external', 'sensitive'] as const;
const INSIGHT_KEYS = [...COUNTERS, 'sensitivityLabel'];
/** Far above any real API; only stops absurd numbers from reaching cards. */
const MAX_ENDPOINTS = 100_000;

export function checkInsights(p: Problems, value: unknown, path: string): void {
  if (value === undefined) return;
  const insights = p.object(value, path, INSIGHT_KEYS);
  if (insights === undefined) return;
  const counts = new Map<string, number>();
  for (const key of COUNTERS) {
    const count = p.number(insights, key, path, { min: 0, max: MAX_ENDPOINTS, integer: true });
    if (count !== undefined) counts.set(key, count);
  }
  p.string(insights, 'sensitivityLabel', path, false);
  const endpoints = counts.get('endpoints');
  if (endpoints === undefined) return;
  for (const [key, count] of counts) {
    if (count > endpoints) {
      p.add(childPath(path, key), `must be at most endpoints (${endpoints}), got ${describe(count)}`);
    }
  }
}
