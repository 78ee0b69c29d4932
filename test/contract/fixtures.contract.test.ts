/**
 * The real Azure layer against Microsoft's own example responses (fixtures/, each naming its path and commit in
 * Azure/azure-rest-api-specs): the shared contract, then the long-running onboarding in every shape the examples
 * and ARM's LRO rules allow, the token scope per host and the pricing PUT.
 */
import { ApiCollectionsApi } from '../../src/azure/api-collections';
import { SdkAzureReader } from '../../src/azure/azure-reader';
import { ECHO_COLLECTION, describeAzureLayerContract } from './azure-layer-contract';
import { ContractServer, fixtureAnswer, type Answer } from './contract-server';
import { CONSUMPTION_ID, PREMIUM_ID, SUB, WINDOW, connectionTo, fixtureRoutes, fixtureWorld } from './worlds';

describeAzureLayerContract("Microsoft's published examples", fixtureWorld);

const COLLECTION = `${PREMIUM_ID}/providers/Microsoft.Security/apiCollections/echo-api`;
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const RESOURCE = new RegExp(`^${esc(COLLECTION)}\\?`);
/** The Location of the examples, on the contract server; polls of it carry $asyncScope / $retryUntil. */
const POLL = new RegExp(`^${esc(COLLECTION)}\\?api-version=2023-11-15&\\$`);

describe('onboarding (apiCollections PUT, 2023-11-15) in every shape Azure may answer', () => {
  let server: ContractServer;
  beforeEach(async () => {
    server = await ContractServer.start();
  });
  afterEach(() => server.close());

  const api = () => new ApiCollectionsApi(connectionTo(server.url, server.caCertificatePem));
  const onboard = () => api().onboard(PREMIUM_ID, 'echo-api', { pollIntervalMs: 10 });
  const inProgress: Answer = { status: 200, body: fixtureAnswer('apiCollections.onboard.json', 201).body };
  const failed: Answer = {
    status: 200,
    body: { ...(ECHO_COLLECTION as object), properties: { provisioningState: 'Failed' } },
  };
  const succeeded = () => fixtureAnswer('apiCollections.onboard.json', 200);
  const calls = () => server.requests.map((r) => `${r.method} ${POLL.test(r.path) ? 'poll' : 'resource'}`);
  const script = (put: Answer[], polls: Answer[], gets: Answer[] = []) =>
    server.script([
      { method: 'PUT', path: RESOURCE, answers: put },
      { method: 'GET', path: POLL, answers: polls.length ? polls : [{ status: 500 }] },
      { method: 'GET', path: RESOURCE, answers: gets.length ? gets : [{ status: 500 }] },
    ]);

  test('200 with the Succeeded collection: done at once, no poll', async () => {
    script([succeeded()], []);
    expect(await onboard()).toEqual(ECHO_COLLECTION);
    expect(calls()).toEqual(['PUT resource']);
  });

  test('201 + Location with the InProgress body (the example): the Location is polled until 200 Succeeded', async () => {
    script([fixtureAnswer('apiCollections.onboard.json', 201, server.url)], [succeeded()]);
    expect(await onboard()).toEqual(ECHO_COLLECTION);
    expect(calls()).toEqual(['PUT resource', 'GET poll']);
  });

  test('polls answering 202, then 200 Succeeded', async () => {
    const accepted = fixtureAnswer('apiCollections.onboard.accepted.json', 202, server.url);
    script([accepted], [accepted, accepted, succeeded()]);
    expect(await onboard()).toEqual(ECHO_COLLECTION);
    expect(calls()).toEqual(['PUT resource', 'GET poll', 'GET poll', 'GET poll']);
  });

  test('polls answering 200 with provisioningState InProgress keep polling until Succeeded', async () => {
    script([fixtureAnswer('apiCollections.onboard.json', 201, server.url)], [inProgress, inProgress, succeeded()]);
    expect(await onboard()).toEqual(ECHO_COLLECTION);
    expect(calls()).toEqual(['PUT resource', 'GET poll', 'GET poll', 'GET poll']);
  });

  test('201 Accepted without a Location (the earlier example): the resource itself is read until Succeeded', async () => {
    script([fixtureAnswer('apiCollections.onboard.accepted.json', 201)], [], [inProgress, succeeded()]);
    expect(await onboard()).toEqual(ECHO_COLLECTION);
    expect(calls()).toEqual(['PUT resource', 'GET resource', 'GET resource']);
  });

  test('a poll answering provisioningState Failed fails the onboarding, it is not reported done', async () => {
    script([fixtureAnswer('apiCollections.onboard.json', 201, server.url)], [inProgress, failed]);
    await expect(onboard()).rejects.toMatchObject({ code: 'azure_unavailable' });
  });

  test.each([200, 204])('offboarding answered %i succeeds', async (status) => {
    server.script([
      { method: 'DELETE', path: RESOURCE, answers: [fixtureAnswer('apiCollections.offboard.json', status)] },
    ]);
    await expect(api().offboard(PREMIUM_ID, 'echo-api')).resolves.toBeUndefined();
  });

  test('a collection found InProgress is read again until it settles', async () => {
    script([], [], [inProgress, inProgress, succeeded()]);
    expect(await api().settled(PREMIUM_ID, 'echo-api', { pollIntervalMs: 10 })).toEqual(ECHO_COLLECTION);
    expect(calls()).toEqual(['GET resource', 'GET resource', 'GET resource']);
  });
});

describe('what the layer sends', () => {
  let server: ContractServer;
  beforeEach(async () => {
    server = await ContractServer.start();
    server.script(fixtureRoutes(server.url));
  });
  afterEach(() => server.close());
  const reader = () => new SdkAzureReader(connectionTo(server.url, server.caCertificatePem), { metricsConcurrency: 1 });

  test('ARM calls carry a management.azure.com token; the batch host gets one for its own scope', async () => {
    const services = [
      { id: PREMIUM_ID, name: 'p', resourceGroup: 'rg1', region: 'eastus', sku: 'Premium' },
      { id: CONSUMPTION_ID, name: 'c', resourceGroup: 'rg1', region: 'eastus', sku: 'Consumption' },
    ];
    await reader().listApimServices(SUB);
    await reader().requestTotals(services, WINDOW);
    await reader().getDefenderPlan(SUB);
    const audiences = server.requests.map((r) => `${r.path.startsWith('/_regions/') ? 'batch' : 'arm'} ${r.audience}`);
    expect([...new Set(audiences)].sort()).toEqual([
      'arm https://management.azure.com',
      'batch https://metrics.monitor.azure.com',
    ]);
  });

  test('a plan change PUTs pricingTier and subPlan at 2024-01-01 and reports what Azure answers then', async () => {
    server.script([
      ...fixtureRoutes(server.url).filter((r) => !/pricings/.test(r.path.source)),
      {
        method: 'PUT',
        path: /pricings\/Api\?api-version=2024-01-01$/,
        answers: [fixtureAnswer('pricings.put.2024-01-01.json', 200)],
      },
      {
        method: 'GET',
        path: /pricings\/Api\?api-version=2024-01-01$/,
        answers: [fixtureAnswer('pricings.put.2024-01-01.json', 200)],
      },
    ]);
    expect(await reader().setDefenderPlan(SUB, 'P3')).toMatchObject({ tier: 'Standard', planId: 'P3' });
    const put = server.requests.find((r) => r.method === 'PUT');
    expect(JSON.parse(put?.body ?? '{}')).toEqual({ properties: { pricingTier: 'Standard', subPlan: 'P3' } });
  });
});
