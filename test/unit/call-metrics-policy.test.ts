import { operationOf } from '../../src/azure/call-metrics-policy';

describe('Azure call metrics: operation labels name the resource type, never a resource', () => {
  test.each([
    ['GET', 'https://management.azure.com/subscriptions?api-version=2022-12-01', 'GET subscriptions'],
    [
      'GET',
      'https://management.azure.com/subscriptions/1111/providers/Microsoft.ApiManagement/service?api-version=2024-05-01',
      'GET microsoft.apimanagement/service',
    ],
    [
      'PUT',
      'https://management.azure.com/subscriptions/1111/resourceGroups/rg/providers/Microsoft.ApiManagement/service/apim-a/providers/Microsoft.Security/apiCollections/orders?api-version=2023-11-15',
      'PUT microsoft.security/apicollections',
    ],
    [
      'GET',
      'https://management.azure.com/subscriptions/1111/resourceGroups/rg/providers/Microsoft.ApiManagement/service/apim-a/apis/orders',
      'GET microsoft.apimanagement/service/apis',
    ],
    [
      'POST',
      'https://eastus.metrics.monitor.azure.com/subscriptions/1111/metrics:getBatch?x=1',
      'POST metrics:getbatch',
    ],
  ])('%s %s → %s', (method, url, expected) => {
    expect(operationOf(method, url)).toBe(expected);
  });
});
