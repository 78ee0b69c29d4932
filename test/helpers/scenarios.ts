import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const SUB_PROD = '11111111-1111-4111-8111-111111111111';
export const SUB_DEV = '22222222-2222-4222-8222-222222222222';

/** Midnight UTC, so "the last 30 complete days" are exactly the 30 entries before the last one. */
export const SCENARIO_NOW = '2026-11-20T00:00:00Z';

export interface ServiceSpec {
  name: string;
  location?: string;
  sku?: string;
  /** Requests on each of the 30 complete days before today (the day of `now` gets 0). */
  perDay?: number;
  dailyRequests?: number[] | { perDay: number };
  apis?: unknown[];
}

/** A service whose 30-day total is exactly 30 × perDay: 30 days of traffic, then today (the last entry) at 0. */
export function service(spec: ServiceSpec) {
  return {
    name: spec.name,
    resourceGroup: 'rg-apis',
    location: spec.location ?? 'eastus',
    sku: spec.sku ?? 'Premium',
    dailyRequests: spec.dailyRequests ?? [...Array<number>(30).fill(spec.perDay ?? 0), 0],
    apis: spec.apis ?? [{ name: `${spec.name}-api`, displayName: `${spec.name} API`, path: spec.name }],
  };
}

export function subscription(id: string, displayName: string, services: unknown[], defenderForApis?: object) {
  return { subscriptionId: id, displayName, defenderForApis, apiManagementServices: services };
}

export function scenario(subscriptions: unknown[], extra: object = {}) {
  return { now: SCENARIO_NOW, subscriptions, ...extra };
}

/** Writes a scenario into a fresh temp folder; returns the file and the folder (use it as DATA_DIR too). */
export async function writeScenario(content: object): Promise<{ file: string; dir: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'defender-bot-'));
  const file = path.join(dir, 'scenario.json');
  await writeFile(file, JSON.stringify(content, null, 2));
  return { file, dir };
}
