/** Scenario fixtures and a sandbox started on a temp data folder, with the sandbox clock frozen at scenario.now. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, type Scenario, startSandbox } from '../../../src/sandbox';

export const SUB_A = '11111111-1111-1111-1111-111111111111';
export const SUB_B = '22222222-2222-2222-2222-222222222222';
export const NOW = '2026-11-20T12:00:00Z';
export const NOW_MS = Date.parse(NOW);
export const DAY_MS = 86_400_000;
/** 00:00 UTC of the day that contains NOW. */
export const TODAY_MS = Date.parse('2026-11-20T00:00:00Z');

export function serviceId(sub: string, rg: string, name: string): string {
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ApiManagement/service/${name}`;
}

/** Two subscriptions; A has two services in eastus and one in westeurope, B one with steady traffic. */
export function basicScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    now: NOW,
    subscriptions: [
      {
        subscriptionId: SUB_A,
        displayName: 'Sub A',
        defenderForApis: { pricingTier: 'Standard', subPlan: 'P2' },
        apiManagementServices: [
          {
            name: 'apim-a1',
            resourceGroup: 'rg-a',
            location: 'eastus',
            sku: 'Premium',
            // 4 days; the last (1000) is the day that contains NOW.
            dailyRequests: [100, 200, 300, 1000],
            apis: [
              { name: 'orders-api', displayName: 'Orders API', path: 'orders' },
              { name: 'payments-api', displayName: 'Payments API', path: 'payments', onboarded: true },
            ],
          },
          { name: 'apim-a2', resourceGroup: 'rg-a', location: 'eastus', sku: 'Consumption', dailyRequests: [48] },
          {
            name: 'apim-a3',
            resourceGroup: 'rg-eu',
            location: 'westeurope',
            sku: 'Developer',
            dailyRequests: [24, 24],
          },
        ],
      },
      {
        subscriptionId: SUB_B,
        displayName: 'Sub B',
        apiManagementServices: [
          {
            name: 'apim-b1',
            resourceGroup: 'rg-b',
            location: 'eastus',
            sku: 'Basic',
            dailyRequests: { perDay: 86400 },
          },
        ],
      },
    ],
    ...overrides,
  };
}

export async function makeTempDir(prefix = 'sandbox-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function writeScenario(dir: string, scenario: unknown, file = 'scenario.json'): Promise<string> {
  const path = join(dir, file);
  await writeFile(path, JSON.stringify(scenario, null, 2));
  return path;
}

export interface Started {
  sandbox: Sandbox;
  dir: string;
  scenarioPath: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts a sandbox whose real-time source is frozen, so its clock stays exactly at scenario.now. */
export async function startWith(scenario: unknown): Promise<Started> {
  const dir = await makeTempDir();
  const scenarioPath = await writeScenario(dir, scenario);
  const dataDir = join(dir, 'data');
  const frozen = Date.now();
  const sandbox = await startSandbox({ scenarioPath, dataDir, realNow: () => frozen });
  return {
    sandbox,
    dir,
    scenarioPath,
    dataDir,
    stop: async () => {
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
