import { callSandbox, getAllPages } from '../../helpers/sandbox-http';
import { startWith, SUB_A, SUB_B } from './fixtures';
import { CONSUMPTION, ONBOARDING_KEY, onboardingScenario, PREMIUM } from './onboarding-fixtures';

const ONBOARDING = 'Azure API Management APIs should be onboarded to Defender for APIs';

interface Metadata {
  id: string;
  name: string;
  properties: { displayName: string; severity: string; categories: string[]; description: string };
}
interface Assessment {
  id: string;
  name: string;
  type: string;
  properties: {
    displayName: string;
    resourceDetails: Record<string, string>;
    status: {
      code: string;
      cause?: string;
      description?: string;
      firstEvaluationDate: string;
      statusChangeDate: string;
    };
  };
}
type ErrorBody = { error: { code: string; message: string } };

const assessmentsOf = (sub: string, version = '2021-06-01') =>
  `/subscriptions/${sub}/providers/Microsoft.Security/assessments?api-version=${version}`;
const byApi = (items: Assessment[]) =>
  Object.fromEntries(
    items
      .filter((a) => a.name === ONBOARDING_KEY)
      .map((a) => [a.properties.resourceDetails.Id?.split('/').at(-1), a.properties.status.code]),
  );

describe('assessment metadata', () => {
  it('lists the onboarding recommendation exactly once, with severity, categories and texts, across pages', async () => {
    const s = await startWith(onboardingScenario());
    try {
      const { items, fetched } = await getAllPages<Metadata>(
        s.sandbox,
        '/providers/Microsoft.Security/assessmentMetadata?api-version=2021-06-01',
      );
      expect(fetched.length).toBeGreaterThan(1);
      const onboarding = items.filter((m) => m.properties.displayName === ONBOARDING);
      expect(onboarding).toHaveLength(1);
      expect(onboarding[0]).toMatchObject({
        id: `/providers/Microsoft.Security/assessmentMetadata/${ONBOARDING_KEY}`,
        name: ONBOARDING_KEY,
        properties: { severity: 'High', categories: ['Data'], assessmentType: 'BuiltIn' },
      });
      expect(onboarding[0]!.properties.description).toMatch(/API Management/);
      expect(onboarding[0]).toHaveProperty('properties.remediationDescription');
      expect(items.map((m) => m.properties.displayName)).toContain('Microsoft Defender for APIs should be enabled');
    } finally {
      await s.stop();
    }
  });

  it('the subscription list and get by key answer the same entries under the subscription id', async () => {
    const s = await startWith(onboardingScenario());
    try {
      const base = `/subscriptions/${SUB_A}/providers/Microsoft.Security/assessmentMetadata`;
      const { items } = await getAllPages<Metadata>(s.sandbox, `${base}?api-version=2025-05-04`);
      expect(items.every((m) => m.id.startsWith(`${base}/`))).toBe(true);
      const one = await callSandbox<Metadata>(s.sandbox, `${base}/${ONBOARDING_KEY}?api-version=2020-01-01`);
      expect(one.body.properties.displayName).toBe(ONBOARDING);
      const missing = await callSandbox<ErrorBody>(
        s.sandbox,
        `${base}/00000000-0000-0000-0000-000000000000?api-version=2021-06-01`,
      );
      expect(missing.status).toBe(404);
    } finally {
      await s.stop();
    }
  });
});

