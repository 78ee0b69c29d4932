import { getClient } from '@azure-rest/core-client';
import { ApiManagementApi } from '../../../src/azure/api-management';
import { commonClientOptions } from '../../../src/azure/connection';
import { fetchAllPages } from '../../../src/azure/paging';
import type { Sandbox } from '../../../src/sandbox';
import { sandboxWith } from '../../helpers/sandbox-connection';
import { scenario, service, subscription, SUB_PROD } from '../../helpers/scenarios';

const FIVE = Array.from({ length: 5 }, (_, i) => service({ name: `apim-${i}`, perDay: 1 }));

describe('a list that stops at a bound says so', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => sandbox?.close());

  test('the service list stops at its bound and names it; under the bound nothing is marked', async () => {
    const setup = await sandboxWith(scenario([subscription(SUB_PROD, 'Prod', FIVE)], { pageSize: 2 }));
    sandbox = setup.sandbox;
    const cut = await new ApiManagementApi(setup.connection, 3).listServices(SUB_PROD);
    expect(cut).toHaveLength(3);
    expect(cut.stoppedEarly).toBe('the first 3 API Management services');
    const whole = await new ApiManagementApi(setup.connection, 5).listServices(SUB_PROD);
    expect(whole).toHaveLength(5);
    expect(whole.stoppedEarly).toBeUndefined();
  });

  test('nextLink paging stops at its page bound with a nextLink left, and says so', async () => {
    const setup = await sandboxWith(scenario([subscription(SUB_PROD, 'Prod', FIVE)], { pageSize: 2 }));
    sandbox = setup.sandbox;
    const client = getClient(
      setup.connection.armEndpoint,
      setup.connection.credential,
      commonClientOptions(setup.connection),
    );
    const path = `/subscriptions/${SUB_PROD}/providers/Microsoft.ApiManagement/service?api-version=2024-05-01`;
    const cut = await fetchAllPages(client, path, undefined, 2);
    expect(cut).toHaveLength(4);
    expect(cut.stoppedEarly).toBe('the first 2 pages');
    const whole = await fetchAllPages(client, path, undefined, 3);
    expect(whole).toHaveLength(5);
    expect(whole.stoppedEarly).toBeUndefined();
  });
});
