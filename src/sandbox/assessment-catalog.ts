/**
 * Defender for Cloud assessment metadata the sandbox knows (reference §1.5, §2.4): the onboarding recommendation,
 * its companion "Defender for APIs should be enabled", and a few others so clients must find theirs by name. The
 * keys are the sandbox's own fixed GUIDs; the real ones are unpublished, so clients look them up by displayName.
 */
export const ONBOARDING_ASSESSMENT_KEY = 'fec12e4f-47ba-48d6-b545-fa0a8f351753';
export const PLAN_ENABLED_ASSESSMENT_KEY = '0c366479-a846-40e7-9a64-d6b5d28f40d4';
export const APIM_VNET_ASSESSMENT_KEY = '3ba2a39c-3b93-429e-adaa-8132e3865a20';
export const APIM_MIN_VERSION_ASSESSMENT_KEY = '6e063b5b-ec82-48f4-a87a-fe87f3540a29';
export const OWNER_MFA_ASSESSMENT_KEY = 'aed3321c-bad6-434b-83aa-faff4e72c4a4';

export interface AssessmentMetadata {
  key: string;
  displayName: string;
  severity: 'High' | 'Medium' | 'Low';
  categories: string[];
  description: string;
  remediationDescription: string;
  userImpact: 'High' | 'Moderate' | 'Low';
  implementationEffort: 'High' | 'Moderate' | 'Low';
  threats: string[];
}

export const ASSESSMENT_CATALOG: readonly AssessmentMetadata[] = [
  {
    key: ONBOARDING_ASSESSMENT_KEY,
    displayName: 'Azure API Management APIs should be onboarded to Defender for APIs',
    severity: 'High',
    categories: ['Data'],
    description:
      'Onboarding APIs to Defender for APIs requires compute and memory utilization on the Azure API Management ' +
      'service. Monitor the performance of your Azure API Management service while onboarding APIs, and scale out ' +
      'your Azure API Management resources as needed.',
    remediationDescription:
      'Select the unhealthy APIs and select Fix to onboard them to Defender for APIs. Onboarding is per API; all of ' +
      "its revisions are included. Don't onboard all APIs at once if the API Management service is highly utilized.",
    userImpact: 'Low',
    implementationEffort: 'Low',
    threats: ['dataExfiltration', 'accountBreach', 'missingCoverage'],
  },
  {
    key: PLAN_ENABLED_ASSESSMENT_KEY,
    displayName: 'Microsoft Defender for APIs should be enabled',
    severity: 'High',
    categories: ['Data'],
    description:
      'Enable the Defender for APIs plan to discover and protect API resources against attacks and security ' +
      'misconfigurations.',
    remediationDescription: 'Enable the Defender for APIs plan (pricing "Api") on the subscription.',
    userImpact: 'Low',
    implementationEffort: 'Low',
    threats: ['dataExfiltration', 'missingCoverage'],
  },
  {
    key: APIM_VNET_ASSESSMENT_KEY,
    displayName: 'API Management services should use a virtual network',
    severity: 'Medium',
    categories: ['Networking'],
    description:
      'Azure Virtual Network deployment provides enhanced security and isolation, and lets you place your API ' +
      'Management service in a non-internet routable network that you control.',
    remediationDescription: 'Deploy the API Management service into a virtual network (Developer and Premium tiers).',
    userImpact: 'Moderate',
    implementationEffort: 'Moderate',
    threats: ['dataExfiltration'],
  },
  {
    key: APIM_MIN_VERSION_ASSESSMENT_KEY,
    displayName: 'API Management minimum API version should be set to 2019-12-01 or higher',
    severity: 'Medium',
    categories: ['Data'],
    description:
      'To prevent service secrets from being shared with read-only users, set the minimum API version to ' +
      '2019-12-01 or higher.',
    remediationDescription: 'Set apiVersionConstraint.minApiVersion on the API Management service.',
    userImpact: 'Low',
    implementationEffort: 'Low',
    threats: ['dataSpillage'],
  },
  {
    key: '6c6cc094-125d-42db-a9f1-f7d98c4413c6',
    displayName: 'API endpoints in Azure API Management should be authenticated',
    severity: 'High',
    categories: ['IdentityAndAccess'],
    description: 'API endpoints published within Azure API Management should enforce authentication.',
    remediationDescription: 'Require a subscription key, a JWT or a client certificate on the API operations.',
    userImpact: 'Moderate',
    implementationEffort: 'Moderate',
    threats: ['accountBreach', 'dataExfiltration'],
  },
  {
    key: '88412760-ea8d-4aad-beb1-681fc76cc02c',
    displayName: 'API endpoints that are unused should be disabled and removed from the Azure API Management service',
    severity: 'Low',
    categories: ['Data'],
    description: 'API endpoints that have not received traffic for 30 days are considered unused.',
    remediationDescription: 'Disable and remove the unused endpoints from the API Management service.',
    userImpact: 'Low',
    implementationEffort: 'Low',
    threats: ['threatResistance'],
  },
  {
    key: OWNER_MFA_ASSESSMENT_KEY,
    displayName: 'Accounts with owner permissions on Azure resources should be MFA enabled',
    severity: 'High',
    categories: ['IdentityAndAccess'],
    description: 'Enable multifactor authentication for accounts with owner permissions to prevent breaches.',
    remediationDescription: 'Require MFA for every account with the Owner role on the subscription.',
    userImpact: 'Moderate',
    implementationEffort: 'Low',
    threats: ['accountBreach'],
  },
];

/** By lower-case key: a subscription's assessments are tens of thousands of records for a large tenant. */
const BY_KEY = new Map(ASSESSMENT_CATALOG.map((entry) => [entry.key.toLowerCase(), entry]));

export function metadataOf(key: string): AssessmentMetadata | undefined {
  return BY_KEY.get(key.toLowerCase());
}

/** The `properties` object of a metadata resource. */
export function metadataProperties(entry: AssessmentMetadata) {
  return {
    displayName: entry.displayName,
    severity: entry.severity,
    categories: entry.categories,
    description: entry.description,
    remediationDescription: entry.remediationDescription,
    userImpact: entry.userImpact,
    implementationEffort: entry.implementationEffort,
    threats: entry.threats,
    assessmentType: 'BuiltIn',
    policyDefinitionId: `/providers/Microsoft.Authorization/policyDefinitions/${entry.key}`,
  };
}
