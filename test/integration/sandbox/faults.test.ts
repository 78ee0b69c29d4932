import { callSandbox } from '../../helpers/sandbox-http';
import { basicScenario, startWith, SUB_A } from './fixtures';

type ErrorBody = { error: { code: string; message: string } };
const SERVICES = `/subscriptions/${SUB_A}/providers/Microsoft.ApiManagement/service?api-version=2024-05-01`;

describe('scenario faults', () => {
  it('a 429 fault answers count times with Retry-After, then the real answer', async () => {
    const s = await startWith(
      basicScenario({
        faults: [
          {
            method: 'GET',
            pathRegex: 'Microsoft\\.ApiManagement/service\\?',
            status: 429,
            retryAfterSeconds: 7,
            count: 2,
          },
        ],
      }),
    );
    try {
      for (let i = 0; i < 2; i++) {
        const res = await callSandbox<ErrorBody>(s.sandbox, SERVICES);
        expect(res.status).toBe(429);
        expect(res.headers['retry-after']).toBe('7');
        expect(res.body.error.code).toBe('SubscriptionRequestsThrottled');
      }
      const third = await callSandbox(s.sandbox, SERVICES);
      expect(third.status).toBe(200);
      expect(s.sandbox.requests().map((r) => r.status)).toEqual([429, 429, 200]);
    } finally {
      await s.stop();
    }
  });

  it('a fault without count answers every matching request, and only matching methods and paths', async () => {
    const s = await startWith(basicScenario({ faults: [{ method: 'PUT', pathRegex: '/pricings/', status: 503 }] }));
    try {
      const put = () =>
        callSandbox<ErrorBody>(
          s.sandbox,
          `/subscriptions/${SUB_A}/providers/Microsoft.Security/pricings/Api?api-version=2024-01-01`,
          {
            method: 'PUT',
            body: { properties: { pricingTier: 'Free' } },
          },
        );
      for (let i = 0; i < 3; i++) {
        const res = await put();
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('1');
        expect(res.body.error.code).toBe('ServiceUnavailable');
      }
      const get = await callSandbox(
        s.sandbox,
        `/subscriptions/${SUB_A}/providers/Microsoft.Security/pricings/Api?api-version=2024-01-01`,
      );
      expect(get.status).toBe(200);
    } finally {
      await s.stop();
    }
  });

  it('latencyMs still gives the real answer', async () => {
    const s = await startWith(basicScenario({ latencyMs: 20 }));
    try {
      expect((await callSandbox(s.sandbox, SERVICES)).status).toBe(200);
    } finally {
      await s.stop();
    }
  });
});
