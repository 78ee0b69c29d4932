/**
 * One tenant, two ways: Microsoft's example responses (fixtures, served by ContractServer) and the sandbox with a
 * scenario describing the same tenant. The Azure-layer contract runs against both, so the sandbox cannot drift from
 * what Microsoft documents.
 */
import type { AzureConnection } from '../../src/azure/connection';
import { sandboxCredential } from '../../src/sandbox/tokens';
import { sandboxWith } from '../helpers/sandbox-connection';
import { ContractServer, fixtureAnswer, type ScriptedRoute } from './contract-server';

export const SUB = '00000000-0000-0000-0000-000000000000';
export const SUB2 = '72ac930a-f34e-42d8-b06d-dc2a9e12ed71';
export const PREMIUM = 'OGF-Z3-06162021-Premium';
export const CONSUMPTION = 'vvktestcons';
export const PREMIUM_ID = `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.ApiManagement/service/${PREMIUM}`;
export const CONSUMPTION_ID = `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.ApiManagement/service/${CONSUMPTION}`;
/** The three complete days the metrics fixtures cover. */
export const WINDOW = { start: new Date('2021-04-18T00:00:00Z'), end: new Date('2021-04-21T00:00:00Z') };
export const FAST_RETRY = { maxRetries: 1, retryDelayInMs: 10, maxRetryDelayInMs: 20 };

export interface World {
  connection: AzureConnection;
  /** Requests the world served: method and path with query. */
  requests(): { method: string; path: string }[];
  close(): Promise<void>;
}

export interface WorldOptions {
  /** The metrics batch host answers 404, so the layer must fall back to per-resource metrics. */
  batchUnavailable?: boolean;
}

export type MakeWorld = (options?: WorldOptions) => Promise<World>;

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const q = '\\?';

/** The ARM and batch-host exchanges of the fixtures; tests of LRO shapes script their own. */
export function fixtureRoutes(baseUrl: string, options: WorldOptions = {}): ScriptedRoute[] {
  const premium = esc(PREMIUM_ID);
  const batch = fixtureAnswer('metrics.batch.json', 200);
  const consumptionItem = (batch.body as { values: { value: unknown[] }[] }).values[1]?.value ?? [];
  const perResource = fixtureAnswer('metrics.get.json', 200);
  return [
    {
      method: 'GET',
      path: new RegExp(`^/subscriptions${q}`),
      answers: [fixtureAnswer('subscriptions.list.json', 200)],
    },
    {
      method: 'GET',
      path: new RegExp(`^/subscriptions/${SUB}/providers/Microsoft\\.ApiManagement/service${q}`),
      answers: [fixtureAnswer('apim.services.list.json', 200)],
    },
    { method: 'GET', path: new RegExp(`^${premium}/apis${q}`), answers: [fixtureAnswer('apim.apis.list.json', 200)] },
    {
      method: 'POST',
      path: new RegExp(`^/_regions/eastus/subscriptions/${SUB}/metrics:getBatch${q}`),
      answers: [
        options.batchUnavailable ? { status: 404, body: { error: { code: 'NotFound', message: 'x' } } } : batch,
      ],
    },
    {
      method: 'GET',
      path: new RegExp(`^${premium}/providers/Microsoft\\.Insights/metrics${q}`),
      answers: [perResource],
    },
    {
      method: 'GET',
      path: new RegExp(`^${esc(CONSUMPTION_ID)}/providers/Microsoft\\.Insights/metrics${q}`),
      // The consumption service's series of the batch example, in the per-resource answer's envelope.
      answers: [{ status: 200, body: { ...(perResource.body as object), value: consumptionItem } }],
    },
    {
      method: 'GET',
      path: new RegExp(`^/subscriptions/${SUB}/providers/Microsoft\\.Security/pricings/Api${q}api-version=2024-01-01`),
      answers: [fixtureAnswer('pricings.get.2024-01-01.json', 200)],
    },
    {
      method: 'PUT',
      path: new RegExp(`^/subscriptions/${SUB}/providers/Microsoft\\.Security/pricings/Api${q}api-version=2024-01-01`),
      answers: [fixtureAnswer('pricings.put.2024-01-01.json', 200)],
    },
    {
      method: 'GET',
      path: new RegExp(`^/providers/Microsoft\\.Security/assessmentMetadata${q}`),
      answers: [fixtureAnswer('assessmentMetadata.list.json', 200)],
    },
    {
      method: 'GET',
      path: new RegExp(`^/subscriptions/${SUB}/providers/Microsoft\\.Security/assessments${q}`),
      answers: [fixtureAnswer('assessments.list.json', 200)],
    },
    {
      method: 'GET',
      path: new RegExp(`^/subscriptions/${SUB}/providers/Microsoft\\.Security/apiCollections${q}`),
      answers: [fixtureAnswer('apiCollections.list.json', 200)],
    },
    {
      method: 'GET',
      path: new RegExp(`^${premium}/providers/Microsoft\\.Security/apiCollections/echo-api${q}`),
      answers: [fixtureAnswer('apiCollections.get.json', 200)],
    },
    {
      method: 'PUT',
      path: new RegExp(`^${premium}/providers/Microsoft\\.Security/apiCollections/echo-api${q}`),
      answers: [fixtureAnswer('apiCollections.onboard.json', 200, baseUrl)],
    },
    {
      method: 'DELETE',
      path: new RegExp(`^${premium}/providers/Microsoft\\.Security/apiCollections/echo-api${q}`),
      answers: [fixtureAnswer('apiCollections.offboard.json', 200)],
    },
  ];
}

