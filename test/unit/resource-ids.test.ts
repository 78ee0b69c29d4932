import { apimServiceOf, parseResourceId, subscriptionIdOf } from '../../src/azure/resource-ids';

const ID =
  '/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg-apis/providers/Microsoft.ApiManagement/service/apim-orders';

describe('ARM resource ids', () => {
  it('names the subscription, resource group and resource, with segment names in any case', () => {
    const parts = {
      subscriptionId: '11111111-1111-4111-8111-111111111111',
      resourceGroup: 'rg-apis',
      name: 'apim-orders',
    };
    expect(parseResourceId(ID)).toEqual(parts);
    expect(
      parseResourceId(ID.replace('subscriptions', 'SUBSCRIPTIONS').replace('resourceGroups', 'resourcegroups')),
    ).toEqual(parts);
    expect(parseResourceId(ID.slice(1))).toEqual(parts);
    expect(parseResourceId(`${ID}/`)).toEqual(parts);
    expect(subscriptionIdOf(ID)).toBe(parts.subscriptionId);
  });

  it('names the last segment of a child resource, and gives empty parts for what an id lacks', () => {
    expect(parseResourceId(`${ID}/apis/orders`).name).toBe('orders');
    expect(parseResourceId('/subscriptions/abc')).toEqual({ subscriptionId: 'abc', resourceGroup: '', name: 'abc' });
    expect(parseResourceId('')).toEqual({ subscriptionId: '', resourceGroup: '', name: '' });
    expect(subscriptionIdOf('/providers/Microsoft.Security/pricings/Api')).toBe('');
    // A resource group named like a segment is still the group, not the subscription.
    expect(parseResourceId('/subscriptions/s1/resourceGroups/subscriptions/providers/x/y/z').resourceGroup).toBe(
      'subscriptions',
    );
  });

  it('turns a listed service into ours, or nothing without an id or a name', () => {
    expect(apimServiceOf({ id: ID, name: 'apim-orders', location: 'East US 2', sku: { name: 'Premium' } })).toEqual({
      id: ID,
      name: 'apim-orders',
      resourceGroup: 'rg-apis',
      region: 'eastus2',
      sku: 'Premium',
    });
    expect(apimServiceOf({ id: ID })).toBeUndefined();
    expect(apimServiceOf({ name: 'x', sku: null })).toBeUndefined();
  });
});
