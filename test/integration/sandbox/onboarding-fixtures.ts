/** A subscription with APIs in every onboarding state, for the onboarding (assessments, apiCollections) tests. */
import type { Scenario } from '../../../src/sandbox';
import { NOW, serviceId, SUB_A, SUB_B } from './fixtures';

export const RG = 'rg-apis';
export const PREMIUM = serviceId(SUB_A, RG, 'apim-prem');
export const CONSUMPTION = serviceId(SUB_A, RG, 'apim-cons');
export const COLLECTIONS_VERSION = '2023-11-15';
/** The sandbox's fixed key of "Azure API Management APIs should be onboarded to Defender for APIs". */
export const ONBOARDING_KEY = 'fec12e4f-47ba-48d6-b545-fa0a8f351753';

export const collectionPath = (service: string, api: string, version = COLLECTIONS_VERSION): string =>
  `${service}/providers/Microsoft.Security/apiCollections/${api}?api-version=${version}`;

/**
 * apim-prem (Premium): orders (not onboarded → Unhealthy), payments (onboarded → Healthy), legacy-soap (declared
 * NotApplicable), lagging (onboarded but declared Unhealthy: the recommendation has not caught up yet).
 * apim-cons (Consumption): events (→ NotApplicable). Sub B has one Basic service with one API.
 */
export function onboardingScenario(extra: Partial<Scenario> = {}): Scenario {
  return {
    now: NOW,
    subscriptions: [
      {
        subscriptionId: SUB_A,
        displayName: 'Sub A',
        defenderForApis: { pricingTier: 'Standard', subPlan: 'P1' },
        apiManagementServices: [
          {
            name: 'apim-prem',
            resourceGroup: RG,
            location: 'eastus',
            sku: 'Premium',
            apis: [
              { name: 'orders-api', displayName: 'Orders API', path: 'orders' },
              { name: 'payments-api', displayName: 'Payments API', path: 'payments', onboarded: true },
              { name: 'legacy-soap', displayName: 'Legacy SOAP', path: 'soap', recommendation: 'NotApplicable' },
              {
                name: 'lagging-api',
                displayName: 'Lagging',
                path: 'lag',
                onboarded: true,
                recommendation: 'Unhealthy',
              },
            ],
          },
          {
            name: 'apim-cons',
            resourceGroup: RG,
            location: 'eastus',
            sku: 'Consumption',
            apis: [{ name: 'events-api', displayName: 'Events API', path: 'events' }],
          },
        ],
      },
      {
        subscriptionId: SUB_B,
        displayName: 'Sub B',
        apiManagementServices: [
          {
            name: 'apim-b',
            resourceGroup: 'rg-b',
            location: 'westeurope',
            sku: 'Basic',
            apis: [{ name: 'b-api', displayName: 'B API', path: 'b', onboarded: true }],
          },
        ],
      },
    ],
    ...extra,
  };
}