export function connectionTo(url: string, caPem: string, regionsUrl = url): AzureConnection {
  return {
    credential: sandboxCredential,
    armEndpoint: url,
    metricsEndpoint: (region) => `${regionsUrl}/_regions/${region}`,
    trustedCaPem: caPem,
    retry: FAST_RETRY,
  };
}

export const fixtureWorld: MakeWorld = async (options = {}) => {
  const server = await ContractServer.start();
  server.script(fixtureRoutes(server.url, options));
  return {
    connection: connectionTo(server.url, server.caCertificatePem),
    requests: () => server.requests.map(({ method, path }) => ({ method, path })),
    close: () => server.close(),
  };
};

/** The fixtures' tenant as a sandbox scenario. */
export function fixtureTenant(options: WorldOptions = {}) {
  const api = (name: string, displayName: string, path: string, extra: object = {}) => ({
    name,
    displayName,
    path,
    ...extra,
  });
  return {
    now: WINDOW.end.toISOString(),
    subscriptions: [
      {
        subscriptionId: SUB,
        displayName: 'Example Subscription',
        defenderForApis: { pricingTier: 'Standard', subPlan: 'P2' },
        apiManagementServices: [
          {
            name: PREMIUM,
            resourceGroup: 'rg1',
            location: 'eastus',
            sku: 'Premium',
            // 2021-04-18, -19, -20, and the day of `now` (no traffic yet).
            dailyRequests: [100, 0, 300, 0],
            apis: [
              api('a1', 'api1', 'api1'),
              api('5a73933b8f27f7cc82a2d533', 'api1', 'api1'),
              api('echo-api', 'Echo API', 'echo', {
                onboarded: true,
                insights: {
                  endpoints: 6,
                  inactive: 3,
                  unauthenticated: 1,
                  external: 3,
                  sensitive: 1,
                  sensitivityLabel: 'Highly Confidential',
                },
              }),
              api('5a7390baa5816a110435aee0', 'Swagger Petstore Extensive', 'vvv'),
            ],
          },
          {
            name: CONSUMPTION,
            resourceGroup: 'rg1',
            location: 'eastus',
            sku: 'Consumption',
            dailyRequests: [5, 5, 5, 0],
            apis: [api('cons-api', 'Cons API', 'cons')],
          },
        ],
      },
      { subscriptionId: SUB2, displayName: 'Example Subscription2' },
    ],
    faults: options.batchUnavailable ? [{ method: 'POST', pathRegex: 'metrics:getBatch', status: 404 }] : [],
  };
}

export const sandboxWorld: MakeWorld = async (options = {}) => {
  const { sandbox, connection } = await sandboxWith(fixtureTenant(options));
  return {
    connection: { ...connection, retry: FAST_RETRY },
    requests: () => sandbox.requests().map(({ method, path }) => ({ method, path })),
    close: () => sandbox.close(),
  };
};
