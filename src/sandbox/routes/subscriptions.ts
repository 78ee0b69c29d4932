/** Microsoft.Resources subscriptions: GET /subscriptions (paged) and GET /subscriptions/{id}. */
import type { Route, SandboxContext } from '../context';
import { pageOf } from '../paging';
import type { ScenarioSubscription } from '../scenario';
import { requireSubscription } from '../tenant';

const API_VERSIONS = ['2022-12-01', '2021-01-01', '2020-01-01'];
/** The sandbox's one Entra tenant. */
export const SANDBOX_TENANT_ID = '5a5a5a5a-0000-4000-8000-5a4e4bd0c0de';

function subscriptionBody(subscription: ScenarioSubscription) {
  return {
    id: `/subscriptions/${subscription.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: subscription.subscriptionId,
    tenantId: SANDBOX_TENANT_ID,
    displayName: subscription.displayName,
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'EnterpriseAgreement_2014-09-01',
      spendingLimit: 'Off',
    },
  };
}

function all(ctx: SandboxContext) {
  return ctx.scenario.subscriptions.map(subscriptionBody);
}

export const subscriptionRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/subscriptions',
    apiVersions: API_VERSIONS,
    handle: (req, ctx) => ({ body: pageOf(all(ctx), req, ctx) }),
  },
  {
    method: 'GET',
    pattern: '/subscriptions/{subscriptionId}',
    apiVersions: API_VERSIONS,
    handle: (req, ctx) => ({ body: subscriptionBody(requireSubscription(ctx, req.params.subscriptionId ?? '')) }),
  },
];