describe('assessments', () => {
  it('every APIM API has one onboarding assessment whose status follows the scenario rules', async () => {
    const s = await startWith(onboardingScenario());
    try {
      const { items, fetched } = await getAllPages<Assessment>(s.sandbox, assessmentsOf(SUB_A));
      expect(fetched.length).toBe(3); // 2 services × 2 + 5 APIs + 2 on the subscription = 11, pages of 5
      expect(byApi(items)).toEqual({
        'orders-api': 'Unhealthy',
        'payments-api': 'Healthy',
        'legacy-soap': 'NotApplicable',
        'lagging-api': 'Unhealthy',
        'events-api': 'NotApplicable',
      });
      // Other recommendations are in the same list, so clients must filter by key.
      expect(items.filter((a) => a.name !== ONBOARDING_KEY).length).toBe(6);
    } finally {
      await s.stop();
    }
  });

  it('an assessment has the ARM shape, both resourceDetails casings, and a cause on Consumption', async () => {
    const s = await startWith(onboardingScenario());
    try {
      const { items } = await getAllPages<Assessment>(s.sandbox, assessmentsOf(SUB_A, '2025-05-04'));
      const events = items.find((a) => a.id.startsWith(`${CONSUMPTION}/apis/events-api/`))!;
      const apiId = `${CONSUMPTION}/apis/events-api`;
      expect(events).toMatchObject({
        id: `${apiId}/providers/Microsoft.Security/assessments/${ONBOARDING_KEY}`,
        name: ONBOARDING_KEY,
        type: 'Microsoft.Security/assessments',
        properties: {
          displayName: ONBOARDING,
          resourceDetails: { Source: 'Azure', Id: apiId, source: 'Azure', id: apiId },
          status: { code: 'NotApplicable', cause: 'OffByPolicy' },
        },
      });
      expect(events.properties.status.description).toMatch(/Consumption tier/);
      expect(Date.parse(events.properties.status.firstEvaluationDate)).toBeLessThan(
        Date.parse(events.properties.status.statusChangeDate) + 1,
      );
      const unhealthy = items.find((a) => a.id.startsWith(`${PREMIUM}/apis/orders-api/`))!;
      expect(unhealthy.properties.status).not.toHaveProperty('cause');
    } finally {
      await s.stop();
    }
  });

  it('one assessment is read by resource id and key; an unknown one is 404', async () => {
    const s = await startWith(onboardingScenario());
    try {
      const path = `${PREMIUM}/apis/payments-api/providers/Microsoft.Security/assessments/${ONBOARDING_KEY}`;
      const one = await callSandbox<Assessment>(s.sandbox, `${path}?api-version=2021-06-01&$expand=metadata`);
      expect(one.status).toBe(200);
      expect(one.body.properties.status.code).toBe('Healthy');
      expect(one.body).toHaveProperty('properties.metadata.severity', 'High');
      const missing = await callSandbox<ErrorBody>(
        s.sandbox,
        `${path.replace('payments', 'nope')}?api-version=2021-06-01`,
      );
      expect(missing.status).toBe(404);
    } finally {
      await s.stop();
    }
  });

  it('a list at a service scope holds only that service and its APIs', async () => {
    const s = await startWith(onboardingScenario());
    try {
      const { items } = await getAllPages<Assessment>(
        s.sandbox,
        `${CONSUMPTION}/providers/Microsoft.Security/assessments?api-version=2020-01-01`,
      );
      expect(items.length).toBe(3);
      expect(items.every((a) => a.id.startsWith(`${CONSUMPTION}/`))).toBe(true);
    } finally {
      await s.stop();
    }
  });

  it('the plan assessment follows the Api pricing, and unknown api-versions are refused', async () => {
    const s = await startWith(onboardingScenario());
    try {
      const plan = async (sub: string) => {
        const { items } = await getAllPages<Assessment>(s.sandbox, assessmentsOf(sub));
        const found = items.find((a) => a.properties.displayName === 'Microsoft Defender for APIs should be enabled');
        return found?.properties.status.code;
      };
      expect(await plan(SUB_A)).toBe('Healthy');
      expect(await plan(SUB_B)).toBe('Unhealthy');
      const wrong = await callSandbox<ErrorBody>(s.sandbox, assessmentsOf(SUB_A, '2019-01-01'));
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.code).toBe('InvalidApiVersionParameter');
    } finally {
      await s.stop();
    }
  });
});
