import { callSandbox, getAllPages } from '../../helpers/sandbox-http';
import { basicScenario, serviceId, startWith, SUB_A } from './fixtures';
import type { ScenarioService } from '../../../src/sandbox';

type Service = {
  id: string;
  name: string;
  location: string;
  sku: { name: string; capacity: number };
  properties: Record<string, unknown>;
};
type Api = { id: string; name: string; properties: { displayName: string; path: string; isCurrent: boolean } };

function manyServices(count: number): ScenarioService[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `apim-${String(i).padStart(2, '0')}`,
    resourceGroup: i % 2 === 0 ? 'rg-even' : 'rg-odd',
    location: 'westeurope',
    sku: 'Standard' as const,
    apis: Array.from({ length: i === 0 ? 12 : 0 }, (_, j) => ({
      name: `api-${j}`,
      displayName: `API ${j}`,
      path: `p${j}`,
    })),
  }));
}

describe('API Management services and APIs', () => {
  it('the service list pages with absolute nextLinks until every service is returned', async () => {
    const scenario = basicScenario();
    scenario.subscriptions[0]!.apiManagementServices = manyServices(12);
    const s = await startWith(scenario);
    try {
      const first = `/subscriptions/${SUB_A}/providers/Microsoft.ApiManagement/service?api-version=2024-05-01`;
      const { items, fetched } = await getAllPages<Service>(s.sandbox, first);
      expect(items.map((i) => i.name)).toEqual(manyServices(12).map((m) => m.name));
      expect(fetched).toHaveLength(3);
      expect(fetched[1]).toBe(`${s.sandbox.url}${first.split('?')[0]}?api-version=2024-05-01&$skiptoken=5`);
      expect(fetched[2]).toMatch(new RegExp(`^${s.sandbox.url}/.*\\$skiptoken=10$`));
      const last = await callSandbox<{ nextLink?: string }>(s.sandbox, fetched[2]!);
      expect(last.body).not.toHaveProperty('nextLink');
    } finally {
      await s.stop();
    }
  });

  it('a list that exactly fills its last page ends there, without an empty extra page', async () => {
    const scenario = basicScenario();
    scenario.subscriptions[0]!.apiManagementServices = manyServices(10);
    const s = await startWith(scenario);
    try {
      const first = `/subscriptions/${SUB_A}/providers/Microsoft.ApiManagement/service?api-version=2024-05-01`;
      const { items, fetched } = await getAllPages<Service>(s.sandbox, first);
      expect(items).toHaveLength(10);
      expect(fetched).toHaveLength(2);
    } finally {
      await s.stop();
    }
  });

  it('the resource-group list returns only that group, and an unknown group is ResourceGroupNotFound', async () => {
    const scenario = basicScenario();
    scenario.subscriptions[0]!.apiManagementServices = manyServices(12);
    const s = await startWith(scenario);
    try {
      const base = `/subscriptions/${SUB_A}/resourceGroups/RG-ODD/providers/Microsoft.ApiManagement/service?api-version=2024-05-01`;
      const { items } = await getAllPages<Service>(s.sandbox, base);
      expect(items.map((i) => i.name)).toEqual(['apim-01', 'apim-03', 'apim-05', 'apim-07', 'apim-09', 'apim-11']);
      const missing = await callSandbox<{ error: { code: string } }>(s.sandbox, base.replace('RG-ODD', 'rg-none'));
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('ResourceGroupNotFound');
    } finally {
      await s.stop();
    }
  });

  it('a service has the ARM shape: display location, capacity 0 for Consumption, gateway URL', async () => {
    const s = await startWith(basicScenario());
    try {
      const { items } = await getAllPages<Service>(
        s.sandbox,
        `/subscriptions/${SUB_A}/providers/Microsoft.ApiManagement/service?api-version=2022-08-01`,
      );
      const byName = new Map(items.map((i) => [i.name, i]));
      expect(byName.get('apim-a1')).toMatchObject({
        id: serviceId(SUB_A, 'rg-a', 'apim-a1'),
        type: 'Microsoft.ApiManagement/service',
        location: 'East US',
        sku: { name: 'Premium', capacity: 1 },
        tags: {},
        properties: {
          provisioningState: 'Succeeded',
          gatewayUrl: 'https://apim-a1.azure-api.net',
          platformVersion: 'stv2',
        },
      });
      expect(byName.get('apim-a2')?.sku).toEqual({ name: 'Consumption', capacity: 0 });
      expect(byName.get('apim-a3')?.location).toBe('West Europe');
      const single = await callSandbox<Service>(
        s.sandbox,
        `${serviceId(SUB_A, 'rg-a', 'apim-a1')}?api-version=2024-05-01`,
      );
      expect(single.body.id).toBe(serviceId(SUB_A, 'rg-a', 'apim-a1'));
    } finally {
      await s.stop();
    }
  });

  it('the API list pages through every API of a service and ignores $filter=isCurrent eq true', async () => {
    const scenario = basicScenario();
    scenario.subscriptions[0]!.apiManagementServices = manyServices(1);
    const s = await startWith(scenario);
    try {
      const id = serviceId(SUB_A, 'rg-even', 'apim-00');
      const { items, fetched } = await getAllPages<Api>(
        s.sandbox,
        `${id}/apis?api-version=2024-05-01&$filter=isCurrent%20eq%20true`,
      );
      expect(items).toHaveLength(12);
      expect(fetched).toHaveLength(3);
      expect(fetched[1]).toContain('$filter=isCurrent%20eq%20true');
      expect(items[0]).toMatchObject({
        id: `${id}/apis/api-0`,
        type: 'Microsoft.ApiManagement/service/apis',
        name: 'api-0',
        properties: {
          displayName: 'API 0',
          path: 'p0',
          apiRevision: '1',
          isCurrent: true,
          protocols: ['https'],
          type: 'http',
        },
      });
    } finally {
      await s.stop();
    }
  });

  it('a scenario pageSize changes the page length', async () => {
    const scenario = basicScenario({ pageSize: 2 });
    const s = await startWith(scenario);
    try {
      const { items, fetched } = await getAllPages<Service>(
        s.sandbox,
        `/subscriptions/${SUB_A}/providers/Microsoft.ApiManagement/service?api-version=2024-05-01`,
      );
      expect(items).toHaveLength(3);
      expect(fetched).toHaveLength(2);
    } finally {
      await s.stop();
    }
  });
});
