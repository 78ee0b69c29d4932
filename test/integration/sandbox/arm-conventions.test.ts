import { sandboxCredential, sandboxToken } from '../../../src/sandbox/tokens';
import { callSandbox } from '../../helpers/sandbox-http';
import { basicScenario, type Started, startWith, SUB_A } from './fixtures';

type ErrorBody = { error: { code: string; message: string } };

describe('the sandbox follows ARM conventions', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startWith(basicScenario());
  });
  afterAll(() => s.stop());

  const services = `/subscriptions/${SUB_A}/providers/Microsoft.ApiManagement/service`;

  it('requests without a bearer token get 401 AuthenticationFailed', async () => {
    const none = await callSandbox<ErrorBody>(s.sandbox, `${services}?api-version=2024-05-01`, { token: null });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('AuthenticationFailed');
    const empty = await callSandbox<ErrorBody>(s.sandbox, `${services}?api-version=2024-05-01`, { token: '' });
    expect(empty.status).toBe(401);
  });

  it('an unknown route gets an ARM 404 NotFound body', async () => {
    const res = await callSandbox<ErrorBody>(s.sandbox, `/subscriptions/${SUB_A}/providers/Microsoft.Nope/things`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NotFound');
  });

  it('a wrong or missing api-version gets 400 InvalidApiVersionParameter naming the supported versions', async () => {
    const wrong = await callSandbox<ErrorBody>(s.sandbox, `${services}?api-version=2019-01-01`);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('InvalidApiVersionParameter');
    expect(wrong.body.error.message).toContain('2024-05-01');
    const missing = await callSandbox<ErrorBody>(s.sandbox, services);
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('InvalidApiVersionParameter');
  });

  it('matches provider segments case-insensitively and decodes api%2Dversion', async () => {
    const lower = await callSandbox(
      s.sandbox,
      `/subscriptions/${SUB_A}/providers/microsoft.apimanagement/SERVICE?api%2Dversion=2024-05-01`,
    );
    expect(lower.status).toBe(200);
  });

  it('refuses a path with an empty segment ("//subscriptions/…"), which nothing documents ARM accepts', async () => {
    const doubled = await callSandbox<ErrorBody>(
      s.sandbox,
      `//subscriptions/${SUB_A}/providers/Microsoft.ApiManagement/service?api-version=2024-05-01`,
    );
    expect(doubled.status).toBe(400);
    expect(doubled.body.error.code).toBe('InvalidRequestUri');
  });

  it('refuses a token issued for another audience with 401 InvalidAuthenticationTokenAudience', async () => {
    const services = `/subscriptions/${SUB_A}/providers/Microsoft.ApiManagement/service?api-version=2024-05-01`;
    const metricsToken = sandboxToken('https://metrics.monitor.azure.com/.default');
    const onArm = await callSandbox<ErrorBody>(s.sandbox, services, { token: metricsToken });
    expect(onArm.status).toBe(401);
    expect(onArm.body.error.code).toBe('InvalidAuthenticationTokenAudience');
    // A bare resource URI is not a scope: the token the sandbox credential issues for it is refused everywhere.
    const bare = await sandboxCredential.getToken('https://management.azure.com');
    expect((await callSandbox<ErrorBody>(s.sandbox, services, { token: bare?.token ?? '' })).status).toBe(401);
    const batch = `/_regions/eastus/subscriptions/${SUB_A}/metrics:getBatch?api-version=2024-02-01&metricnamespace=Microsoft.ApiManagement/service&metricnames=Requests`;
    const armToken = sandboxToken('https://management.azure.com/.default');
    const onBatch = await callSandbox<ErrorBody>(s.sandbox, batch, {
      method: 'POST',
      body: { resourceids: [] },
      token: armToken,
    });
    expect(onBatch.status).toBe(401);
    expect(onBatch.body.error.code).toBe('InvalidAuthenticationTokenAudience');
    expect((await callSandbox<ErrorBody>(s.sandbox, services, { token: 'opaque' })).body.error.code).toBe(
      'InvalidAuthenticationToken',
    );
  });

  it('a path with broken percent-encoding is a 400, also on the sandbox control endpoints', async () => {
    const arm = await callSandbox<ErrorBody>(s.sandbox, '/subscriptions/%E0%A4%A?api-version=2022-12-01');
    expect(arm.status).toBe(400);
    expect(arm.body.error.code).toBe('InvalidRequestUri');
    expect((await callSandbox(s.sandbox, '/_sandbox/%E0%A4%A', { token: null })).status).toBe(400);
  });

  it('an unknown subscription is SubscriptionNotFound and an unknown service ResourceNotFound', async () => {
    const sub = await callSandbox<ErrorBody>(
      s.sandbox,
      '/subscriptions/99999999-9999-9999-9999-999999999999/providers/Microsoft.ApiManagement/service?api-version=2024-05-01',
    );
    expect(sub.status).toBe(404);
    expect(sub.body.error.code).toBe('SubscriptionNotFound');
    const svc = await callSandbox<ErrorBody>(
      s.sandbox,
      `/subscriptions/${SUB_A}/resourceGroups/rg-a/providers/Microsoft.ApiManagement/service/apim-zz?api-version=2024-05-01`,
    );
    expect(svc.status).toBe(404);
    expect(svc.body.error.code).toBe('ResourceNotFound');
  });

  it('reads carry the remaining-reads header, writes the remaining-writes one, every answer a request id', async () => {
    const read = await callSandbox(s.sandbox, `${services}?api-version=2024-05-01`);
    expect(read.headers['x-ms-ratelimit-remaining-subscription-reads']).toMatch(/^\d+$/);
    expect(read.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const write = await callSandbox(
      s.sandbox,
      `/subscriptions/${SUB_A}/providers/Microsoft.Security/pricings/Api?api-version=2024-01-01`,
      {
        method: 'PUT',
        body: { properties: { pricingTier: 'Standard', subPlan: 'P2' } },
      },
    );
    expect(write.status).toBe(200);
    expect(write.headers['x-ms-ratelimit-remaining-subscription-writes']).toMatch(/^\d+$/);
    const failed = await callSandbox(s.sandbox, '/nowhere');
    expect(failed.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(failed.headers['x-ms-ratelimit-remaining-subscription-reads']).toBeUndefined();
  });

  it('the subscription list and a single subscription have the ARM shape', async () => {
    const list = await callSandbox<{
      value: { id: string; subscriptionId: string; state: string; tenantId: string }[];
    }>(s.sandbox, '/subscriptions?api-version=2022-12-01');
    expect(list.body.value.map((v) => v.id)).toEqual([
      `/subscriptions/${SUB_A}`,
      '/subscriptions/22222222-2222-2222-2222-222222222222',
    ]);
    expect(list.body.value[0]).toMatchObject({ subscriptionId: SUB_A, displayName: 'Sub A', state: 'Enabled' });
    const one = await callSandbox<{ displayName: string }>(s.sandbox, `/subscriptions/${SUB_A}?api-version=2020-01-01`);
    expect(one.body.displayName).toBe('Sub A');
  });
});

describe('GET /_sandbox/requests', () => {
  it('lists every ARM request in order with its raw path and status, but not its own calls', async () => {
    const s = await startWith(basicScenario());
    try {
      await callSandbox(s.sandbox, '/subscriptions?api-version=2022-12-01');
      await callSandbox(s.sandbox, `//subscriptions/${SUB_A}?api%2Dversion=2022-12-01`, { token: null });
      await callSandbox(s.sandbox, '/_sandbox/health', { token: null });
      const listed = await callSandbox(s.sandbox, '/_sandbox/requests', { token: null });
      const expected = [
        { method: 'GET', path: '/subscriptions?api-version=2022-12-01', status: 200 },
        { method: 'GET', path: `//subscriptions/${SUB_A}?api%2Dversion=2022-12-01`, status: 401 },
      ];
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual(expected);
      expect(s.sandbox.requests()).toEqual(expected);
    } finally {
      await s.stop();
    }
  });

  it('GET /_sandbox/health answers ok without a token', async () => {
    const s = await startWith(basicScenario());
    try {
      const res = await callSandbox(s.sandbox, '/_sandbox/health', { token: null });
      expect(res).toMatchObject({ status: 200, body: { ok: true } });
    } finally {
      await s.stop();
    }
  });
});
