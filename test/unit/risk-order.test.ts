import type { ApiCollection } from '../../src/domain/onboarding-types';
import { riskOrder } from '../../src/domain/risk-order';

function collection(name: string, counts: Partial<ApiCollection> = {}): ApiCollection {
  return {
    serviceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ApiManagement/service/apim',
    apiName: name,
    displayName: name,
    baseUrl: `https://apim.azure-api.net/${name}`,
    endpoints: 10,
    inactive: 0,
    unauthenticated: 0,
    external: 0,
    sensitive: 0,
    provisioningState: 'Succeeded',
    ...counts,
  };
}

const names = (list: ApiCollection[]) => list.map((c) => c.apiName);

describe('riskOrder', () => {
  test('unauthenticated endpoints used from the internet come first, even over sensitive data', () => {
    const order = riskOrder([
      collection('sensitive-only', { sensitive: 5 }),
      collection('exposed', { unauthenticated: 2, external: 3 }),
      collection('quiet'),
    ]);
    expect(names(order)).toEqual(['exposed', 'sensitive-only', 'quiet']);
  });

  test('unauthenticated endpoints without internet traffic rank below sensitive data', () => {
    const order = riskOrder([
      collection('internal-open', { unauthenticated: 8, external: 0 }),
      collection('sensitive', { sensitive: 1 }),
    ]);
    expect(names(order)).toEqual(['sensitive', 'internal-open']);
  });

  test('exposure is the smaller of unauthenticated and external', () => {
    const order = riskOrder([
      collection('lopsided', { unauthenticated: 9, external: 1 }),
      collection('balanced', { unauthenticated: 3, external: 3 }),
    ]);
    expect(names(order)).toEqual(['balanced', 'lopsided']);
  });

  test('then unauthenticated, external and endpoint counts break ties, then the name', () => {
    const order = riskOrder([
      collection('b-small', { endpoints: 3 }),
      collection('a-small', { endpoints: 3 }),
      collection('big', { endpoints: 30 }),
      collection('external', { external: 1 }),
      collection('open', { unauthenticated: 1 }),
    ]);
    expect(names(order)).toEqual(['open', 'external', 'big', 'a-small', 'b-small']);
  });

  test('the input is left as it was', () => {
    const input = [collection('b'), collection('a')];
    riskOrder(input);
    expect(names(input)).toEqual(['b', 'a']);
  });
});
