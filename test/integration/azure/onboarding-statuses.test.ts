import { ONBOARDING_STATES_QUERY, SdkOnboardingStatuses } from '../../../src/azure/onboarding-statuses';
import type { Sandbox } from '../../../src/sandbox';
import { callSandbox } from '../../helpers/sandbox-http';
import { sandboxWith } from '../../helpers/sandbox-connection';
import { scenario, service, subscription, SUB_DEV, SUB_PROD } from '../../helpers/scenarios';

const GRAPH_PATH = '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01';
const ASSESSMENT_LISTS = /\/providers\/Microsoft\.Security\/assessments\?/i;

/** Prod: orders (Unhealthy), payments (onboarded), legacy (not eligible), events on Consumption (N/A). Dev: one. */
function tenant(extra: object = {}) {
  const main = service({
    name: 'apim-main',
    apis: [
      { name: 'orders-api', displayName: 'Orders', path: 'orders' },
      { name: 'payments-api', displayName: 'Payments', path: 'payments', onboarded: true },
      { name: 'legacy-api', displayName: 'Legacy', path: 'legacy', recommendation: 'NotApplicable' },
    ],
  });
  const consumption = service({ name: 'apim-cons', sku: 'Consumption' });
  const dev = service({
    name: 'apim-dev',
    apis: [{ name: 'dev-api', displayName: 'Dev', path: 'dev', onboarded: true }],
  });
  return scenario([subscription(SUB_PROD, 'Prod', [main, consumption]), subscription(SUB_DEV, 'Dev', [dev])], extra);
}

const summary = (statuses: Map<string, { serviceId: string; apiName: string; status: string }[]>) =>
  Object.fromEntries(
    [...statuses].map(([id, list]) => [
      id,
      list.map((s) => `${s.serviceId.split('/').at(-1)}/${s.apiName} ${s.status}`).sort(),
    ]),
  );

describe('the onboarding state of many subscriptions: one Resource Graph query, ARM where it is denied', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => sandbox?.close());

  test('one query for every subscription, with only the APIs that are not Unhealthy (those count as onboardable)', async () => {
    const setup = await sandboxWith(tenant());
    sandbox = setup.sandbox;
    const statuses = await new SdkOnboardingStatuses(setup.connection).onboardingStatusesAcross([SUB_PROD, SUB_DEV]);
    expect(summary(statuses)).toEqual({
      [SUB_PROD]: [
        'apim-cons/apim-cons-api NotApplicable',
        'apim-main/legacy-api NotApplicable',
        'apim-main/payments-api Healthy',
      ],
      [SUB_DEV]: ['apim-dev/dev-api Healthy'],
    });
    expect(sandbox.requests().map((r) => r.graphTable ?? r.path)).toEqual(['securityresources']);
  });

  test('where Resource Graph answers 403, each subscription lists its assessments over ARM: the same statuses', async () => {
    const faults = [{ method: 'POST', pathRegex: 'Microsoft.ResourceGraph', status: 403 }];
    const setup = await sandboxWith(tenant({ faults }));
    sandbox = setup.sandbox;
    const statuses = await new SdkOnboardingStatuses(setup.connection).onboardingStatusesAcross([SUB_PROD, SUB_DEV]);
    // ARM lists every assessment, Unhealthy ones too.
    expect(summary(statuses)[SUB_PROD]).toEqual([
      'apim-cons/apim-cons-api NotApplicable',
      'apim-main/legacy-api NotApplicable',
      'apim-main/orders-api Unhealthy',
      'apim-main/payments-api Healthy',
    ]);
    expect(summary(statuses)[SUB_DEV]).toEqual(['apim-dev/dev-api Healthy']);
    const listed = sandbox.requests().filter((r) => ASSESSMENT_LISTS.test(r.path) && !/skiptoken/i.test(r.path));
    expect(listed.map((r) => r.path.split('/')[2]).sort()).toEqual([SUB_PROD, SUB_DEV].sort());
  });

  test('a subscription whose ARM assessments cannot be read is left out, the others are answered', async () => {
    const faults = [
      { method: 'POST', pathRegex: 'Microsoft.ResourceGraph', status: 403 },
      { method: 'GET', pathRegex: `${SUB_DEV}/providers/Microsoft.Security/assessments`, status: 403 },
    ];
    const setup = await sandboxWith(tenant({ faults }));
    sandbox = setup.sandbox;
    const statuses = await new SdkOnboardingStatuses(setup.connection).onboardingStatusesAcross([SUB_PROD, SUB_DEV]);
    expect([...statuses.keys()]).toEqual([SUB_PROD]);
  });

  test('the sandbox answers the query in Resource Graph rows, and refuses a variant it does not simulate', async () => {
    sandbox = (await sandboxWith(tenant())).sandbox;
    const answer = await callSandbox<{ totalRecords: number; data: object[] }>(sandbox, GRAPH_PATH, {
      method: 'POST',
      body: { subscriptions: [SUB_DEV], query: ONBOARDING_STATES_QUERY, options: { $top: 1000 } },
    });
    expect(answer.body).toMatchObject({ totalRecords: 1, count: 1, resultTruncated: 'false' });
    expect(answer.body.data).toEqual([
      {
        resourceId: `/subscriptions/${SUB_DEV}/resourceGroups/rg-apis/providers/Microsoft.ApiManagement/service/apim-dev/apis/dev-api`,
        statusCode: 'Healthy',
      },
    ]);
    const variant = ONBOARDING_STATES_QUERY.replace('properties.status.code', 'properties.status.cause');
    const refused = await callSandbox<{ error: { details: { code: string }[] } }>(sandbox, GRAPH_PATH, {
      method: 'POST',
      body: { subscriptions: [SUB_DEV], query: variant },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]?.code).toBe('InvalidQuery');
  });
});
